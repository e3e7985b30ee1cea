/**
 * `ConsoleLogin`: a sign-in to the AWS Management Console by root, an IAM user, or a federated
 * or assumed-role session. Outcome in `responseElements.ConsoleLogin`, MFA in `additionalEventData`.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 */
import { commonFields } from '../common-fields.js';
import { outcomeOf } from '../outcome.js';
import type { JsonObject } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';

export function readConsoleLogin(eventName: string, record: JsonObject): SignIn {
  return commonFields(eventName, record, outcomeOf(record, eventName, 'responseElements'));
}
