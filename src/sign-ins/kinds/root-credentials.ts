/**
 * The root user's credential events, the account-takeover path: `PasswordRecoveryRequested` (someone
 * used "Forgot password?" on the root sign-in page), `PasswordRecoveryCompleted` (the root password
 * was reset through that e-mail), `PasswordUpdated` (the root password was changed) and
 * `EmailUpdated` (the root e-mail address, where recovery mails go, was changed). Outcome in
 * `responseElements.<eventName>`; IAM users' password changes are IAM `ChangePassword` calls instead.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 */
import { commonFields } from '../common-fields.js';
import { outcomeOf } from '../outcome.js';
import type { JsonObject } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';

export function readRootCredentialEvent(eventName: string, record: JsonObject): SignIn {
  return commonFields(eventName, record, outcomeOf(record, eventName, 'responseElements'));
}
