/**
 * Parks what could not be announced in the on-failure queue, with everything needed to announce
 * it later (`npm run redrive`). Parking lets the invocation succeed, so the sign-ins already
 * announced are not sent again by a Lambda retry; only when parking fails does the invocation fail.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 */
import type { SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { batchesOf } from '../shared/batching.js';
import { ParkingError } from '../shared/errors.js';
import { type Parked, parkedMessageBody } from './parked-message.js';

/** SQS takes at most 10 messages and 1 MiB per SendMessageBatch. */
const BATCH_ENTRIES = 10;
const BATCH_BYTES = 1024 * 1024;
const ATTEMPTS = 3;

export async function park(sqs: SQSClient, queueUrl: string, items: readonly Parked[]): Promise<void> {
  const { SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  const parkedAt = new Date().toISOString();
  let pending: SendMessageBatchRequestEntry[] = items.map((item, index) => ({
    Id: String(index),
    MessageBody: parkedMessageBody(item, parkedAt),
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
