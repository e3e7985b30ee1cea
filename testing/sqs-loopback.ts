/**
 * A loopback stand-in for one Amazon SQS queue that speaks the real wire protocol (AWS JSON 1.0,
 * `X-Amz-Target: AmazonSQS.<Op>`, query-compatible errors). Point the real SDK at it with
 * AWS_ENDPOINT_URL_SQS and use `queueUrl`: the SDK sends each request to the host of the QueueUrl
 * unless the client was given an explicit `endpoint`. Any QueueUrl is accepted; requests record it.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html
 */
import type { ServerResponse } from 'node:http';
import {
  type CommonReply,
  errorBody,
  type JsonLoopback,
  type LoopbackOptions,
  qualified,
  sendJson,
  startJsonLoopback,
} from './json-loopback.js';
import { createQueue, type MessageAttributes } from './sqs-queue.js';

export type { JsonRequest } from './json-loopback.js';

export type EntryFailure = { code: string; senderFault: boolean; message?: string };

export type SqsReply =
  | Exclude<CommonReply, { kind: 'error' }>
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code: string;
      readonly message?: string;
      /** The query-protocol code for x-amzn-query-error, e.g. `AWS.SimpleQueueService.NonExistentQueue`. */
      readonly queryCode?: string;
    }
  /**
   * SendMessageBatch / DeleteMessageBatch: the entries `fail` names go to `Failed`, the rest succeed.
   * Replies SQS should never send, for the reader of them: `omit` leaves entries out of both lists
   * (and unapplied); `strangers` adds to `Failed` entries whose Id the request did not hold.
   */
  | {
      readonly kind: 'partial';
      readonly fail: (entryId: string) => EntryFailure | undefined;
      readonly omit?: (entryId: string) => boolean;
      readonly strangers?: readonly (EntryFailure & { readonly id: string })[];
    };

export interface LoopbackSqsOptions extends LoopbackOptions<SqsReply> {
  /** How long a received message stays invisible; also caps a request's VisibilityTimeout. Default 30 s. */
  readonly visibilityTimeoutMs?: number;
  /** Long polling waits at most this long, whatever WaitTimeSeconds says. Default 50 ms. */
  readonly maxWaitMs?: number;
}

export interface LoopbackSqs extends JsonLoopback {
  /** A QueueUrl on this server, which works with or without an explicit client endpoint. */
  readonly queueUrl: string;
  /** Bodies in the queue, in-flight ones included, oldest first. */
  messages(): string[];
  /** Seeds a message as if a producer had sent it; returns its MessageId. */
  send(body: string): string;
}

type Entry = {
  Id: string;
  MessageBody?: string;
  MessageAttributes?: MessageAttributes;
  ReceiptHandle?: string;
};

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const NAMESPACE = 'com.amazonaws.sqs';

export async function startLoopbackSqs(options: LoopbackSqsOptions = {}): Promise<LoopbackSqs> {
  const queue = createQueue(options.visibilityTimeoutMs ?? 30_000, options.maxWaitMs ?? 50);

  const loopback = await startJsonLoopback<SqsReply>(
    options,
    async ({ operation, body: input }, reply, { res }) => {
      if (reply.kind === 'error')
        return sendError(res, reply.status, reply.code, reply.message, reply.queryCode);
      const fail = (id: string) => (reply.kind === 'partial' ? reply.fail(id) : undefined);
      const script = reply.kind === 'partial' ? reply : undefined;
      const entries = (input.Entries ?? []) as Entry[];
      switch (operation) {
        case 'SendMessage':
          return ok(
            res,
            queue.enqueue(String(input.MessageBody ?? ''), input.MessageAttributes as MessageAttributes),
          );
        case 'SendMessageBatch':
          return ok(
            res,
            batch(
              entries,
              fail,
              (entry) => queue.enqueue(entry.MessageBody ?? '', entry.MessageAttributes),
              script,
            ),
          );
        case 'ReceiveMessage':
          return ok(res, await queue.receive(input));
        case 'DeleteMessage': {
          const invalid = queue.remove(input.ReceiptHandle);
          return invalid ? sendError(res, 404, 'ReceiptHandleIsInvalid', invalid) : ok(res, {});
        }
        case 'DeleteMessageBatch':
          return ok(
            res,
            batch(entries, fail, (entry) => queue.remove(entry.ReceiptHandle) ?? {}),
          );
        case 'ChangeMessageVisibility': {
          const invalid = queue.changeVisibility(input.ReceiptHandle, input.VisibilityTimeout);
          return invalid ? sendError(res, 400, 'ReceiptHandleIsInvalid', invalid) : ok(res, {});
        }
        case 'ChangeMessageVisibilityBatch':
          return ok(
            res,
            batch(entries, fail, (entry) => {
              const { ReceiptHandle, VisibilityTimeout } = entry as Entry & { VisibilityTimeout?: number };
              return queue.changeVisibility(ReceiptHandle, VisibilityTimeout) ?? {};
            }),
          );
        case 'GetQueueAttributes':
          return ok(res, { Attributes: queue.attributes(input) });
        default:
          return sendError(
            res,
            400,
            'UnknownOperationException',
            `The loopback SQS does not implement ${operation}`,
          );
      }
    },
  );
  return {
    ...loopback,
    queueUrl: `${loopback.url}/123456789012/loopback-queue`,
    messages: queue.bodies,
    send: (body) => queue.enqueue(body).MessageId,
  };
}

/** Runs each batch entry: scripted failures first, then `run`, whose string answer is an invalid receipt handle. */
function batch(
  entries: Entry[],
  fail: (id: string) => EntryFailure | undefined,
  run: (entry: Entry) => object | string,
  script?: Pick<Extract<SqsReply, { kind: 'partial' }>, 'omit' | 'strangers'>,
) {
  const Successful: object[] = [];
  const Failed: object[] = (script?.strangers ?? []).map(({ id, code, senderFault, message }) => ({
    Id: id,
    Code: code,
    SenderFault: senderFault,
    Message: message ?? code,
  }));
  for (const { Id, ...entry } of entries) {
    if (script?.omit?.(Id)) continue;
    const scripted = fail(Id);
    const outcome = scripted ?? run({ Id, ...entry });
    if (scripted) {
      Failed.push({
        Id,
        Code: scripted.code,
        SenderFault: scripted.senderFault,
        Message: scripted.message ?? scripted.code,
      });
    } else if (typeof outcome === 'string') {
      Failed.push({ Id, Code: 'ReceiptHandleIsInvalid', SenderFault: true, Message: outcome });
    } else {
      Successful.push({ Id, ...outcome });
    }
  }
  return { Successful, Failed };
}

/** SQS errors name the Smithy shape in `__type` and the query-protocol code in x-amzn-query-error. */
function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message = code,
  queryCode = code,
): void {
  const fault = status >= 500 ? 'Receiver' : 'Sender';
  sendJson(res, status, CONTENT_TYPE, errorBody(qualified(NAMESPACE, code), message), {
    'x-amzn-query-error': `${queryCode};${fault}`,
  });
}

function ok(res: ServerResponse, body: object): void {
  sendJson(res, 200, CONTENT_TYPE, body);
}
