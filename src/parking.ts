/**
 * Parks what could not be announced in the on-failure queue, with everything needed to announce
 * it later (`npm run redrive`): a sign-in with its full CloudTrail record and the error, or a whole
 * delivery that could not be read. Parking lets the invocation succeed, so the sign-ins already
 * announced are not sent again by a Lambda retry; only when parking fails does the invocation fail.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 */
import type { SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { batchesOf } from './concurrency.js';
import { ParkingError } from './errors.js';
import type { SourceRecord } from './plan.js';

/** Names the body format so that redrive can tell parked items from Lambda's own failure records. */
export const PARKED_FORMAT = 'console-login-notifier/parked/v1';

/** SQS takes at most 10 messages and 1 MiB per SendMessageBatch. */
const BATCH_ENTRIES = 10;
const BATCH_BYTES = 1024 * 1024;
const ATTEMPTS = 3;

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
      readonly source: { readonly logGroup: string; readonly logStream: string; readonly logEventId: string };
    }
  | {
      readonly kind: 'delivery';
      readonly reason: 'undecodable' | 'over-cap';
      readonly error: ErrorSummary;
      /** The Lambda event as it arrived: the `awslogs` delivery. */
      readonly event: unknown;
    };

/** A sign-in to park: its record as it arrived, where it came from, and why it was not announced. */
export function parkedSignIn(
  record: SourceRecord,
  eventId: string | undefined,
  reason: Extract<Parked, { kind: 'sign-in' }>['reason'],
  error: ErrorSummary,
  source: { readonly logGroup: string; readonly logStream: string },
): Parked {
  return {
    kind: 'sign-in',
    reason,
    error,
    eventId,
    record: record.message,
    // Named fields only: `source` may be the whole delivery, and each parked item holds one record.
    source: { logGroup: source.logGroup, logStream: source.logStream, logEventId: record.logEventId },
  };
}

export type ParkedMessage = Parked & { readonly format: typeof PARKED_FORMAT; readonly parkedAt: string };

export async function park(sqs: SQSClient, queueUrl: string, items: readonly Parked[]): Promise<void> {
  const { SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  const parkedAt = new Date().toISOString();
  let pending: SendMessageBatchRequestEntry[] = items.map((item, index) => ({
    Id: String(index),
    MessageBody: messageBody({ format: PARKED_FORMAT, parkedAt, ...item }),
  }));
  // The last error SQS gave, kept whole (with its request ID) as the ParkingError's cause.
  let lastError = new Error('no error recorded');
  for (let attempt = 1; pending.length > 0 && attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    const failed: SendMessageBatchRequestEntry[] = [];
    const bodyBytes = (entry: SendMessageBatchRequestEntry) => Buffer.byteLength(entry.MessageBody ?? '');
    for (const batch of batchesOf(pending, BATCH_ENTRIES, BATCH_BYTES, bodyBytes)) {
      try {
        const reply = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
        for (const entry of reply.Failed ?? []) {
          failed.push(batch.find(({ Id }) => Id === entry.Id) as SendMessageBatchRequestEntry);
          lastError = Object.assign(new Error(entry.Message ?? ''), { name: entry.Code ?? 'Unknown' });
        }
      } catch (error) {
        failed.push(...batch);
        lastError = error as Error;
      }
    }
    pending = failed;
  }
  if (pending.length > 0) {
    throw new ParkingError(
      `${pending.length} of ${items.length} items could not be parked (${lastError.name})`,
      {
        cause: lastError,
      },
    );
  }
}

/**
 * SQS accepts only XML characters: JSON escapes controls and lone surrogates, but leaves the
 * noncharacters U+FFFE and U+FFFF that a hostile user agent may carry. Escape those too.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 */
function messageBody(message: ParkedMessage): string {
  return JSON.stringify(message).replace(
    /[\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16)}`,
  );
}
