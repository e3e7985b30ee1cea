import { describe, expect, it } from 'vitest';
import { readFixture, recordFixtureNames } from '../scripts/deliveries.js';
import { severityOf } from '../src/severity.js';
import { eventTimeOf, parseRecord, type SignIn } from '../src/sign-in.js';

type Expected = [
  user: string,
  type: string,
  outcome: 'Success' | 'Failure',
  mfa: boolean,
  account: string,
  region: string,
  severity: string,
  federation: string | undefined,
];

/** Every ConsoleLogin fixture, with what a person reading the alert must be told. */
// biome-ignore format: one row per fixture reads as a table.
const SIGN_INS: Record<string, Expected> = {
  'aws-cli-lookup-events-assumedrole-success': ['my-session-name', 'AssumedRole', 'Success', false, '123456789012', 'us-east-1', 'info', 'role session'],
  'aws-docs-ct-iam-user-failure': ['anaya', 'IAMUser', 'Failure', true, '111122223333', 'us-east-1', 'medium', undefined],
  'aws-docs-ct-iam-user-success-mfa-u2f': ['anaya', 'IAMUser', 'Success', true, '111122223333', 'us-east-1', 'info', undefined],
  'aws-docs-ct-iam-user-success-no-mfa': ['anaya', 'IAMUser', 'Success', false, '111122223333', 'us-east-2', 'high', undefined],
  'aws-docs-ct-root-failure': ['root', 'Root', 'Failure', false, '111122223333', 'us-east-1', 'high', undefined],
  'aws-docs-ct-root-success-mfa': ['root', 'Root', 'Success', true, '111122223333', 'us-east-1', 'critical', undefined],
  'aws-docs-ct-root-success-no-mfa': ['root', 'Root', 'Success', false, '111122223333', 'us-east-1', 'critical', undefined],
  'aws-docs-iam-hidden-username-failure': ['HIDDEN_DUE_TO_SECURITY_REASONS', 'IAMUser', 'Failure', false, '123456789012', 'us-east-2', 'medium', undefined],
  'aws-docs-iam-user-failure-janedoe': ['JaneDoe', 'IAMUser', 'Failure', false, '111122223333', 'us-east-2', 'medium', undefined],
  'elastic-assumedrole-failure': ['MySessionName', 'AssumedRole', 'Failure', false, '123456789012', 'us-east-2', 'medium', 'role session'],
  'elastic-iam-user-success-no-mfa-s3': ['JohnDoe', 'IAMUser', 'Success', false, '111122223333', 'us-east-2', 'high', undefined],
  'mapbox-assumedrole-8digit-account-success': ['lolcat', 'AssumedRole', 'Success', false, '13371337', 'us-east-1', 'info', 'role session'],
  'mapbox-assumedrole-federated-success': ['davidtheclark', 'AssumedRole', 'Success', false, '000000000000', 'us-east-1', 'info', 'role session'],
  'mapbox-assumedrole-truncated-arn-success': ['AAAAAAAAAAAAAAAA', 'AssumedRole', 'Success', false, '12345678912', 'us-east-1', 'info', 'role session'],
  'mapbox-consolelogin-minimal-no-identity': ['unknown', 'Unknown', 'Success', false, 'unknown', 'us-east-1', 'high', undefined],
  'mapbox-iam-user-named-root-mobile': ['root', 'IAMUser', 'Success', true, '12345679012', 'us-east-1', 'info', undefined],
  'mapbox-iam-user-success-mfa-invalid-ip': ['rclark', 'IAMUser', 'Success', true, '000000000000', 'us-east-1', 'info', undefined],
  'panther-assumedrole-partial-identity-success': ['asdsda', 'AssumedRole', 'Success', false, '111111111111111', 'us-east-1', 'info', 'role session'],
  'panther-iam-user-failure-minimal': ['alice', 'IAMUser', 'Failure', false, '111122223333', 'us-east-1', 'medium', undefined],
  'panther-root-failure': ['root', 'Root', 'Failure', false, '123456789012', 'us-east-1', 'high', undefined],
  'panther-saml-success': ['tester@domain.tld', 'AssumedRole', 'Success', false, '123456789012', 'us-east-1', 'info', 'SAML (arn:aws:iam::123456789012:saml-provider/Okta)'],
  'panther-sso-assumedrole-success': ['foo@bar.com', 'AssumedRole', 'Success', false, 'xxx', 'us-east-2', 'info', 'IAM Identity Center'],
  'stratus-iam-user-success-no-mfa-detonation': ['stratus-red-team-nmfalu-jfzdtsvchl', 'IAMUser', 'Success', false, '562283505220', 'eu-west-2r', 'high', undefined],
  'usiem-flaws-hidden-username-failure': ['HIDDEN_DUE_TO_SECURITY_REASONS', 'IAMUser', 'Failure', false, '811596193553', 'us-east-1', 'medium', undefined],
  'usiem-flaws-iam-user-success-no-mfa': ['piper', 'IAMUser', 'Success', false, '811596193553', 'us-east-1', 'high', undefined],
  'usiem-flaws-root-success-mfa': ['root', 'Root', 'Success', true, '811596193553', 'us-east-1', 'critical', undefined],
  'ycourtois-iam-user-success-mfa-region-global': ['jean.quille', 'IAMUser', 'Success', true, 'dgffdgfdg', 'global', 'info', undefined],
};

