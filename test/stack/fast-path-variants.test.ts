/**
 * The fast path for other deploy regions and fastPathRegions, in the templates `serverless package`
 * builds for them (see support/stack-variants.ts): the forwarding regions, the target bus and the
 * names follow; and in every variant, no role of the stack grants a wildcard, and every
 * events:PutEvents names its bus.
 */
import { describe, expect, it } from 'vitest';
import { conditionValue, subIn } from '../support/fast-path.js';
import { dashboardMetrics } from '../support/stack-expectations.js';
import { type StackVariant, VARIANT_NAMES } from '../support/stack-variants.js';
import {
  actionsOf,
  conditionHolds,
  created,
  createdResources,
  ofType,
  type PolicyDocument,
  type PolicyStatement,
  packagedTemplate,
  resourcesOf,
  type Template,
} from '../support/template.js';

const instanceRegions = (template: Template) =>
  (created(template, 'FastPathStackSet').Properties.StackInstancesGroup as { Regions: string[] }[]).flatMap(
    ({ Regions }) => Regions,
  );
const parameter = (template: Template, key: string) =>
  (
    created(template, 'FastPathStackSet').Properties.Parameters as {
      ParameterKey: string;
      ParameterValue: unknown;
    }[]
  ).find(({ ParameterKey }) => ParameterKey === key)?.ParameterValue;

/** Every statement of every role the stack creates: osls' role of the functions and the fast path's. */
function roleStatements(template: Template): PolicyStatement[] {
  return Object.values(ofType(template, 'AWS::IAM::Role')).flatMap(({ Properties }) =>
    ((Properties.Policies ?? []) as { PolicyDocument: PolicyDocument }[]).flatMap(
      ({ PolicyDocument }) => PolicyDocument.Statement,
    ),
  );
}

describe('stack deployed in eu-west-1: the forwarders follow the deploy region', () => {
  it('forwards from all four default regions to eu-west-1’s default bus', async () => {
    const template = await packagedTemplate('euWest1');

    expect(instanceRegions(template)).toEqual(['ap-southeast-2', 'eu-north-1', 'us-east-1', 'us-east-2']);
    expect(subIn(parameter(template, 'TargetEventBusArn'), 'eu-west-1')).toBe(
      'arn:aws:events:eu-west-1:111122223333:event-bus/default',
    );
    expect(parameter(template, 'RuleName')).toBe('console-login-notifier-prod-to-eu-west-1');
    expect(created(template, 'FastPathStackSet').Properties.StackSetName).toBe(
      'console-login-notifier-prod-fast-path-eu-west-1',
    );
  });

  it('names the roles after eu-west-1, and trusts the forwarder rules of the four regions', async () => {
    const template = await packagedTemplate('euWest1');
    const forwarder = created(template, 'FastPathForwarderRole').Properties;
    const [trusted] = (forwarder.AssumeRolePolicyDocument as PolicyDocument).Statement;
    const rules = (conditionValue(trusted, 'ArnEquals', 'aws:SourceArn') ?? []) as unknown[];

    expect(forwarder.RoleName).toBe('console-login-notifier-prod-eu-west-1-fast-path-forward');
    expect(rules.map((arn) => subIn(arn, 'eu-west-1'))).toContain(
      'arn:aws:events:us-east-1:111122223333:rule/console-login-notifier-prod-to-eu-west-1',
    );
    expect(rules).toHaveLength(4);
  });
});

describe('stack with fastPathRegions listing the deploy region, a repeat and an opt-in region', () => {
  it('forwards from the other listed regions only, once each', async () => {
    const template = await packagedTemplate('fastPathRegions');

    expect(instanceRegions(template)).toEqual(['ap-south-2', 'eu-west-3']);
  });

  it('trusts the regional CloudFormation principal of the opt-in region', async () => {
    const template = await packagedTemplate('fastPathRegions');
    const [trusted] = (
      created(template, 'FastPathStackSetAdministrationRole').Properties
        .AssumeRolePolicyDocument as PolicyDocument
    ).Statement;

    expect(trusted?.Principal).toEqual({
      Service: ['cloudformation.amazonaws.com', 'cloudformation.ap-south-2.amazonaws.com'],
    });
  });

  it('charts each forwarder rule’s failures in its own region', async () => {
    const template = await packagedTemplate('fastPathRegions');
    const forwarders = dashboardMetrics(template).filter(({ region }) => region !== undefined);

    expect(forwarders).toEqual(
      ['ap-south-2', 'eu-west-3'].map((region) => ({
        namespace: 'AWS/Events',
        name: 'FailedInvocations',
        dimensions: { RuleName: 'console-login-notifier-prod-to-us-east-1' },
        stat: undefined,
        region,
      })),
    );
  });
});

describe('stack with fastPathRegions naming the deploy region alone', () => {
  it('keeps the deploy region’s rule, and creates no StackSet and no role for it', async () => {
    const template = await packagedTemplate('deployRegionOnly');
    const ids = Object.keys(createdResources(template));

    expect(conditionHolds(template, 'FastPath')).toBe(true);
    expect(ids).toContain('FastPathRule');
    expect(ids).toContain('FastPathLambdaFunction');
    expect(ids.filter((id) => /StackSet|Forwarder/.test(id))).toEqual([]);
    expect(Object.keys(ofType(template, 'AWS::IAM::Role'))).toEqual(['IamRoleLambdaExecution']);
    // The dashboard still parses, with no forwarder to chart.
    expect(dashboardMetrics(template).filter(({ region }) => region !== undefined)).toEqual([]);
  });
});

describe.each(VARIANT_NAMES)('every role of the %s variant', (variant: StackVariant) => {
  it('grants no wildcard action and no "*" resource, and names the bus of every events:PutEvents', async () => {
    const statements = roleStatements(await packagedTemplate(variant));

    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(actionsOf(statement).filter((action) => action.includes('*'))).toEqual([]);
      expect(resourcesOf(statement)).not.toContain('*');
      if (actionsOf(statement).includes('events:PutEvents')) {
        for (const resource of resourcesOf(statement)) {
          expect(subIn(resource, 'us-east-1')).toMatch(
            /^arn:aws:events:[a-z0-9-]+:111122223333:event-bus\/default$/,
          );
        }
      }
    }
  });
});
