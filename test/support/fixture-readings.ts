/**
 * What a person must be told of every real CloudTrail fixture that is not a ConsoleLogin (those are
 * in console-login.test.ts): one row each, so that a new fixture without an expected reading fails
 * the coverage test. `step` in the last column: a step of a sign-in, skipped and counted, never announced.
 */
import type { Severity } from '../../src/decide/severity.js';

export type Reading = [
  eventName: string,
  user: string,
  type: string,
  outcome: 'Success' | 'Failure' | 'Unknown',
  mfa: boolean,
  /** CredentialType, `+`-joined; '' when the kind has none. */
  credentials: string,
  account: string,
  region: string,
  severity: Severity | 'step',
];

// biome-ignore format: one row per fixture reads as a table.
export const READINGS: Record<string, Reading> = {
  'check-mfa/aws-docs-ct-multiple-devices': ['CheckMfa', 'anaya', 'IAMUser', 'Success', true, '', '111122223333', 'us-east-1', 'step'],
  'check-mfa/aws-docs-ct-u2f': ['CheckMfa', 'anaya', 'IAMUser', 'Success', true, '', '111122223333', 'us-east-1', 'step'],
  'credential-challenge/aws-docs-idc-identitycenteruser-password': ['CredentialChallenge', 'bobsmith@example.com', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '111122223333', 'us-east-1', 'step'],
  'credential-challenge/aws-docs-idc-unknown-failed-flow': ['CredentialChallenge', 'bobsmith@example.com', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '111122223333', 'us-east-1', 'step'],
  'credential-challenge/aws-docs-sso-unknown-password': ['CredentialChallenge', 'user1', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '111122223333', 'us-east-1', 'step'],
  'credential-challenge/aws-docs-sso-unknown-totp': ['CredentialChallenge', 'user1', 'IdentityCenterUser', 'Success', true, 'TOTP', '111122223333', 'us-east-1', 'step'],
  'credential-challenge/aws-docs-workspaces-unknown-smartcard-awaregion': ['CredentialChallenge', 'unknown', 'IdentityCenterUser', 'Success', true, 'SMARTCARD', '509318101470', 'unknown', 'step'],
  'credential-verification/aws-docs-idc-identitycenteruser-password-success': ['CredentialVerification', '94d00cd8-e9e6-4810-b177-b08e84725435', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '111122223333', 'us-east-1', 'step'],
  'credential-verification/aws-docs-idc-unknown-password-failure': ['CredentialVerification', 'unknown', 'IdentityCenterUser', 'Failure', false, 'PASSWORD', '111122223333', 'us-east-1', 'medium'],
  'credential-verification/aws-docs-sso-unknown-password-failure': ['CredentialVerification', 'user1', 'IdentityCenterUser', 'Failure', false, 'PASSWORD', '111122223333', 'us-east-1', 'medium'],
  'credential-verification/aws-docs-sso-unknown-password-success': ['CredentialVerification', 'user1', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '111122223333', 'us-east-1', 'step'],
  'credential-verification/aws-docs-sso-unknown-totp-success': ['CredentialVerification', 'user1', 'IdentityCenterUser', 'Success', true, 'TOTP', '111122223333', 'us-east-1', 'step'],
  'credential-verification/aws-docs-transfer-unknown-onbehalfof-password-success': ['CredentialVerification', 'demo-user-2', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '123456789012', 'us-east-2', 'step'],
  'credential-verification/aws-docs-workspaces-unknown-smartcard-failure': ['CredentialVerification', 'unknown', 'IdentityCenterUser', 'Failure', true, 'SMARTCARD', '509318101470', 'us-east-1', 'medium'],
  'get-signin-token/panther-assumedrole-python-requests': ['GetSigninToken', 'session', 'AssumedRole', 'Success', false, '', '123456789012', 'us-east-1', 'info'],
  'get-signin-token/panther-assumedrole-sso-jersey-no-accountid': ['GetSigninToken', 'user@example.com', 'AssumedRole', 'Success', false, '', '123456789012', 'us-east-1', 'info'],
  'root-credentials/aws-docs-ct-password-updated': ['PasswordUpdated', 'root', 'Root', 'Success', false, '', '111122223333', 'us-east-1', 'critical'],
  'root-credentials/panther-root-passwordupdated-failure': ['PasswordUpdated', 'root', 'Root', 'Failure', false, '', '123456789012', 'us-east-1', 'high'],
  'root-credentials/panther-root-passwordupdated-success': ['PasswordUpdated', 'root', 'Root', 'Success', false, '', '123456789012', 'us-east-1', 'critical'],
  'switch-role/davxiao-cross-account': ['SwitchRole', 'bob@example.com', 'AssumedRole', 'Success', false, '', '776613361644', 'us-east-1', 'info'],
  'switch-role/ishiharatma-assumedrole-tlsdetails': ['SwitchRole', 'Alice', 'AssumedRole', 'Success', false, '', '111111111111', 'ap-northeast-1', 'info'],
  'user-authentication/aws-docs-idc-identitycenteruser-external-idp': ['UserAuthentication', 'bobsmith@example.com', 'IdentityCenterUser', 'Success', false, 'EXTERNAL_IDP', '111122223333', 'us-east-1', 'info'],
  'user-authentication/aws-docs-idc-identitycenteruser-password': ['UserAuthentication', '94d00cd8-e9e6-4810-b177-b08e84725435', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '111122223333', 'us-east-1', 'high'],
  'user-authentication/aws-docs-idc-identitycenteruser-password-totp': ['UserAuthentication', '94d00cd8-e9e6-4810-b177-b08e84725435', 'IdentityCenterUser', 'Success', true, 'PASSWORD+TOTP', '111122223333', 'us-east-1', 'info'],
  'user-authentication/aws-docs-sso-unknown-external-idp': ['UserAuthentication', 'user1', 'IdentityCenterUser', 'Success', false, 'EXTERNAL_IDP', '111122223333', 'us-east-1', 'info'],
  'user-authentication/aws-docs-sso-unknown-password': ['UserAuthentication', 'user1', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '111122223333', 'us-east-1', 'high'],
  'user-authentication/aws-docs-sso-unknown-password-device-enrollment': ['UserAuthentication', 'user1', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '111122223333', 'us-east-1', 'high'],
  'user-authentication/aws-docs-sso-unknown-password-totp': ['UserAuthentication', 'user1', 'IdentityCenterUser', 'Success', true, 'PASSWORD+TOTP', '111122223333', 'us-east-1', 'info'],
  'user-authentication/aws-docs-transfer-unknown-onbehalfof-password': ['UserAuthentication', 'demo-user-2', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '123456789012', 'us-east-2', 'high'],
  'user-authentication/aws-docs-workspaces-unknown-password-2026': ['UserAuthentication', 'exampleuser', 'IdentityCenterUser', 'Success', false, 'PASSWORD', '123456789012', 'us-east-1', 'high'],
  'user-authentication/aws-docs-workspaces-unknown-smartcard': ['UserAuthentication', 'unknown', 'IdentityCenterUser', 'Success', true, 'SMARTCARD', '509318101470', 'us-east-1', 'info'],
  'user-authentication/elastic-identitycenteruser-external-idp-redacted': ['UserAuthentication', 'redacted@example.com', 'IdentityCenterUser', 'Success', false, 'EXTERNAL_IDP', 'redacted', 'us-east-2', 'info'],
};
