/**
 * The readers of the new kinds on degenerate records, each a real record with one thing taken
 * away or changed: no serviceEventDetails, no CredentialType, no identity type, the user in each
 * of its three places, an API call with and without an error, and the fields of SwitchRole.
 */
import { describe, expect, it } from 'vitest';
import { severityOf } from '../../../../src/decide/severity.js';
import { isAnnouncedKind } from '../../../../src/decide/sign-in-events.js';
import { cloudTrailRecord } from '../../../../testing/events.js';
import { signInOf } from '../../../support/sign-in.js';

const OLD_SHAPE = cloudTrailRecord('user-authentication/aws-docs-sso-unknown-password-totp');
const NEW_SHAPE = cloudTrailRecord('user-authentication/aws-docs-idc-identitycenteruser-external-idp');
const FAILED = cloudTrailRecord('credential-verification/aws-docs-sso-unknown-password-failure');
const TOKEN = cloudTrailRecord('get-signin-token/panther-assumedrole-python-requests');

const without = (record: Record<string, unknown>, key: string) => {
  const { [key]: _, ...rest } = record;
  return rest;
};

describe('Identity Center records', () => {
  it('read a missing serviceEventDetails as Unknown: announced, never as a success, rated as a failure', () => {
    const signIn = signInOf(without(OLD_SHAPE, 'serviceEventDetails'));

    expect(signIn).toMatchObject({ outcome: 'Unknown', outcomeReported: false });
    expect(isAnnouncedKind(signIn)).toBe(true);
    expect(severityOf(signIn)).toBe('medium');
  });

  it('announce a CredentialVerification without an outcome, as a failure of its credential', () => {
    const signIn = signInOf({
      ...without(FAILED, 'serviceEventDetails'),
      additionalEventData: { CredentialType: 'TOTP' },
    });

    expect(isAnnouncedKind(signIn)).toBe(true);
    expect(severityOf(signIn)).toBe('high');
  });

  it('read a success without CredentialType as a password alone: high, mfa No', () => {
    const signIn = signInOf({ ...OLD_SHAPE, additionalEventData: {} });

    expect(signIn).toMatchObject({ credentialTypes: [], mfaUsed: false });
    expect(severityOf(signIn)).toBe('high');
  });

  it('read CredentialType in any case and spacing, or as a list', () => {
    const spaced = signInOf({ ...OLD_SHAPE, additionalEventData: { CredentialType: ' password , totp ' } });
    const listed = signInOf({
      ...OLD_SHAPE,
      additionalEventData: { CredentialType: ['PASSWORD', 'WEBAUTHN'] },
    });

    expect(spaced.credentialTypes).toEqual(['PASSWORD', 'TOTP']);
    expect(listed.credentialTypes).toEqual(['PASSWORD', 'WEBAUTHN']);
    expect(listed.mfaUsed).toBe(true);
  });

  it.each([
    ['Unknown (old shape)', OLD_SHAPE],
    ['IdentityCenterUser (new shape)', NEW_SHAPE],
    ['missing', { ...OLD_SHAPE, userIdentity: { userName: 'user1' } }],
  ])('are IdentityCenterUser whether the type is %s', (_label, record) => {
    expect(signInOf(record).identityType).toBe('IdentityCenterUser');
  });

  it('find the user in additionalEventData.UserName, else userIdentity.userName, else onBehalfOf.userId', () => {
    const identity = { type: 'Unknown', userName: 'in-identity', onBehalfOf: { userId: 'user-id' } };

    expect(
      signInOf({ ...OLD_SHAPE, userIdentity: identity, additionalEventData: { UserName: 'named' } }).userName,
    ).toBe('named');
    expect(signInOf({ ...OLD_SHAPE, userIdentity: identity }).userName).toBe('in-identity');
    expect(signInOf({ ...OLD_SHAPE, userIdentity: without(identity, 'userName') }).userName).toBe('user-id');
    expect(signInOf({ ...OLD_SHAPE, userIdentity: { type: 'Unknown' } }).userName).toBe('unknown');
  });

  it('keep an outcome written in responseElements, as some copies do', () => {
    const signIn = signInOf({
      ...without(FAILED, 'serviceEventDetails'),
      responseElements: { CredentialVerification: 'Failure' },
    });

    expect(signIn).toMatchObject({ outcome: 'Failure', outcomeReported: true });
  });

  it('keep the portal URL without its query: no auth_code or CSRF token in a message', () => {
    expect(signInOf(OLD_SHAPE).loginTo).toBe('https://d-1234567890.awsapps.com/start/');
    expect(signInOf({ ...OLD_SHAPE, additionalEventData: { LoginTo: 'not a url?code=1' } }).loginTo).toBe(
      'not a url',
    );
  });
});

describe('GetSigninToken, an API call', () => {
  it('is a success when CloudTrail records no error, a failure when it does', () => {
    expect(signInOf(TOKEN)).toMatchObject({ outcome: 'Success', outcomeReported: true });
    expect(signInOf({ ...TOKEN, errorCode: 'AccessDenied' })).toMatchObject({
      outcome: 'Failure',
      failureReason: 'AccessDenied',
    });
    expect(severityOf(signInOf({ ...TOKEN, errorCode: 'AccessDenied' }))).toBe('medium');
  });

  it('is Unknown, not a success, when the record is no API call and says nothing', () => {
    expect(signInOf({ ...TOKEN, eventType: 'AwsConsoleSignIn' }).outcome).toBe('Unknown');
  });
});

describe('the other kinds', () => {
  it('CheckMfa is the MFA step itself, with its device kind', () => {
    expect(signInOf(cloudTrailRecord('check-mfa/aws-docs-ct-u2f'))).toMatchObject({
      mfaUsed: true,
      mfaDevice: 'U2F MFA',
    });
  });

  it('SwitchRole says who switched and where it led', () => {
    expect(signInOf(cloudTrailRecord('switch-role/davxiao-cross-account'))).toMatchObject({
      switchedFrom: 'arn:aws:iam::203016562928:user/bob@example.com',
      loginTo: 'https://console.aws.amazon.com/console/home',
    });
  });

  it('a root credential event without an outcome is Unknown and high, not critical', () => {
    const signIn = signInOf(
      without(cloudTrailRecord('root-credentials/aws-docs-ct-password-updated'), 'responseElements'),
    );

    expect(signIn.outcome).toBe('Unknown');
    expect(severityOf(signIn)).toBe('high');
  });
});
