import { describe, expect, it } from 'vitest';
import { severityOf } from '../../../src/decide/severity.js';
import type { SignIn } from '../../../src/sign-ins/sign-in.js';
import { aSignIn as signIn } from '../../support/sign-in.js';

describe('severityOf', () => {
  it.each([
    ['root success without MFA', { identityType: 'Root', userName: 'root' }, 'critical'],
    ['root success with MFA', { identityType: 'Root', userName: 'root', mfaUsed: true }, 'critical'],
    ['root failure', { identityType: 'Root', outcome: 'Failure' }, 'high'],
    ['IAM user success without MFA', {}, 'high'],
    ['unidentified success without MFA', { identityType: 'Unknown' }, 'high'],
    ['IAM user failure', { outcome: 'Failure' }, 'medium'],
    ['IAM user failure even with MFA', { outcome: 'Failure', mfaUsed: true }, 'medium'],
    [
      'assumed-role failure',
      { identityType: 'AssumedRole', federation: 'role session', outcome: 'Failure' },
      'medium',
    ],
    ['IAM user success with MFA', { mfaUsed: true }, 'info'],
    ['SSO success (MFAUsed No)', { identityType: 'AssumedRole', federation: 'IAM Identity Center' }, 'info'],
    ['SAML success (MFAUsed No)', { identityType: 'AssumedRole', federation: 'SAML (x)' }, 'info'],
    ['IAM user named root is not root', { userName: 'root', mfaUsed: true }, 'info'],
    ['IAM user named root without MFA', { userName: 'root' }, 'high'],
  ] as const)('%s → %s', (_label, overrides, expected) => {
    expect(severityOf(signIn(overrides))).toBe(expected);
  });
});

describe('severityOf, by kind (the contract table)', () => {
  it.each([
    ['ConsoleLogin without an outcome is rated as a failure', { outcome: 'Unknown' }, 'medium'],
    ['root ConsoleLogin without an outcome', { identityType: 'Root', outcome: 'Unknown' }, 'high'],
    ['CheckMfa failure of an IAM user', { eventName: 'CheckMfa', outcome: 'Failure' }, 'high'],
    [
      'CheckMfa failure of root',
      { eventName: 'CheckMfa', outcome: 'Failure', identityType: 'Root' },
      'critical',
    ],
    ['CheckMfa without an outcome', { eventName: 'CheckMfa', outcome: 'Unknown' }, 'high'],
    ['UserAuthentication, password alone', ua(['PASSWORD']), 'high'],
    ['UserAuthentication, no CredentialType at all', ua([]), 'high'],
    ['UserAuthentication, password and TOTP', ua(['PASSWORD', 'TOTP']), 'info'],
    ['UserAuthentication, WebAuthn', ua(['PASSWORD', 'WEBAUTHN']), 'info'],
    ['UserAuthentication, external IdP', ua(['EXTERNAL_IDP']), 'info'],
    ['UserAuthentication, smart card', ua(['SMARTCARD']), 'info'],
    ['UserAuthentication without an outcome', { ...ua(['PASSWORD', 'TOTP']), outcome: 'Unknown' }, 'medium'],
    ['CredentialVerification failure of a password', cv(['PASSWORD']), 'medium'],
    ['CredentialVerification failure of a TOTP code', cv(['TOTP']), 'high'],
    ['CredentialVerification failure of a WebAuthn key', cv(['WEBAUTHN']), 'high'],
    ['CredentialVerification failure of a type unknown today', cv(['PUSH_APPROVAL']), 'high'],
    ['CredentialVerification failure of a smart card', cv(['SMARTCARD']), 'medium'],
    ['CredentialVerification failure naming no credential', cv([]), 'medium'],
    ...['PasswordRecoveryRequested', 'PasswordRecoveryCompleted', 'PasswordUpdated', 'EmailUpdated'].flatMap(
      (eventName) => [
        [`${eventName} success`, { eventName, identityType: 'Root' }, 'critical'],
        [`${eventName} failure`, { eventName, identityType: 'Root', outcome: 'Failure' }, 'high'],
        [`${eventName} without an outcome`, { eventName, identityType: 'Root', outcome: 'Unknown' }, 'high'],
      ],
    ),
    ['SwitchRole success', { eventName: 'SwitchRole', identityType: 'AssumedRole' }, 'info'],
    ['SwitchRole failure', { eventName: 'SwitchRole', outcome: 'Failure' }, 'medium'],
    ['GetSigninToken success', { eventName: 'GetSigninToken', identityType: 'AssumedRole' }, 'info'],
    ['GetSigninToken without an outcome', { eventName: 'GetSigninToken', outcome: 'Unknown' }, 'medium'],
  ] as [string, Partial<SignIn>, string][])('%s → %s', (_label, overrides, expected) => {
    expect(severityOf(signIn(overrides))).toBe(expected);
  });
});

function ua(credentialTypes: string[]): Partial<SignIn> {
  return { eventName: 'UserAuthentication', identityType: 'IdentityCenterUser', credentialTypes };
}

function cv(credentialTypes: string[]): Partial<SignIn> {
  return {
    eventName: 'CredentialVerification',
    outcome: 'Failure',
    identityType: 'IdentityCenterUser',
    credentialTypes,
  };
}
