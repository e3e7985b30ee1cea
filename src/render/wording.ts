/**
 * What happened, in plain words, per sign-in kind: the short form for the subject
 * ("Identity Center sign-in FAILED at the MFA step") and the sentence that opens the e-mail.
 * Strings from the record reach here already cleaned, or are cleaned by the caller.
 */
import type { Severity } from '../decide/severity.js';
import { isSecondFactor } from '../sign-ins/credential-types.js';
import type { SignIn } from '../sign-ins/sign-in.js';

const UNKNOWN = ', outcome UNKNOWN';

/** One phrase per outcome, for the kinds whose wording depends on nothing else. */
interface Phrases {
  readonly success: string;
  readonly failure: string;
  /** Followed by ", outcome UNKNOWN" when the record does not say. */
  readonly neutral: string;
}

const ROOT_CREDENTIALS: Readonly<Record<string, Phrases>> = {
  PasswordRecoveryRequested: {
    success: 'password recovery requested',
    failure: 'password recovery request FAILED',
    neutral: 'password recovery request',
  },
  PasswordRecoveryCompleted: {
    success: 'password reset through recovery',
    failure: 'password recovery FAILED',
    neutral: 'password recovery',
  },
  PasswordUpdated: {
    success: 'password changed',
    failure: 'password change FAILED',
    neutral: 'password change',
  },
  EmailUpdated: {
    success: 'e-mail address changed',
    failure: 'e-mail address change FAILED',
    neutral: 'e-mail address change',
  },
};

const OPT_IN: Readonly<Record<string, Phrases>> = {
  SwitchRole: {
    success: 'Console role switch',
    failure: 'Console role switch FAILED',
    neutral: 'Console role switch',
  },
  GetSigninToken: {
    success: 'Console sign-in token issued',
    failure: 'Console sign-in token request FAILED',
    neutral: 'Console sign-in token request',
  },
};

function pick(phrases: Phrases, signIn: SignIn): string {
  if (signIn.outcome === 'Unknown') return `${phrases.neutral}${UNKNOWN}`;
  return signIn.outcome === 'Success' ? phrases.success : phrases.failure;
}

/** The subject's "what": at most about 50 characters, the user and account follow it. */
export function whatHappened(signIn: SignIn, severity: Severity): string {
  const root = signIn.identityType === 'Root';
  const { outcome, eventName } = signIn;
  const rootCredential = ROOT_CREDENTIALS[eventName];
  if (rootCredential) {
    const phrase = pick(rootCredential, signIn);
    return root ? `ROOT ${phrase}` : `${phrase[0]?.toUpperCase()}${phrase.slice(1)}`;
  }
  const optIn = OPT_IN[eventName];
  if (optIn) return pick(optIn, signIn);
  if (eventName === 'CheckMfa') {
    const who = root ? 'ROOT' : 'Console';
    if (outcome === 'Success') return `${who} sign-in passed the MFA step`;
    return outcome === 'Failure' ? `${who} sign-in FAILED at the MFA step` : `${who} MFA step${UNKNOWN}`;
  }
  if (eventName === 'UserAuthentication') {
    if (outcome === 'Unknown') return `Identity Center sign-in${UNKNOWN}`;
    if (outcome === 'Failure') return 'Identity Center sign-in FAILED';
    return severity === 'high' ? 'Identity Center sign-in WITHOUT MFA' : 'Identity Center sign-in';
  }
  if (eventName === 'CredentialVerification') return credentialVerification(signIn);
  if (eventName === 'CredentialChallenge') return 'Identity Center credential requested';
  if (outcome === 'Unknown') return `${root ? 'ROOT console' : 'Console'} sign-in${UNKNOWN}`;
  if (outcome === 'Failure') return 'Console sign-in FAILED';
  if (root) return 'ROOT console sign-in';
  return severity === 'high' ? 'Console sign-in WITHOUT MFA' : 'Console sign-in';
}

function credentialVerification(signIn: SignIn): string {
  if (signIn.outcome === 'Unknown') return `Identity Center credential check${UNKNOWN}`;
  if (signIn.outcome === 'Success') return 'Identity Center credential accepted';
  const types = signIn.credentialTypes;
  if (types.some(isSecondFactor)) return 'Identity Center sign-in FAILED at the MFA step';
  if (types.includes('PASSWORD')) return 'Identity Center sign-in FAILED: wrong password';
  if (types.length > 0) return `Identity Center sign-in FAILED: ${types.join('+').slice(0, 20)} rejected`;
  return 'Identity Center sign-in FAILED';
}

/** The credentials of an Identity Center step, as a person says them: "a password and TOTP". */
export function credentialsInWords(types: readonly string[]): string {
  if (types.length === 0) return 'credentials the record does not list';
  const words = types.map((type) =>
    type === 'PASSWORD'
      ? 'a password'
      : type === 'EXTERNAL_IDP'
        ? 'an external identity provider'
        : type === 'SMARTCARD'
          ? 'a smart card'
          : type,
  );
  const alone = types.length === 1 && types[0] === 'PASSWORD' ? ' alone' : '';
  return `${words.join(' and ')}${alone}`;
}

/**
 * The sentence that opens the e-mail: who did what, to which account, in plain words. `clean`
 * makes a string of the record safe to show; `account` is already shown as it should read.
 */
export function headlineOf(
  signIn: SignIn,
  severity: Severity,
  account: string,
  clean: (value: string) => string,
): string {
  const what = whatHappened(signIn, severity);
  const user = clean(signIn.userName);
  const { eventName, outcome } = signIn;
  if (eventName === 'ConsoleLogin') return consoleLoginHeadline(signIn, severity, account, clean);
  if (what.endsWith('FAILED at the MFA step')) {
    return `${what}: ${user} (password was correct), account ${account}.`;
  }
  if (eventName === 'UserAuthentication' && outcome === 'Success') {
    return `${what}: ${user} signed in to the access portal of account ${account} with ${credentialsInWords(signIn.credentialTypes)}.`;
  }
  if (eventName === 'SwitchRole' && signIn.switchedFrom) {
    return `${what}: ${clean(signIn.switchedFrom)} switched into the role session ${user}, account ${account}.`;
  }
  return `${what}: ${user}, account ${account}.`;
}

function consoleLoginHeadline(
  signIn: SignIn,
  severity: Severity,
  account: string,
  clean: (value: string) => string,
): string {
  const who = signIn.identityType === 'Root' ? 'The ROOT user' : kindOf(signIn, clean);
  if (signIn.outcome === 'Unknown') {
    return `${who} attempted to sign in to the AWS console of account ${account}; the record does not say whether it succeeded.`;
  }
  const verb = signIn.outcome === 'Failure' ? 'FAILED to sign in to' : 'signed in to';
  const mfa = severity === 'high' && signIn.outcome === 'Success' ? ' WITHOUT MFA' : '';
  return `${who} ${verb} the AWS console of account ${account}${mfa}.`;
}

function kindOf(signIn: SignIn, clean: (value: string) => string): string {
  if (signIn.federation) return `A federated user (${clean(signIn.federation)})`;
  if (signIn.identityType === 'IAMUser') return 'An IAM user';
  if (signIn.identityType === 'Unknown') return 'Someone the record does not identify';
  return `A user of type ${clean(signIn.identityType.slice(0, 40))}`;
}
