/**
 * Which sign-in events are announced, and when: `SIGN_IN_EVENTS` picks the kinds, and each kind
 * says which of its records are sign-ins a person must hear of. The rest are steps of a sign-in
 * (a credential asked for, a second factor that passed): skipped and counted, never announced.
 * The contract's table is in the README, "What each event means".
 */
import { isSecondFactor } from '../sign-ins/credential-types.js';
import type { SignIn } from '../sign-ins/sign-in.js';

/** The default of SIGN_IN_EVENTS. */
export const DEFAULT_SIGN_IN_EVENTS: readonly string[] = [
  'ConsoleLogin',
  'CheckMfa',
  'UserAuthentication',
  'CredentialVerification',
  'PasswordRecoveryRequested',
  'PasswordRecoveryCompleted',
  'PasswordUpdated',
  'EmailUpdated',
];

/** Off by default: frequent, and rarely telling on their own. */
export const OPT_IN_SIGN_IN_EVENTS: readonly string[] = ['SwitchRole', 'GetSigninToken'];

const ANNOUNCEABLE = new Set([...DEFAULT_SIGN_IN_EVENTS, ...OPT_IN_SIGN_IN_EVENTS]);

/** Not Success: a Failure, or an outcome the record does not give (rated as a failure). */
const notSuccess = (signIn: SignIn) => signIn.outcome !== 'Success';

/** Per kind, which records are announced; a kind not here (ConsoleLogin, root, opt-in) always is. */
const ANNOUNCED_WHEN: Readonly<Record<string, (signIn: SignIn) => boolean>> = {
  // A passed second factor is the middle of a ConsoleLogin, which is announced itself.
  CheckMfa: notSuccess,
  // The portal sign-in completed. There is no failed one in CloudTrail (failures are
  // CredentialVerification); should a record say so anyway, it is announced, not dropped.
  UserAuthentication: () => true,
  // A passed credential is a step of the UserAuthentication that follows it.
  CredentialVerification: notSuccess,
  // A credential asked for is no sign-in at all.
  CredentialChallenge: () => false,
};

/** True when the record is a sign-in to announce; false for a step of one. */
export function isAnnouncedKind(signIn: SignIn): boolean {
  return ANNOUNCED_WHEN[signIn.eventName]?.(signIn) ?? true;
}

/** Parses SIGN_IN_EVENTS; throws a plain Error that the config module names. */
export function parseSignInEvents(value: string | undefined): ReadonlySet<string> {
  if (value === undefined || value.trim() === '') return new Set(DEFAULT_SIGN_IN_EVENTS);
  const names = value.split(',').map((name) => name.trim());
  for (const [index, name] of names.entries()) {
    if (name === '') throw new Error(`event ${index + 1} is empty (a stray comma?)`);
    if (name === 'CredentialChallenge') {
      throw new Error('CredentialChallenge is a step of a sign-in and is never announced');
    }
    if (!ANNOUNCEABLE.has(name)) {
      throw new Error(
        `"${name}" is not a sign-in event the notifier announces (one of ${[...ANNOUNCEABLE].join(', ')})`,
      );
    }
  }
  return new Set(names);
}

/** A failed Identity Center credential that is a second factor: the password before it was right. */
export function failedSecondFactor(signIn: SignIn): boolean {
  return signIn.credentialTypes.some(isSecondFactor);
}
