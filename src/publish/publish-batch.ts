/**
 * One PublishBatch request: the entries as SNS takes them, and the reply read entry by entry into
 * published and failed (with whether a retry may help).
 * https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
import { PublishBatchCommand, type PublishBatchRequestEntry, type SNSClient } from '@aws-sdk/client-sns';
import { entryBytes, type Notification } from '../render/notification.js';
import type { PublishFailure } from '../shared/errors.js';

export interface Published {
  readonly key: string;
  readonly messageId: string;
}

export interface Failed {
  readonly notification: Notification;
  readonly failure: PublishFailure;
  readonly retryable: boolean;
}

export async function publishBatch(
  sns: SNSClient,
  topicArn: string,
  batch: readonly Notification[],
  signal?: AbortSignal,
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
      { abortSignal: signal },
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
    // The deadline aborted the request: what it held may or may not have reached SNS.
    if ((error as Error).name === 'AbortError') return unsent(batch, 'not answered before the deadline');
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

/** A batch the deadline left unsent, or unanswered. */
export function unsent(
  batch: readonly Notification[],
  why = 'not sent: the invocation is running out of time',
): { published: Published[]; failed: Failed[] } {
  const failure = (key: string) => ({ key, code: 'DeadlineExceeded', message: why });
  return {
    published: [],
    failed: batch.map((notification) => ({
      notification,
      failure: failure(notification.key),
      retryable: false,
    })),
  };
}

interface SdkError extends Error {
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Server faults, throttling and network errors (no `$fault`) may pass; a rejected request will not. */
function isTransient(error: SdkError): boolean {
  return error.$fault !== 'client' || error.$metadata?.httpStatusCode === 429 || /thrott/i.test(error.name);
}

/** The bytes an entry adds to a PublishBatch request. */
export const sizeOf = entryBytes;
