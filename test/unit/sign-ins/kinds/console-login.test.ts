/**
 * ConsoleLogin (src/sign-ins/kinds/console-login.ts) over the real CloudTrail fixtures: what a
 * person reading the alert must be told of each one, read through parseRecord.
 */
import { describe, expect, it } from 'vitest';
import { severityOf } from '../../../../src/decide/severity.js';
import { cloudTrailRecord } from '../../../../testing/events.js';
import { CONSOLE_LOGINS, signInOf } from '../../../support/sign-in.js';

type Expected = [
  user: string,
  type: string,
  outcome: 'Success' | 'Failure' | 'Unknown',
  mfa: boolean,
  account: string,
  region: string,
  severity: string,
  federation: string | undefined,
];

/** Every ConsoleLogin fixture, with what a person reading the alert must be told. */
// biome-ignore format: one row per fixture reads as a table.
const SIGN_INS: Record<string, Expected> = {
  'console-login/aws-cli-lookup-events-assumedrole-success': ['my-session-name', 'AssumedRole', 'Success', false, '123456789012', 'us-east-1', 'info', 'role session'],
  'console-login/aws-docs-ct-iam-user-failure': ['anaya', 'IAMUser', 'Failure', true, '111122223333', 'us-east-1', 'medium', undefined],
  'console-login/aws-docs-ct-iam-user-success-mfa-u2f': ['anaya', 'IAMUser', 'Success', true, '111122223333', 'us-east-1', 'info', undefined],
  'console-login/aws-docs-ct-iam-user-success-no-mfa': ['anaya', 'IAMUser', 'Success', false, '111122223333', 'us-east-2', 'high', undefined],
  'console-login/aws-docs-ct-root-failure': ['root', 'Root', 'Failure', false, '111122223333', 'us-east-1', 'high', undefined],
  'console-login/aws-docs-ct-root-success-mfa': ['root', 'Root', 'Success', true, '111122223333', 'us-east-1', 'critical', undefined],
  'console-login/aws-docs-ct-root-success-no-mfa': ['root', 'Root', 'Success', false, '111122223333', 'us-east-1', 'critical', undefined],
  'console-login/aws-docs-iam-hidden-username-failure': ['HIDDEN_DUE_TO_SECURITY_REASONS', 'IAMUser', 'Failure', false, '123456789012', 'us-east-2', 'medium', undefined],
  'console-login/aws-docs-iam-user-failure-janedoe': ['JaneDoe', 'IAMUser', 'Failure', false, '111122223333', 'us-east-2', 'medium', undefined],
  'console-login/elastic-assumedrole-failure': ['MySessionName', 'AssumedRole', 'Failure', false, '123456789012', 'us-east-2', 'medium', 'role session'],
  'console-login/elastic-iam-user-success-no-mfa-s3': ['JohnDoe', 'IAMUser', 'Success', false, '111122223333', 'us-east-2', 'high', undefined],
  'console-login/mapbox-assumedrole-8digit-account-success': ['lolcat', 'AssumedRole', 'Success', false, '13371337', 'us-east-1', 'info', 'role session'],
  'console-login/mapbox-assumedrole-federated-success': ['davidtheclark', 'AssumedRole', 'Success', false, '000000000000', 'us-east-1', 'info', 'role session'],
  'console-login/mapbox-assumedrole-truncated-arn-success': ['AAAAAAAAAAAAAAAA', 'AssumedRole', 'Success', false, '12345678912', 'us-east-1', 'info', 'role session'],
  'console-login/mapbox-consolelogin-minimal-no-identity': ['unknown', 'Unknown', 'Unknown', false, 'unknown', 'us-east-1', 'medium', undefined],
  'console-login/mapbox-iam-user-named-root-mobile': ['root', 'IAMUser', 'Success', true, '12345679012', 'us-east-1', 'info', undefined],
  'console-login/mapbox-iam-user-success-mfa-invalid-ip': ['rclark', 'IAMUser', 'Success', true, '000000000000', 'us-east-1', 'info', undefined],
  'console-login/panther-assumedrole-partial-identity-success': ['asdsda', 'AssumedRole', 'Success', false, '111111111111111', 'us-east-1', 'info', 'role session'],
  'console-login/panther-iam-user-failure-minimal': ['alice', 'IAMUser', 'Failure', false, '111122223333', 'us-east-1', 'medium', undefined],
  'console-login/panther-root-failure': ['root', 'Root', 'Failure', false, '123456789012', 'us-east-1', 'high', undefined],
  'console-login/panther-saml-success': ['tester@domain.tld', 'AssumedRole', 'Success', false, '123456789012', 'us-east-1', 'info', 'SAML (arn:aws:iam::123456789012:saml-provider/Okta)'],
  'console-login/panther-sso-assumedrole-success': ['foo@bar.com', 'AssumedRole', 'Success', false, 'xxx', 'us-east-2', 'info', 'IAM Identity Center'],
  'console-login/stratus-iam-user-success-no-mfa-detonation': ['stratus-red-team-nmfalu-jfzdtsvchl', 'IAMUser', 'Success', false, '562283505220', 'eu-west-2r', 'high', undefined],
  'console-login/usiem-flaws-hidden-username-failure': ['HIDDEN_DUE_TO_SECURITY_REASONS', 'IAMUser', 'Failure', false, '811596193553', 'us-east-1', 'medium', undefined],
  'console-login/usiem-flaws-iam-user-success-no-mfa': ['piper', 'IAMUser', 'Success', false, '811596193553', 'us-east-1', 'high', undefined],
  'console-login/usiem-flaws-root-success-mfa': ['root', 'Root', 'Success', true, '811596193553', 'us-east-1', 'critical', undefined],
  'console-login/ycourtois-iam-user-success-mfa-region-global': ['jean.quille', 'IAMUser', 'Success', true, 'dgffdgfdg', 'global', 'info', undefined],
};

describe('parseRecord over the real CloudTrail fixtures', () => {
  it('has an expectation for every ConsoleLogin fixture, so a new one cannot be forgotten', () => {
    expect(Object.keys(SIGN_INS).sort()).toEqual([...CONSOLE_LOGINS]);
  });

  it.each(Object.entries(SIGN_INS))('%s', (name, expected) => {
    const signIn = signInOf(cloudTrailRecord(name));

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
});
