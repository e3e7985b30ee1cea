/**
 * Parks what could not be announced in the on-failure queue, with everything needed to announce
 * it later (`npm run redrive`). Parking lets the invocation succeed, so the sign-ins already
 * announced are not sent again by a Lambda retry; only when parking fails does the invocation fail.
 * Several SendMessageBatch requests go out at once, and each reply is read entry by entry, as the
 * publisher reads PublishBatch's: an entry the reply does not name is sent again, never counted.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 */
import type { SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { batchesOf, mapConcurrent } from '../shared/batching.js';
import { ParkingError } from '../shared/errors.js';
import { type Parked, parkedMessageBody } from './parked-message.js';

/** SQS takes at most 10 messages and 1 MiB per SendMessageBatch. */
const BATCH_ENTRIES = 10;
const BATCH_BYTES = 1024 * 1024;
/** 5000 sign-ins are 500 requests: 16 at a time at 30 ms each park them in about a second. */
const CONCURRENCY = 16;
const ATTEMPTS = 3;

type Entry = SendMessageBatchRequestEntry;

/** Parks every item, or throws a ParkingError; `signal` aborts what still waits (then it throws). */
export async function park(
  sqs: SQSClient,
  queueUrl: string,
  items: readonly Parked[],
  signal?: AbortSignal,
): Promise<void> {
  const { SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  const parkedAt = new Date().toISOString();
  let pending: Entry[] = items.map((item, index) => ({
    Id: String(index),
    MessageBody: parkedMessageBody(item, parkedAt),
  }));
  // The last error SQS gave, kept whole (with its request ID) as the ParkingError's cause.
  let lastError = new Error('no error recorded');
  const sendBatch = async (batch: Entry[]): Promise<Entry[]> => {
    try {
      const reply = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }), {
        abortSignal: signal,
      });
      const sent = new Set((reply.Successful ?? []).map(({ Id }) => Id));
      const refused = new Map((reply.Failed ?? []).map((entry) => [entry.Id, entry]));
      const again: Entry[] = [];
      for (const entry of batch) {
        const failure = refused.get(entry.Id);
        if (sent.has(entry.Id) && !failure) continue;
        again.push(entry); // refused, or named in neither list: a reply that names no entry parked nothing
        lastError = failure
          ? Object.assign(new Error(failure.Message ?? ''), { name: failure.Code ?? 'Unknown' })
          : Object.assign(new Error('SendMessageBatch reply named neither success nor failure'), {
              name: 'MissingFromReply',
            });
      }
      return again;
    } catch (error) {
      lastError = error as Error;
      return batch;
    }
  };
  const bodyBytes = (entry: Entry) => Buffer.byteLength(entry.MessageBody ?? '');
  for (let attempt = 1; pending.length > 0 && attempt <= ATTEMPTS && !signal?.aborted; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    const left = await mapConcurrent(
      batchesOf(pending, BATCH_ENTRIES, BATCH_BYTES, bodyBytes),
      CONCURRENCY,
      sendBatch,
    );
    pending = left.flat();
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
