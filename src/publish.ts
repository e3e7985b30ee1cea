/**
 * Publishes notifications with PublishBatch: up to 10 per request, several requests in flight,
 * so a burst of 200 sign-ins costs a couple of round trips, not 200. The SDK retries whole
 * requests (throttling, 5xx, timeouts); entries that fail inside a successful batch are retried
 * here while SNS says the fault is not the sender's. What still fails is thrown as a PublishError.
 * https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
import { PublishBatchCommand, type PublishBatchRequestEntry, type SNSClient } from '@aws-sdk/client-sns';
import { batchesOf, mapConcurrent } from './concurrency.js';
import { PublishError, type PublishFailure } from './errors.js';
import type { Notification } from './notification.js';

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
   */
  readonly deadline?: number;
}

export interface Published {
  readonly key: string;
  readonly messageId: string;
}

export async function publishAll(
  sns: SNSClient,
  topicArn: string,
  notifications: Iterable<Notification>,
  {
    concurrency = 8,
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
    const outcomes = await mapConcurrent(batches, concurrency, (batch) =>
      Date.now() < deadline ? publishBatch(sns, topicArn, batch) : Promise.resolve(unsent(batch)),
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

/** A batch the deadline left unsent. */
function unsent(batch: readonly Notification[]): { published: Published[]; failed: Failed[] } {
  const failure = (key: string) => ({
    key,
    code: 'DeadlineExceeded',
    message: 'not sent: the invocation is running out of time',
  });
  return {
    published: [],
    failed: batch.map((notification) => ({
      notification,
      failure: failure(notification.key),
      retryable: false,
    })),
  };
}

interface Failed {
  readonly notification: Notification;
  readonly failure: PublishFailure;
  readonly retryable: boolean;
}

async function publishBatch(
  sns: SNSClient,
  topicArn: string,
  batch: readonly Notification[],
): Promise<{ published: Published[]; failed: Failed[] }> {
  const entries: PublishBatchRequestEntry[] = batch.map((notification, index) => ({
    Id: String(index),
    Subject: notification.subject,
    Message: notification.message,
    MessageStructure: 'json',
    MessageAttributes: Object.fromEntries(
      Object.entries(notification.attributes).map(([name, value]) => [
        name,
        { DataType: 'String', StringValue: value },
      ]),
    ),
  }));
  try {
    const reply = await sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }),
    );
    // Read the reply by entry: an Id SNS names twice or not at all must not lose a sign-in.
    const successful = new Map((reply.Successful ?? []).map((entry) => [entry.Id, entry]));
    const refused = new Map((reply.Failed ?? []).map((entry) => [entry.Id, entry]));
    const published: Published[] = [];
    const failed: Failed[] = [];
    batch.forEach((notification, index) => {
      const id = String(index);
      const success = successful.get(id);
      const failure = refused.get(id);
      if (success && !failure) {
        published.push({ key: notification.key, messageId: success.MessageId ?? '' });
      } else if (failure) {
        const { Code = 'Unknown', Message = '', SenderFault } = failure;
        failed.push({
          notification,
          failure: { key: notification.key, code: Code, message: Message },
          retryable: SenderFault !== true,
        });
      } else {
        const message = 'PublishBatch reply named neither success nor failure for this entry';
        failed.push({
          notification,
          failure: { key: notification.key, code: 'MissingFromReply', message },
          retryable: true,
        });
      }
    });
    return { published, failed };
  } catch (error) {
    // The SDK already retried what it could; the request failed as a whole.
    const { name, message } = error as Error;
    const retryable = isTransient(error as SdkError);
    return {
      published: [],
      failed: batch.map((notification) => ({
        notification,
        failure: { key: notification.key, code: name, message },
        retryable,
      })),
    };
  }
}

interface SdkError extends Error {
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Server faults, throttling and network errors (no `$fault`) may pass; a rejected request will not. */
function isTransient(error: SdkError): boolean {
  return error.$fault !== 'client' || error.$metadata?.httpStatusCode === 429 || /thrott/i.test(error.name);
}

function sizeOf(notification: Notification): number {
  let bytes = Buffer.byteLength(notification.message) + Buffer.byteLength(notification.subject);
  for (const [name, value] of Object.entries(notification.attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 'String'.length;
  }
  return bytes;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
