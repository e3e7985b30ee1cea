/**
 * The outcome of a sign-in event, where its kind records it: `responseElements.<eventName>` for the
 * console sign-in events, `serviceEventDetails.<eventName>` for Identity Center's. A record that
 * does not say is a Failure when it carries an error, and otherwise Unknown: never a success.
 */
import { type JsonObject, objectAt, text } from './record-fields.js';
import type { Outcome } from './sign-in.js';

export interface ReadOutcome {
  readonly outcome: Outcome;
  readonly outcomeReported: boolean;
  readonly failureReason: string | undefined;
}

export function outcomeOf(
  record: JsonObject,
  eventName: string,
  where: 'responseElements' | 'serviceEventDetails',
): ReadOutcome {
  const other = where === 'responseElements' ? 'serviceEventDetails' : 'responseElements';
  const reported = (
    text(objectAt(record, where)[eventName]) ?? text(objectAt(record, other)[eventName])
  )?.toLowerCase();
  const failureReason = text(record.errorMessage) ?? text(record.errorCode);
  if (reported === 'success' || reported === 'failure') {
    return { outcome: reported === 'success' ? 'Success' : 'Failure', outcomeReported: true, failureReason };
  }
  return { outcome: failureReason ? 'Failure' : 'Unknown', outcomeReported: false, failureReason };
}

/**
 * An API call (`eventType` `AwsApiCall`) reports a failure with `errorCode`, and nothing when it
 * succeeded: that absence is CloudTrail's own record of success, not a missing outcome.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export function apiCallOutcomeOf(record: JsonObject, eventName: string): ReadOutcome {
  const read = outcomeOf(record, eventName, 'responseElements');
  if (read.outcome !== 'Unknown' || text(record.eventType)?.toLowerCase() !== 'awsapicall') return read;
  return { outcome: 'Success', outcomeReported: true, failureReason: undefined };
}
