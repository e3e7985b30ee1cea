/**
 * `CheckMfa`: the second-factor step of a console sign-in by root or an IAM user, logged after the
 * password was accepted. A `Failure` says that someone who knows the password could not pass the
 * MFA device. Outcome in `responseElements.CheckMfa`, the device kind in `MfaType`.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 */
import { commonFields } from '../common-fields.js';
import { outcomeOf } from '../outcome.js';
import type { JsonObject } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';

export function readCheckMfa(eventName: string, record: JsonObject): SignIn {
  // The record is the MFA step itself: a second factor was asked for, whatever its outcome.
  return {
    ...commonFields(eventName, record, outcomeOf(record, eventName, 'responseElements')),
    mfaUsed: true,
  };
}
