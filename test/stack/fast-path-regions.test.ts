/**
 * The fast path's package-time plan (stack/fast-path-regions.cjs): which regions get a forwarder,
 * the names and ARNs the roles grant, and the parameters that fail the packaging, with the message
 * `serverless package` prints.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, type PlanInputs, resolver } from '../support/fast-path.js';
import { packagingError } from '../support/serverless-package.js';

const plan = (changes: Partial<PlanInputs> = {}) => resolver.planFor({ ...DEFAULT_INPUTS, ...changes });

describe('the fast path’s plan', () => {
  it('forwards from the default regions but the deploy region, to rules named after it', () => {
    const { enabled, forwarders, forwarderRegions, forwarderRuleName, forwarderRuleArns } = plan();

    expect([enabled, forwarders]).toEqual(['true', 'true']);
    expect(forwarderRegions).toEqual(['ap-southeast-2', 'eu-north-1', 'us-east-2']);
    expect(forwarderRuleName).toBe('console-login-notifier-prod-to-us-east-1');
    expect(forwarderRuleArns).toEqual(
      forwarderRegions.map((region) => ({
        'Fn::Sub': `arn:\${AWS::Partition}:events:${region}:\${AWS::AccountId}:rule/${forwarderRuleName}`,
      })),
    );
  });

  it('adds the deploy region: deployed in eu-west-1, all four default regions forward', () => {
    const { forwarderRegions, forwarderRuleName, administrationRoleName } = plan({
      deployRegion: 'eu-west-1',
    });

    expect(forwarderRegions).toEqual(['ap-southeast-2', 'eu-north-1', 'us-east-1', 'us-east-2']);
    expect(forwarderRuleName).toBe('console-login-notifier-prod-to-eu-west-1');
    expect(administrationRoleName).toBe('console-login-notifier-prod-eu-west-1-fast-path-admin');
  });

  it('reads the list as written by hand: spaces, repeats and the deploy region itself', () => {
    expect(plan({ fastPathRegions: ' us-east-1 ,eu-west-3,, eu-west-3 ' }).forwarderRegions).toEqual([
      'eu-west-3',
    ]);
    expect(plan({ fastPathRegions: 'us-east-1' })).toMatchObject({
      forwarders: 'false',
      forwarderRegions: [],
    });
    expect(plan({ fastPathRegions: '' })).toMatchObject({ enabled: 'true', forwarderRegions: [] });
  });

  it('trusts the regional CloudFormation principal of each opt-in region, the deploy region’s too', () => {
    expect(plan().cloudFormationPrincipals).toEqual(['cloudformation.amazonaws.com']);
    expect(
      plan({ deployRegion: 'af-south-1', fastPathRegions: 'us-east-1,ap-south-2' }).cloudFormationPrincipals,
    ).toEqual([
      'cloudformation.amazonaws.com',
      'cloudformation.af-south-1.amazonaws.com',
      'cloudformation.ap-south-2.amazonaws.com',
    ]);
  });

  it('forwards nothing with fastPath=false, and still takes the event names', () => {
    expect(plan({ fastPath: 'false' })).toMatchObject({
      enabled: 'false',
      forwarders: 'false',
      forwarderRegions: [],
    });
    expect(plan({ signInEvents: 'ConsoleLogin, SwitchRole' })).toMatchObject({
      eventNames: ['ConsoleLogin', 'SwitchRole'],
      eventNameList: 'ConsoleLogin,SwitchRole',
    });
  });

  it('keeps every name within the 64 characters of EventBridge and IAM, and says which one is not', () => {
    const longest = plan({ deployRegion: 'ap-southeast-2' });
    const names = [longest.ruleName, longest.forwarderRuleName, longest.executionRoleName];

    for (const name of [...names, longest.administrationRoleName, longest.forwarderRoleName]) {
      expect(name.length).toBeLessThanOrEqual(64);
    }
    expect(() => plan({ stage: 'a-stage-name-far-too-long-for-eventbridge' })).toThrow(
      /forwarder rule name "console-login-notifier-a-stage-[a-z0-9-]+" is longer than 64 characters: use a shorter/,
    );
  });

  it.each<[string, Partial<PlanInputs>, RegExp]>([
    [
      'fastPath that is neither true nor false',
      { fastPath: 'yes' },
      /^fastPath: "yes" is neither true nor false$/,
    ],
    [
      'a region that does not exist',
      { fastPathRegions: 'us-east-1,us-east-9' },
      /^fastPathRegions: "us-east-9" is not/,
    ],
    [
      'a region in capitals',
      { fastPathRegions: 'US-EAST-2' },
      /^fastPathRegions: "US-EAST-2" is not a region/,
    ],
    ['no sign-in event', { signInEvents: ' , ' }, /^signInEvents: empty/],
    ['an event name with a space', { signInEvents: 'ConsoleLogin,Check Mfa' }, /^signInEvents: "Check Mfa"/],
    [
      'a deploy region outside the aws partition',
      { deployRegion: 'cn-north-1' },
      /"cn-north-1" is not one: deploy with fastPath=false/,
    ],
  ])('refuses %s, naming the parameter', (_, changes, message) => {
    expect(() => plan(changes)).toThrow(message);
  });

  it('lets fastPath=false deploy outside the aws partition', () => {
    expect(plan({ deployRegion: 'cn-north-1', fastPath: 'false' }).forwarderRegions).toEqual([]);
  });

  it('refuses a forwarder template over the 51,200 bytes of a TemplateBody', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'forwarder-'));
    try {
      const file = join(dir, 'big.yml');
      await writeFile(file, `# ${'x'.repeat(51_200)}\n`);

      expect(() => resolver.forwarderTemplateBody(file)).toThrow(
        /has 51203 bytes; a StackSet TemplateBody takes 51200/,
      );
      expect(resolver.forwarderTemplateBody().length).toBeLessThan(51_200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('fast path parameters that `serverless package` refuses', () => {
  it.each([
    [{ fastPath: 'yes' }, 'fastPath: "yes" is neither true nor false'],
    [
      { fastPathRegions: 'us-east-1,mars-north-1' },
      'fastPathRegions: "mars-north-1" is not a region of the aws partition',
    ],
    [{ signInEvents: 'Console Login' }, 'signInEvents: "Console Login"'],
  ])(
    'fails the packaging of %o with the message alone',
    async (params, message) => {
      const error = await packagingError(params);

      expect(error).toContain(`FastPathConfigError: ${message}`);
      expect(error).not.toMatch(/^\s+at .*fast-path-regions\.cjs/m);
    },
    60_000,
  );
});
