/**
 * How urgent a sign-in is; subscribers filter on it (e.g. page only on `critical`). One rule per
 * kind, the product contract's table (README, "Severity"). An outcome the record does not give is
 * rated as a failure: never as the success it may not have been.
 */
import type { SignIn } from '../sign-ins/sign-in.js';
import { failedSecondFactor } from './sign-in-events.js';

export type Severity = 'critical' | 'high' | 'medium' | 'info';

type Rule = (signIn: SignIn, root: boolean, failed: boolean) => Severity;

function consoleLogin(signIn: SignIn, root: boolean, failed: boolean): Severity {
  if (failed) return root ? 'high' : 'medium';
  if (root) return 'critical';
  if (signIn.mfaUsed) return 'info';
  // CloudTrail reports MFAUsed "No" for federated sign-ins: the identity provider did the MFA.
  if (signIn.federation !== undefined) return 'info';
  // An IAM user, or an identity the record does not show, signed in with a password alone.
  return 'high';
}

/** Root password recovery and credential changes: the account-takeover path. */
const rootCredential: Rule = (_signIn, _root, failed) => (failed ? 'high' : 'critical');
const optIn: Rule = (_signIn, _root, failed) => (failed ? 'medium' : 'info');

const RULES: Readonly<Record<string, Rule>> = {
  ConsoleLogin: consoleLogin,
  // Announced on failure only: the password was right, the second factor was not.
  CheckMfa: (_signIn, root) => (root ? 'critical' : 'high'),
  // A second factor or an external identity provider (CredentialType lists more than PASSWORD) is
  // `info`; a password alone, or a record that lists no credential, `high`.
  UserAuthentication: (signIn, _root, failed) =>
    failed ? 'medium' : signIn.credentialTypes.some((type) => type !== 'PASSWORD') ? 'info' : 'high',
  // Announced on failure only: a failed second factor says someone has the password.
  CredentialVerification: (signIn) => (failedSecondFactor(signIn) ? 'high' : 'medium'),
  PasswordRecoveryRequested: rootCredential,
  PasswordRecoveryCompleted: rootCredential,
  PasswordUpdated: rootCredential,
  EmailUpdated: rootCredential,
  SwitchRole: optIn,
  GetSigninToken: optIn,
};

export function severityOf(signIn: SignIn): Severity {
  const rule = RULES[signIn.eventName] ?? consoleLogin;
  return rule(signIn, signIn.identityType === 'Root', signIn.outcome !== 'Success');
}