/** Sign-in-source events that are not console logins: skipped, not announced, not "malformed". */
const OTHER_EVENTS: Record<string, string> = {
  'aws-docs-ct-checkmfa-multiple-devices': 'CheckMfa',
  'aws-docs-ct-checkmfa-u2f': 'CheckMfa',
  'aws-docs-ct-root-passwordupdated': 'PasswordUpdated',
  'davxiao-switchrole-cross-account': 'SwitchRole',
};

function signInOf(record: unknown): SignIn {
  const parsed = parseRecord(JSON.stringify(record));
  if (parsed.kind !== 'sign-in') throw new Error(`expected a sign-in, got ${parsed.kind}`);
  return parsed.signIn;
}

describe('parseRecord over the real CloudTrail fixtures', () => {
  it('has an expectation for every record fixture, so a new fixture cannot be forgotten', () => {
    expect(Object.keys({ ...SIGN_INS, ...OTHER_EVENTS }).sort()).toEqual(recordFixtureNames());
  });

  it.each(Object.entries(SIGN_INS))('%s', (name, expected) => {
    const signIn = signInOf(readFixture(name));

    const [user, type, outcome, mfa, account, region, severity, federation] = expected;
    expect({
      user: signIn.userName,
      type: signIn.identityType,
      outcome: signIn.outcome,
      mfa: signIn.mfaUsed,
      account: signIn.account,
      region: signIn.region,
      severity: severityOf(signIn),
      federation: signIn.federation,
    }).toEqual({ user, type, outcome, mfa, account, region, severity, federation });
  });

  it.each(Object.entries(OTHER_EVENTS))('%s is another sign-in event, not announced', (name, eventName) => {
    expect(parseRecord(JSON.stringify(readFixture(name)))).toEqual({ kind: 'other-event', eventName });
  });
});

