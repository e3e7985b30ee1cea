/**
 * The forwarder template itself (stack/forwarder-template.yml), as CloudFormation reads it in each
 * forwarder region: one rule, matching as the deploy region's does, forwarding to the bus it is
 * given through the role it is given; parameters that take what the parent stack passes and
 * nothing looser; no IAM resource. Its cdk-nag findings are in test/stack/lint.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ForwarderTemplate,
  forwarderTemplateText,
  matchesPattern,
  parseTemplate,
  subIn,
} from '../support/fast-path.js';
import { created, type Props, packagedTemplate } from '../support/template.js';

describe('the forwarder template', () => {
  let text: string;
  let template: ForwarderTemplate;
  beforeAll(async () => {
    text = await forwarderTemplateText();
    template = parseTemplate(text);
  });

  it('holds one EventBridge rule on the default bus, and nothing of IAM', () => {
    expect(Object.entries(template.Resources).map(([id, { Type }]) => [id, Type])).toEqual([
      ['ForwardSignInsRule', 'AWS::Events::Rule'],
    ]);
    expect(template.Resources.ForwardSignInsRule?.Properties).not.toHaveProperty('EventBusName');
    expect(template.Resources.ForwardSignInsRule?.Properties).toMatchObject({
      Name: { Ref: 'RuleName' },
      State: 'ENABLED',
    });
  });

  it('matches what the deploy region’s rule matches: source, eventSource and the given names', async () => {
    const forwarder = template.Resources.ForwardSignInsRule?.Properties.EventPattern as Props;
    const deployRegion = created(await packagedTemplate(), 'FastPathRule').Properties.EventPattern as Props;
    const names = deployRegion.detail as { eventName: string[] };

    expect(forwarder).toEqual({
      source: ['aws.signin'],
      detail: { eventSource: ['signin.amazonaws.com'], eventName: { Ref: 'EventNames' } },
    });
    expect({ ...forwarder, detail: { ...(forwarder.detail as Props), eventName: names.eventName } }).toEqual(
      deployRegion,
    );
    expect(template.Parameters.EventNames?.Type).toBe('CommaDelimitedList');
  });

  it('forwards, unchanged, to the given bus through the given role, retrying for an hour', () => {
    const { Targets } = (template.Resources.ForwardSignInsRule?.Properties ?? {}) as { Targets: Props[] };

    expect(Targets).toEqual([
      {
        Id: 'notifier-region-default-bus',
        Arn: { Ref: 'TargetEventBusArn' },
        RoleArn: { Ref: 'ForwarderRoleArn' },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 3600 },
      },
    ]);
    // No Input or InputTransformer: the deploy region's rule gets the event as CloudTrail gave it.
    expect(Object.keys(Targets[0] ?? {})).not.toContain('InputTransformer');
  });

  it('takes the values the parent stack passes, and refuses another bus, a wildcard or a bad name', async () => {
    const parent = created(await packagedTemplate('euWest1'), 'FastPathStackSet').Properties;
    const passed = Object.fromEntries(
      (parent.Parameters as { ParameterKey: string; ParameterValue: unknown }[]).map(
        ({ ParameterKey, ParameterValue }) => [ParameterKey, ParameterValue],
      ),
    );
    const accepts = (name: string, value: string) =>
      new RegExp(template.Parameters[name]?.AllowedPattern ?? '(?!)').test(value);

    expect(Object.keys(passed).sort()).toEqual(Object.keys(template.Parameters).sort());
    expect(accepts('TargetEventBusArn', subIn(passed.TargetEventBusArn, 'eu-west-1'))).toBe(true);
    expect(accepts('TargetEventBusArn', 'arn:aws:events:eu-west-1:111122223333:event-bus/custom')).toBe(
      false,
    );
    expect(accepts('TargetEventBusArn', 'arn:aws:events:*:111122223333:event-bus/default')).toBe(false);
    expect(
      accepts(
        'ForwarderRoleArn',
        'arn:aws:iam::111122223333:role/console-login-notifier-prod-eu-west-1-fast-path-forward',
      ),
    ).toBe(true);
    expect(accepts('ForwarderRoleArn', 'arn:aws:iam::111122223333:user/someone')).toBe(false);
    expect(accepts('RuleName', String(passed.RuleName))).toBe(true);
    expect(accepts('RuleName', 'rule with spaces')).toBe(false);
  });

  it('fits a StackSet’s TemplateBody, and reaches it byte for byte', async () => {
    const packaged = created(await packagedTemplate(), 'FastPathStackSet').Properties.TemplateBody;

    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(51_200);
    expect(packaged).toBe(text);
  });

  it('matches a console sign-in whatever the detail-type, and not a sign-in step', () => {
    const pattern = template.Resources.ForwardSignInsRule?.Properties.EventPattern as Props;
    const withNames = { ...pattern, detail: { ...(pattern.detail as Props), eventName: ['ConsoleLogin'] } };
    const event = (eventName: string, detailType: string) => ({
      source: 'aws.signin',
      'detail-type': detailType,
      detail: { eventSource: 'signin.amazonaws.com', eventName },
    });

    expect(matchesPattern(withNames, event('ConsoleLogin', 'AWS Console Sign In via CloudTrail'))).toBe(true);
    expect(matchesPattern(withNames, event('ConsoleLogin', 'AWS Console Signin via CloudTrail'))).toBe(true);
    expect(matchesPattern(withNames, event('CredentialChallenge', 'AWS Service Event via CloudTrail'))).toBe(
      false,
    );
  });
});
