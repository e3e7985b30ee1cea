/**
 * The sign-in kinds the notifier reads, by CloudTrail `eventName`: one reader per kind. A record
 * whose eventName is not here is another event and is skipped. Adding a kind is adding its reader.
 * Which of them are announced, and when, is decided later (src/decide/).
 */
import type { JsonObject } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';
import { readCheckMfa } from './check-mfa.js';
import { readConsoleLogin } from './console-login.js';
import { readGetSigninToken } from './get-signin-token.js';
import { readIdentityCenterStep } from './identity-center.js';
import { readRootCredentialEvent } from './root-credentials.js';
import { readSwitchRole } from './switch-role.js';

export type SignInReader = (eventName: string, record: JsonObject) => SignIn;

export const READERS: ReadonlyMap<string, SignInReader> = new Map([
  ['ConsoleLogin', readConsoleLogin],
  ['CheckMfa', readCheckMfa],
  ['UserAuthentication', readIdentityCenterStep],
  ['CredentialVerification', readIdentityCenterStep],
  ['CredentialChallenge', readIdentityCenterStep],
  ['PasswordRecoveryRequested', readRootCredentialEvent],
  ['PasswordRecoveryCompleted', readRootCredentialEvent],
  ['PasswordUpdated', readRootCredentialEvent],
  ['EmailUpdated', readRootCredentialEvent],
  ['SwitchRole', readSwitchRole],
  ['GetSigninToken', readGetSigninToken],
]);

/** The service whose records are sign-in events; a record of any other source is not one. */
export const SIGN_IN_SOURCE = 'signin.amazonaws.com';
