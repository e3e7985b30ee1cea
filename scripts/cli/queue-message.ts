/**
 * Reads a message of the on-failure queue, whichever wrote it: the notifier's parked sign-ins and
 * deliveries, or Lambda's own on-failure records.
 */
import { PARKED_FORMAT, type ParkedMessage } from '../../src/parking.js';
import type { SourceRecord } from '../../src/plan.js';

/** What a queue message holds. */
export type Redrivable =
  | {
      readonly kind: 'records';
      readonly records: SourceRecord[];
      readonly logGroup: string;
      readonly logStream: string;
    }
  | { readonly kind: 'delivery'; readonly event: unknown }
  | { readonly kind: 'unknown'; readonly why: string };

export function readMessage(body: string): Redrivable {
  let parsed: Partial<ParkedMessage> & { requestPayload?: unknown };
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'unknown', why: 'the body is not JSON' };
  }
  if (parsed.format === PARKED_FORMAT && parsed.kind === 'sign-in' && typeof parsed.record === 'string') {
    const { logGroup = 'redrive', logStream = 'redrive', logEventId = '' } = parsed.source ?? {};
    return {
      kind: 'records',
      records: [{ message: parsed.record, position: 0, logEventId }],
      logGroup,
      logStream,
    };
  }
  if (parsed.format === PARKED_FORMAT && parsed.kind === 'delivery')
    return { kind: 'delivery', event: parsed.event };
  // Lambda's on-failure record: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
  if (parsed.requestPayload !== undefined) return { kind: 'delivery', event: parsed.requestPayload };
  return { kind: 'unknown', why: 'neither a parked item nor a Lambda failure record' };
}