describe('parseRecord details', () => {
  it('keeps the facts of a full record', () => {
    const signIn = signInOf(readFixture('aws-docs-ct-root-success-mfa'));

    expect(signIn).toMatchObject({
      eventId: 'deb1e1f9-c99b-4612-8e9f-21f93b5d79c0',
      arn: 'arn:aws:iam::111122223333:root',
      sourceIp: '192.0.2.0',
      mfaDevice: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
      eventTime: '2022-11-10T16:24:34Z',
      loginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
      mobile: false,
      outcomeReported: true,
    });
    expect(eventTimeOf(signIn)?.toISOString()).toBe('2022-11-10T16:24:34.000Z');
  });

  it('reads the non-ISO times that copies of records carry', () => {
    expect(eventTimeOf(signInOf(readFixture('panther-sso-assumedrole-success')))?.toISOString()).toBe(
      '2022-03-16T19:17:41.000Z',
    );
    expect(
      eventTimeOf(signInOf(readFixture('panther-assumedrole-partial-identity-success')))?.toISOString(),
    ).toBe('2022-03-29T17:16:36.000Z');
  });

  it('keeps an unreadable time as recorded and gives no Date', () => {
    const signIn = signInOf({ eventName: 'ConsoleLogin', eventTime: 'yesterday at noon' });

    expect(signIn.eventTime).toBe('yesterday at noon');
    expect(eventTimeOf(signIn)).toBeUndefined();
  });

  it('treats a record without an outcome as a success, the worse case, and says so', () => {
    const signIn = signInOf(readFixture('mapbox-consolelogin-minimal-no-identity'));

    expect(signIn.outcome).toBe('Success');
    expect(signIn.outcomeReported).toBe(false);
  });

  it('infers a failure from an error when the outcome is missing', () => {
    const signIn = signInOf({ eventName: 'ConsoleLogin', errorMessage: 'Failed authentication' });

    expect(signIn.outcome).toBe('Failure');
    expect(signIn.failureReason).toBe('Failed authentication');
    expect(signIn.outcomeReported).toBe(false);
  });

  it('reads MFAUsed and the outcome case-insensitively', () => {
    const signIn = signInOf({
      eventName: 'ConsoleLogin',
      responseElements: { ConsoleLogin: 'FAILURE' },
      additionalEventData: { MFAUsed: 'yes' },
    });

    expect(signIn.outcome).toBe('Failure');
    expect(signIn.mfaUsed).toBe(true);
  });

  it('falls back to the identity account when recipientAccountId is missing', () => {
    expect(signInOf(readFixture('aws-docs-ct-iam-user-success-no-mfa')).account).toBe('111122223333');
  });

  it('names an assumed role by its session when the ARN has none', () => {
    const signIn = signInOf({
      eventName: 'ConsoleLogin',
      userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLE:kenji@example.com' },
    });

    expect(signIn.userName).toBe('kenji@example.com');
  });

  it('reads numbers as text and ignores values of the wrong type', () => {
    const signIn = signInOf({
      eventName: 'ConsoleLogin',
      recipientAccountId: 111122223333,
      sourceIPAddress: { nested: true },
      userIdentity: { type: ['IAMUser'], userName: 'x' },
    });

    expect(signIn.account).toBe('111122223333');
    expect(signIn.sourceIp).toBeUndefined();
    expect(signIn.identityType).toBe('Unknown');
  });

  it('does not take an identity type named like an Object property for a federation', () => {
    expect(
      signInOf({ eventName: 'ConsoleLogin', userIdentity: { type: 'constructor' } }).federation,
    ).toBeUndefined();
  });
});

describe('parseRecord of what is not a CloudTrail record', () => {
  it.each([
    ['truncated JSON', '{"eventVersion":"1.03","userIdentity":{"type":"Root"}', /not JSON/],
    ['a Lambda log line', 'START RequestId: 6234bffe Version: $LATEST', /not JSON/],
    ['a JSON array', '[{"eventName":"ConsoleLogin"}]', /not a JSON object/],
    ['JSON null', 'null', /not a JSON object/],
    ['an object without eventName', '{"hello":"world"}', /no eventName/],
    ['an empty message', '', /not JSON/],
  ])('%s is malformed, with a reason', (_label, message, reason) => {
    const parsed = parseRecord(message);

    expect(parsed.kind).toBe('malformed');
    expect(parsed.kind === 'malformed' && parsed.reason).toMatch(reason);
  });
});
