/**
 * The stack for every way in and for account names (serverless.yml, stack/account-names.yml), in
 * the template `serverless package` builds: the subscription filter forwards every sign-in event
 * and is updated in place, the fallback stays on ConsoleLogin, the new parameters reach the
 * notifier, and the role gains exactly the two lookup calls, only when the lookup is on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_PATTERN } from '../../cli/replay.js';
import { DEFAULT_SIGN_IN_EVENTS } from '../../src/decide/sign-in-events.js';
import { cloudTrailFixtures, cloudTrailRecord } from '../../testing/events.js';
import { parsePattern } from '../../testing/filter-pattern.js';
import { FALLBACK_FILTER, FILTER_NAME, SIGN_IN_FILTER } from '../support/stack-expectations.js';
import {
  created,
  createdResources,
  type PolicyDocument,
  packagedTemplate,
  single,
  type Template,
} from '../support/template.js';

const matches = (pattern: string, record: unknown) =>
  (parsePattern(pattern) as (message: string) => boolean)(JSON.stringify(record));

describe('the patterns', () => {
  it('forward every sign-in event of the fixtures, and no other source', () => {
    for (const { name, record } of cloudTrailFixtures())
      expect(matches(SIGN_IN_FILTER, record), name).toBe(true);
    const assumeRole = {
      ...cloudTrailRecord('console-login/aws-docs-ct-root-failure'),
      eventSource: 'sts.amazonaws.com',
    };
    expect(matches(SIGN_IN_FILTER, assumeRole)).toBe(false);
  });

  it('are the same for replay as for the subscription filter', () => {
    expect(SIGN_IN_PATTERN).toBe(SIGN_IN_FILTER);
  });

  it('keep the fallback alarm on ConsoleLogin alone', () => {
    const names = cloudTrailFixtures().filter(({ record }) => matches(FALLBACK_FILTER, record));
    expect(new Set(names.map(({ record }) => record.eventName))).toEqual(new Set(['ConsoleLogin']));
  });
});

describe('stack with default parameters', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
  });

  it('keeps the subscription filter’s logical ID and name: CloudFormation updates its pattern in place', () => {
    const filter = single(template, 'AWS::Logs::SubscriptionFilter');

    expect(filter.id).toBe('NotifierLogsSubscriptionFilterCloudWatchLog1');
    expect(filter.Properties).toMatchObject({ FilterName: FILTER_NAME, FilterPattern: SIGN_IN_FILTER });
  });

  it('grants exactly DescribeAccount on the organization’s accounts and ListAccountAliases on "*", to the notifier', () => {
    const policy = created(template, 'AccountNameLookupPolicy').Properties;

    expect(policy.Roles).toEqual([{ Ref: 'IamRoleLambdaExecution' }]);
    expect((policy.PolicyDocument as PolicyDocument).Statement).toEqual([
      {
        Sid: 'DescribeOrganizationAccounts',
        Effect: 'Allow',
        Action: 'organizations:DescribeAccount',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:organizations::*:account/o-*/*' },
      },
      // ListAccountAliases has no resource-level permissions: "*" is the only way to grant it.
      { Sid: 'OwnAccountAlias', Effect: 'Allow', Action: 'iam:ListAccountAliases', Resource: '*' },
    ]);
  });

  it('gives the notifier the default event list, no names and the Organizations lookup', () => {
    expect(created(template, 'NotifierLambdaFunction').Properties.Environment).toMatchObject({
      Variables: {
        SIGN_IN_EVENTS: DEFAULT_SIGN_IN_EVENTS.join(','),
        ACCOUNT_NAMES: '',
        ACCOUNT_NAME_LOOKUP: 'organizations',
      },
    });
  });
});

describe('stack with the lookup off, names and opt-in events', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate('namesAndOptInEvents');
  });

  it('passes the parameters to the notifier', () => {
    expect(created(template, 'NotifierLambdaFunction').Properties.Environment).toMatchObject({
      Variables: {
        SIGN_IN_EVENTS: 'ConsoleLogin,CheckMfa,SwitchRole,GetSigninToken',
        ACCOUNT_NAMES: '111122223333=prod-payments,444455556666=sandbox',
        ACCOUNT_NAME_LOOKUP: 'off',
      },
    });
  });

  it('grants no lookup call at all', () => {
    const resources = createdResources(template);

    expect(Object.keys(resources)).not.toContain('AccountNameLookupPolicy');
    expect(JSON.stringify(resources)).not.toMatch(/organizations:|iam:ListAccountAliases/);
  });
});
