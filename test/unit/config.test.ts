import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { ConfigError } from '../../src/shared/errors.js';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:sign-ins';

describe('readConfig', () => {
  it('reads the topic, its region and both lists', () => {
    const config = readConfig({ TOPIC_ARN, USER_ALLOWLIST: 'alice,bob*', USER_DENYLIST: 'ci-*' });

    expect(config.topicArn).toBe(TOPIC_ARN);
    expect(config.topicRegion).toBe('eu-west-1');
    expect(config.allowlist?.map((pattern) => pattern.source)).toEqual(['alice', 'bob*']);
    expect(config.denylist.map((pattern) => pattern.source)).toEqual(['ci-*']);
  });

  it('reads unset or blank lists as "no list": everyone is announced', () => {
    const config = readConfig({ TOPIC_ARN, USER_ALLOWLIST: '', USER_DENYLIST: '  ' });

    expect(config.allowlist).toBeUndefined();
    expect(config.denylist).toEqual([]);
  });

  it('accepts other partitions', () => {
    expect(readConfig({ TOPIC_ARN: 'arn:aws-us-gov:sns:us-gov-west-1:111122223333:t' }).topicRegion).toBe(
      'us-gov-west-1',
    );
  });

  it.each([
    [{}, /TOPIC_ARN: is not set/],
    [{ TOPIC_ARN: ' ' }, /TOPIC_ARN: is not set/],
    [{ TOPIC_ARN: 'sign-ins' }, /TOPIC_ARN: "sign-ins" is not an SNS topic ARN/],
    [{ TOPIC_ARN: 'arn:aws:sqs:us-east-1:111122223333:q' }, /TOPIC_ARN: .* is not an SNS topic ARN/],
    [{ TOPIC_ARN: `${TOPIC_ARN}.fifo` }, /TOPIC_ARN: .* is a FIFO topic/],
    [{ TOPIC_ARN, USER_ALLOWLIST: 'alice,,bob' }, /USER_ALLOWLIST: pattern 2 is empty/],
    [{ TOPIC_ARN, USER_DENYLIST: 'bob?' }, /USER_DENYLIST: pattern "bob\?"/],
    [
      { TOPIC_ARN, SIGN_IN_EVENTS: 'ConsoleLogin,ExitRole' },
      /SIGN_IN_EVENTS: "ExitRole" is not a sign-in event/,
    ],
    [
      { TOPIC_ARN, ACCOUNT_NAMES: '11112222333=short' },
      /ACCOUNT_NAMES: "11112222333" is not a 12-digit account ID/,
    ],
    [{ TOPIC_ARN, ACCOUNT_NAMES: '111122223333=' }, /ACCOUNT_NAMES: account 111122223333 has an empty name/],
    [
      { TOPIC_ARN, ACCOUNT_NAMES: 'prod-payments' },
      /ACCOUNT_NAMES: "prod-payments" is not <account id>=<name>/,
    ],
    [
      { TOPIC_ARN, ACCOUNT_NAMES: '111122223333=a,111122223333=b' },
      /ACCOUNT_NAMES: account 111122223333 is named twice/,
    ],
    [{ TOPIC_ARN, ACCOUNT_NAMES: '111122223333=a,' }, /ACCOUNT_NAMES: entry 2 is empty/],
    [
      { TOPIC_ARN, ACCOUNT_NAME_LOOKUP: 'alias' },
      /ACCOUNT_NAME_LOOKUP: "alias" is neither "organizations" nor "off"/,
    ],
  ])('fails loudly on %j, naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('reads the sign-in events and the account names, with their defaults', () => {
    const defaults = readConfig({ TOPIC_ARN });
    const set = readConfig({
      TOPIC_ARN,
      SIGN_IN_EVENTS: 'ConsoleLogin,SwitchRole',
      ACCOUNT_NAMES: ' 111122223333 = prod-payments , 444455556666=sandbox',
      ACCOUNT_NAME_LOOKUP: 'off',
    });

    expect(defaults.signInEvents.has('UserAuthentication')).toBe(true);
    expect(defaults.signInEvents.has('GetSigninToken')).toBe(false);
    expect(defaults.accountNames.size).toBe(0);
    expect(defaults.accountNameLookup).toBe('organizations');
    expect([...set.signInEvents]).toEqual(['ConsoleLogin', 'SwitchRole']);
    expect([...set.accountNames]).toEqual([
      ['111122223333', 'prod-payments'],
      ['444455556666', 'sandbox'],
    ]);
    expect(set.accountNameLookup).toBe('off');
  });

  it('names every bad variable at once', () => {
    expect(() => readConfig({ USER_ALLOWLIST: ',', USER_DENYLIST: ',' })).toThrow(
      /TOPIC_ARN: .*; USER_ALLOWLIST: .*; USER_DENYLIST: /,
    );
  });
});
