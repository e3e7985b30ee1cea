/**
 * The fast path's forwarders (stack/fast-path-forwarders.yml) in the template `serverless package`
 * builds (see support/template.ts): the StackSet, its instances and parameters, its stack-specific
 * roles, the order in which `serverless remove` deletes them, and how it all follows the deploy
 * region and fastPathRegions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  conditionValue,
  DEFAULT_SIGN_IN_EVENTS,
  forwarderTemplateText,
  subIn,
} from '../support/fast-path.js';
import { ACCOUNT_REF } from '../support/stack-expectations.js';
import {
  created,
  createdResources,
  getAtt,
  type PolicyDocument,
  type PolicyStatement,
  type Props,
  packagedTemplate,
  type Template,
} from '../support/template.js';

const ROLES = [
  'FastPathForwarderRole',
  'FastPathStackSetAdministrationRole',
  'FastPathStackSetExecutionRole',
];

const stackSet = (template: Template) => created(template, 'FastPathStackSet').Properties;
const parameters = (template: Template) =>
  Object.fromEntries(
    (stackSet(template).Parameters as { ParameterKey: string; ParameterValue: unknown }[]).map(
      ({ ParameterKey, ParameterValue }) => [ParameterKey, ParameterValue],
    ),
  );
const trust = (template: Template, role: string) =>
  (created(template, role).Properties.AssumeRolePolicyDocument as PolicyDocument).Statement;
const grants = (template: Template, role: string): PolicyStatement[] =>
  (created(template, role).Properties.Policies as { PolicyDocument: PolicyDocument }[]).flatMap(
    ({ PolicyDocument }) => PolicyDocument.Statement,
  );

describe('stack with default parameters: the forwarders', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
  });

  it('deploys the forwarder template into the default regions but the deploy region, in this account', async () => {
    const properties = stackSet(template);

    expect(properties).toMatchObject({
      StackSetName: 'console-login-notifier-prod-fast-path-us-east-1',
      PermissionModel: 'SELF_MANAGED',
      AdministrationRoleARN: getAtt('FastPathStackSetAdministrationRole'),
      ExecutionRoleName: { Ref: 'FastPathStackSetExecutionRole' },
      TemplateBody: await forwarderTemplateText(),
    });
    expect(properties.StackInstancesGroup).toEqual([
      {
        DeploymentTargets: { Accounts: [ACCOUNT_REF] },
        Regions: ['ap-southeast-2', 'eu-north-1', 'us-east-2'],
      },
    ]);
    // The forwarder template creates no IAM resource: no capability to acknowledge.
    expect(properties).not.toHaveProperty('Capabilities');
  });

  it('points the forwarders at the deploy region’s default bus, through the forwarder role', () => {
    expect(subIn(parameters(template).TargetEventBusArn, 'us-east-1')).toBe(
      'arn:aws:events:us-east-1:111122223333:event-bus/default',
    );
    expect(parameters(template)).toMatchObject({
      ForwarderRoleArn: getAtt('FastPathForwarderRole'),
      RuleName: 'console-login-notifier-prod-to-us-east-1',
      EventNames: DEFAULT_SIGN_IN_EVENTS.join(','),
    });
  });

  it('gives the roles names of this stack and region, not the well-known StackSet roles', () => {
    const names = ROLES.map((role) => created(template, role).Properties.RoleName);

    expect(names).toEqual([
      'console-login-notifier-prod-us-east-1-fast-path-forward',
      'console-login-notifier-prod-us-east-1-fast-path-admin',
      'console-login-notifier-prod-us-east-1-fast-path-exec',
    ]);
    for (const name of names) expect(name).not.toMatch(/^AWSCloudFormationStackSet/);
  });

  it('creates the StackSet after its roles and the deploy region’s rule, so it is deleted before them', () => {
    const resource = template.Resources.FastPathStackSet as Props;
    const refersTo = (from: unknown, id: string) =>
      JSON.stringify(from).includes(`{"Ref":"${id}"}`) ||
      JSON.stringify(from).includes(`"Fn::GetAtt":["${id}"`);

    for (const role of ROLES) expect(refersTo(resource.Properties, role), role).toBe(true);
    expect(resource.DependsOn).toEqual(['FastPathRule', 'FastPathLambdaPermissionEventBridge']);
    // Nothing that the StackSet needs while it deletes its instances waits for it.
    for (const [id, other] of Object.entries(createdResources(template))) {
      const dependsOn = [(other as Props).DependsOn ?? []].flat();
      expect(refersTo(other, 'FastPathStackSet') || dependsOn.includes('FastPathStackSet'), id).toBe(false);
    }
  });

  it('lets only this account’s StackSet assume the administration role, to assume the execution role', () => {
    const [trusted] = trust(template, 'FastPathStackSetAdministrationRole');

    expect(trusted).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: ['cloudformation.amazonaws.com'] },
      Action: 'sts:AssumeRole',
    });
    expect(trusted?.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': ACCOUNT_REF });
    expect(subIn(conditionValue(trusted, 'ArnLike', 'aws:SourceArn'), 'us-east-1')).toBe(
      'arn:aws:cloudformation:us-east-1:111122223333:stackset/console-login-notifier-prod-fast-path-us-east-1:*',
    );
    const [assume, ...more] = grants(template, 'FastPathStackSetAdministrationRole');
    expect(more).toEqual([]);
    expect(assume).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole' });
    expect(subIn(assume?.Resource, 'us-east-1')).toBe(
      'arn:aws:iam::111122223333:role/console-login-notifier-prod-us-east-1-fast-path-exec',
    );
  });

  it('lets only the administration role assume the execution role', () => {
    expect(trust(template, 'FastPathStackSetExecutionRole')).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: getAtt('FastPathStackSetAdministrationRole') },
        Action: 'sts:AssumeRole',
      },
    ]);
  });

  it('lets the execution role do what the forwarder template needs, on its own stacks and rules', () => {
    const [stacks, rules, pass, ...more] = grants(template, 'FastPathStackSetExecutionRole');
    const inUsEast2 = (statement?: PolicyStatement) =>
      ((statement?.Resource ?? []) as unknown[])
        .map((arn) => subIn(arn, 'us-east-1'))
        .filter((arn) => arn.includes('us-east-2'));

    expect(more).toEqual([]);
    expect(inUsEast2(stacks)).toEqual([
      'arn:aws:cloudformation:us-east-2:111122223333:stack/StackSet-console-login-notifier-prod-fast-path-us-east-1-*/*',
    ]);
    expect((stacks?.Resource as unknown[] | undefined)?.length).toBe(3);
    expect(rules?.Action).toEqual([
      ...['events:DescribeRule', 'events:PutRule', 'events:DeleteRule'],
      ...['events:PutTargets', 'events:RemoveTargets', 'events:ListTargetsByRule'],
    ]);
    expect(inUsEast2(rules)).toEqual([
      'arn:aws:events:us-east-2:111122223333:rule/console-login-notifier-prod-to-us-east-1',
    ]);
    expect(pass).toMatchObject({
      Action: 'iam:PassRole',
      Resource: getAtt('FastPathForwarderRole'),
      Condition: { StringEquals: { 'iam:PassedToService': 'events.amazonaws.com' } },
    });
  });

  it('lets only the forwarder rules assume the forwarder role, to put events on the deploy region’s bus', () => {
    const [trusted] = trust(template, 'FastPathForwarderRole');
    const rules = conditionValue(trusted, 'ArnEquals', 'aws:SourceArn') as unknown[];

    expect(trusted).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    expect(trusted?.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': ACCOUNT_REF });
    expect(rules.map((arn) => subIn(arn, 'us-east-1'))).toEqual(
      ['ap-southeast-2', 'eu-north-1', 'us-east-2'].map(
        (region) => `arn:aws:events:${region}:111122223333:rule/console-login-notifier-prod-to-us-east-1`,
      ),
    );
    expect(
      grants(template, 'FastPathForwarderRole').map(({ Action, Resource }) => [
        Action,
        subIn(Resource, 'us-east-1'),
      ]),
    ).toEqual([['events:PutEvents', 'arn:aws:events:us-east-1:111122223333:event-bus/default']]);
  });
});
