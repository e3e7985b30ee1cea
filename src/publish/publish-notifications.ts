/**
 * Publishes notifications with PublishBatch: up to 10 per request, all of a burst's requests in
 * flight at once, so 200 sign-ins cost one round trip, not 200. The SDK retries whole
 * requests (throttling, 5xx, timeouts); entries that fail inside a successful batch are retried
 * here while SNS says the fault is not the sender's. What still fails is thrown as a PublishError.
 * https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Notification } from '../render/notification.js';
import { abortAt } from '../shared/abort-at.js';
import { batchesOf, mapConcurrent } from '../shared/batching.js';
import { PublishError, type PublishFailure } from '../shared/errors.js';
import { type Published, publishBatch, sizeOf, unsent } from './publish-batch.js';

const BATCH_ENTRIES = 10;
/** PublishBatch caps the whole request payload at 256 KiB; keep a margin for the envelope. */
const BATCH_BYTES = 250 * 1024;

export interface PublishOptions {
  readonly concurrency?: number;
  /** Rounds of retries for entries that failed inside a batch. */
  readonly entryRetries?: number;
  readonly backoffMs?: number;
  /**
   * Epoch milliseconds after which nothing more is sent and no round retried: what is left fails
   * with DeadlineExceeded, so the caller still has time to park it before Lambda's timeout.
   * Requests still waiting then are aborted.
   */
  readonly deadline?: number;
}

export async function publishNotifications(
  sns: SNSClient,
  topicArn: string,
  notifications: Iterable<Notification>,
  {
    concurrency = 20,
    entryRetries = 2,
    backoffMs = 100,
    deadline = Number.POSITIVE_INFINITY,
  }: PublishOptions = {},
): Promise<Published[]> {
  const published: Published[] = [];
  const permanent: PublishFailure[] = [];
  let transient: PublishFailure[] = [];
  let total = 0;
  const counted = function* () {
    for (const notification of notifications) {
      total++;
      yield notification;
    }
  };
  let pending: Iterable<Notification> = counted();

  for (let round = 0; round <= entryRetries; round++) {
    if (round > 0) {
      const pause = backoffMs * 2 ** (round - 1) * (1 + Math.random());
      if (Date.now() + pause >= deadline) break;
      await sleep(pause);
    }
    const batches = batchesOf(pending, BATCH_ENTRIES, BATCH_BYTES, sizeOf);
    const signal = Number.isFinite(deadline) ? abortAt(deadline) : undefined;
    const outcomes = await mapConcurrent(batches, concurrency, (batch) =>
      Date.now() < deadline ? publishBatch(sns, topicArn, batch, signal) : Promise.resolve(unsent(batch)),
    );
    const retry: Notification[] = [];
    pending = retry;
    transient = [];
    for (const outcome of outcomes) {
      published.push(...outcome.published);
      for (const failed of outcome.failed) {
        if (failed.retryable) {
          retry.push(failed.notification);
          transient.push(failed.failure);
        } else {
          permanent.push(failed.failure); // a sender fault does not heal by retrying
        }
      }
    }
    if (retry.length === 0) break;
  }

  const failures = [...permanent, ...transient];
  if (failures.length > 0) throw new PublishError(failures, total, published);
  return published;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
