/**
 * Decodes the EventBridge event that invokes the fast path: a CloudTrail record of AWS Sign-In
 * (`source` aws.signin) as `detail`, whatever the detail-type spells it: "AWS Console Sign In via
 * CloudTrail", "AWS Console Signin via CloudTrail", or "AWS Service Event via CloudTrail" for
 * Identity Center. An event of another source, or without a record, is bad input: the caller
 * counts it and goes on; a retry would not make it readable.
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-signin.html
 */
import * as z from 'zod/mini';
import { EventDecodeError } from '../shared/errors.js';
import type { SourceRecord } from '../shared/source-record.js';
import { describeIssues } from './describe-issues.js';

/** EventBridge takes no event over 256 KB: a larger one is not what it delivered. */
export const MAX_EVENT_BYTES = 256 * 1024;

const eventSchema = z.object({
  id: z.string(),
  'detail-type': z.string(),
  source: z.literal('aws.signin'),
  account: z.string(),
  region: z.string(),
  detail: z.looseObject({ eventName: z.string() }),
});

export type SignInEvent = z.infer<typeof eventSchema>;

export function decodeEvent(event: unknown): SignInEvent {
  const decoded = eventSchema.safeParse(event);
  if (!decoded.success) {
    throw new EventDecodeError(`not an AWS Sign-In event: ${describeIssues(decoded.error)}`, {
      cause: decoded.error,
    });
  }
  // The record as it arrived, keys in their order: zod's copy puts the ones it checks first.
  return { ...decoded.data, detail: (event as { detail: SignInEvent['detail'] }).detail };
}

/** The one CloudTrail record of the event, as the pipeline reads records: JSON text. */
export function recordsOfEvent(event: SignInEvent): SourceRecord[] {
  const message = JSON.stringify(event.detail);
  if (message.length > MAX_EVENT_BYTES) {
    throw new EventDecodeError(`the event's detail holds ${message.length} characters, over the cap`);
  }
  return [{ message, position: 0, logEventId: event.id }];
}
