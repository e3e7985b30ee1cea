/**
 * The format of a message in the on-failure queue, written and read here alone: what the notifier
 * parks (a sign-in with its full CloudTrail record and the error, or a whole delivery that could
 * not be read), and how `redrive` reads it back, beside Lambda's own on-failure records.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
import type { Origin, SourceRecord } from '../shared/source-record.js';

/** Names the body format so that redrive can tell parked items from Lambda's own failure records. */
export const PARKED_FORMAT = 'console-login-notifier/parked/v1';

export interface ErrorSummary {
  readonly code: string;
  readonly message: string;
}

export type Parked =
  | {
      readonly kind: 'sign-in';
      readonly reason: 'publish-failed' | 'record-too-large' | 'render-failed';
      readonly error: ErrorSummary;
      readonly eventId: string | undefined;
      /** The CloudTrail record exactly as it arrived. */
      readonly record: string;
      readonly source: Origin & { readonly logEventId: string };
    }
  | {
      readonly kind: 'delivery';
      readonly reason: 'undecodable' | 'over-cap';
      readonly error: ErrorSummary;
      /** The Lambda event as it arrived: the `awslogs` delivery. */
      readonly event: unknown;
    };

export type ParkedMessage = Parked & { readonly format: typeof PARKED_FORMAT; readonly parkedAt: string };

/** A sign-in to park: its record as it arrived, where it came from, and why it was not announced. */
export function parkedSignIn(
  record: SourceRecord,
  eventId: string | undefined,
  reason: Extract<Parked, { kind: 'sign-in' }>['reason'],
  error: ErrorSummary,
  origin: Origin,
): Parked {
  return {
    kind: 'sign-in',
    reason,
    error,
    eventId,
    record: record.message,
    // Named fields only: `origin` may be the whole delivery, and each parked item holds one record.
    source: {
      via: origin.via,
      logGroup: origin.logGroup,
      logStream: origin.logStream,
      logEventId: record.logEventId,
    },
  };
}

/**
 * The queue message body. SQS accepts only XML characters: JSON escapes controls and lone
 * surrogates, but leaves the noncharacters U+FFFE and U+FFFF that a hostile user agent may carry.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 */
export function parkedMessageBody(item: Parked, parkedAt: string): string {
  const message: ParkedMessage = { format: PARKED_FORMAT, parkedAt, ...item };
  return JSON.stringify(message).replace(
    /[\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16)}`,
  );
}

/** What a queue message holds, whichever wrote it. */
export type QueueMessage =
  | ({ readonly kind: 'records'; readonly records: SourceRecord[] } & Origin)
  | { readonly kind: 'delivery'; readonly event: unknown }
  /** An EventBridge event: a Lambda on-failure record of the fast path, or what its rule dead-lettered. */
  | { readonly kind: 'event'; readonly event: unknown }
  | { readonly kind: 'unknown'; readonly why: string };

export function readQueueMessage(body: string): QueueMessage {
  let parsed: Partial<ParkedMessage> & { requestPayload?: unknown };
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'unknown', why: 'the body is not JSON' };
  }
  if (parsed.format === PARKED_FORMAT && parsed.kind === 'sign-in' && typeof parsed.record === 'string') {
    // Parked before the fast path existed: no `via`, and only CloudWatch Logs parked.
    const {
      via = 'cloudwatch-logs',
      logGroup = 'redrive',
      logStream = 'redrive',
      logEventId = '',
    } = parsed.source ?? {};
    return {
      kind: 'records',
      records: [{ message: parsed.record, position: 0, logEventId }],
      via,
      logGroup,
      logStream,
    };
  }
  if (parsed.format === PARKED_FORMAT && parsed.kind === 'delivery')
    return { kind: 'delivery', event: parsed.event };
  // Lambda's on-failure record holds the event under `requestPayload`.
  const event = parsed.requestPayload ?? parsed;
  if (isEventBridgeEvent(event)) return { kind: 'event', event };
  if (parsed.requestPayload !== undefined) return { kind: 'delivery', event: parsed.requestPayload };
  return { kind: 'unknown', why: 'neither a parked item, a Lambda failure record nor an EventBridge event' };
}

/** An EventBridge event has these fields; a CloudWatch Logs delivery has `awslogs` instead. */
function isEventBridgeEvent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return typeof event.source === 'string' && typeof event['detail-type'] === 'string' && 'detail' in event;
}
