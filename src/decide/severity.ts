/**
 * How urgent a sign-in is; subscribers filter on it (e.g. page only on `critical`).
 * The rules are the product contract (see README, "Severity").
 */
import type { SignIn } from '../sign-ins/sign-in.js';

export type Severity = 'critical' | 'high' | 'medium' | 'info';

export function severityOf(signIn: SignIn): Severity {
  const root = signIn.identityType === 'Root';
  if (signIn.outcome === 'Failure') return root ? 'high' : 'medium';
  if (root) return 'critical';
  if (signIn.mfaUsed) return 'info';
  // CloudTrail reports MFAUsed "No" for federated sign-ins: the identity provider did the MFA.
  if (signIn.federation !== undefined) return 'info';
  // An IAM user, or an identity the record does not show, signed in with a password alone.
  return 'high';
}
