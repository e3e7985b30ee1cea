/**
 * What a sign-in event means and what to do about it, per kind: the last lines of the e-mail, for
 * the person who did not expect it. Plain text of our own; nothing from the record.
 */
import type { Severity } from '../decide/severity.js';
import type { SignIn } from '../sign-ins/sign-in.js';

type Advice = (signIn: SignIn, severity: Severity) => string[];

const ROOT_TAKEOVER =
  'If nobody you know did this, treat it as an attempt to take over the account: sign in as root now, set a new password, check the root e-mail address and MFA devices, and contact AWS Support if you cannot sign in.';

const MEANING: Readonly<Record<string, Advice>> = {
  ConsoleLogin: consoleLogin,
  CheckMfa: () => [
    'What it means: the password was correct and the second factor was not. Whoever tried knows this password.',
    'What to do: if it was not the user fumbling a code, change the password now and look for other sign-in attempts from the same address.',
  ],
  UserAuthentication: (_signIn, severity) => [
    'What it means: someone completed a sign-in to the IAM Identity Center access portal; from there they can open every account and role assigned to them.',
    severity === 'high'
      ? 'What to do: a password alone was enough. If you do not recognise this sign-in, disable the user in Identity Center and require MFA (Settings > Authentication).'
      : 'What to do: nothing if you recognise it; otherwise disable the user in Identity Center and end their sessions.',
  ],
  CredentialVerification: (_signIn, severity) =>
    severity === 'high'
      ? [
          'What it means: the password was correct and the second factor was rejected. Whoever tried knows this password.',
          'What to do: if it was not the user, reset their password in Identity Center and check their MFA devices.',
        ]
      : [
          'What it means: a credential was rejected at the Identity Center sign-in. One failure is a typo; many are someone guessing.',
          'What to do: if there are many, or from an address you do not know, check the user with their owner and consider a password reset.',
        ],
  PasswordRecoveryRequested: () => [
    'What it means: someone asked for a root password reset e-mail ("Forgot password?" on the root sign-in page).',
    ROOT_TAKEOVER,
  ],
  PasswordRecoveryCompleted: () => [
    'What it means: the root password was reset through the recovery e-mail: whoever did it holds the root password now.',
    ROOT_TAKEOVER,
  ],
  PasswordUpdated: () => ['What it means: the root password was changed.', ROOT_TAKEOVER],
  EmailUpdated: () => [
    'What it means: the root e-mail address was changed; password recovery mails now go to the new address.',
    ROOT_TAKEOVER,
  ],
  SwitchRole: () => [
    'What it means: a console user switched into a role, maybe of another account, and now acts with its permissions.',
    'What to do: check that the user who switched may use that role; if not, revoke its sessions and tighten its trust policy.',
  ],
  GetSigninToken: () => [
    'What it means: temporary credentials were turned into a console sign-in link. The Identity Center portal does it for every console session; a script or an unknown address doing it may be stolen keys becoming a console session.',
    'What to do: if the user agent or address is not yours, revoke the role sessions and rotate the keys behind them.',
  ],
};

export function adviceOf(signIn: SignIn, severity: Severity): string[] {
  const lines: string[] = [];
  if (signIn.userName === 'HIDDEN_DUE_TO_SECURITY_REASONS') {
    lines.push(
      'AWS hides the user name when it does not exist in the account: someone typed a wrong or made-up name.',
    );
  }
  if (signIn.outcome === 'Unknown') {
    lines.push(
      'The record does not say whether this succeeded: it is rated as a failure, never as a success.',
    );
  }
  lines.push(...(MEANING[signIn.eventName]?.(signIn, severity) ?? []));
  return lines;
}

function consoleLogin(signIn: SignIn, severity: Severity): string[] {
  if (severity === 'critical') {
    return [
      'Root can do anything in the account. If you do not recognise this sign-in, change the root password, check its MFA devices and look at what root did next in CloudTrail.',
    ];
  }
  if (severity === 'high' && signIn.outcome === 'Success' && signIn.identityType === 'IAMUser') {
    return [
      'A password alone was enough to sign in. If you do not recognise this sign-in, disable the console password of this user and enforce MFA.',
    ];
  }
  if (severity === 'high' && signIn.outcome === 'Success') {
    return [
      'The record does not show who signed in, nor that MFA was used. Look the event up in CloudTrail to find out.',
    ];
  }
  return [];
}
