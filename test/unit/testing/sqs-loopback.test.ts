/**
 * The loopback SQS against the REAL SQS client, pointed at it the way the notifier's client is
 * (AWS_ENDPOINT_URL_SQS): what the SDK validates (the MD5s of bodies and attributes), visibility
 * timeouts, partial batch failures, which errors it names, and which ones it retries.
 */
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackSqs } from '../../../testing/sqs-loopback.js';
import {
  attemptsOf,
  caught,
  closeServed,
  md5,
  serve,
  stubAwsEnvironment,
} from '../../support/loopback-clients.js';

beforeEach(stubAwsEnvironment);
afterEach(closeServed);

describe('loopback SQS', () => {
  const sqsAt = (options: Parameters<typeof startLoopbackSqs>[0] = {}) =>
    serve('SQS', startLoopbackSqs(options), () => new SQSClient({}));

  it('sends, receives and deletes, with MD5s the SDK checks', async () => {
    const [queue, sqs] = await sqsAt();
    const bodies = ['{"format":"parked"}', 'sign-in from São Paulo ✓'];

    for (const body of bodies)
      await sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: body }));
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }),
    );
    for (const { ReceiptHandle } of Messages)
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.queueUrl, ReceiptHandle }));

    // The SDK's VALIDATE_BODY_MD5 middlewares would have thrown "Invalid MD5 checksum on messages" on a mismatch.
    expect(Messages.map(({ Body, MD5OfBody }) => [Body, MD5OfBody])).toEqual(
      bodies.map((body) => [body, md5(body)]),
    );
    expect(queue.messages()).toEqual([]);
    expect(queue.requests.map(({ operation }) => operation)).toEqual([
      'SendMessage',
      'SendMessage',
      'ReceiveMessage',
      'DeleteMessage',
      'DeleteMessage',
    ]);
    expect(queue.requests[0]?.body.QueueUrl).toBe(queue.queueUrl);
  });

  it('hides a received message until its visibility timeout, then delivers it again', async () => {
    const [queue, sqs] = await sqsAt({ visibilityTimeoutMs: 50 });
    queue.send('parked sign-in');
    const receive = () =>
      sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.queueUrl,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
    const count = () =>
      sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.queueUrl, AttributeNames: ['All'] }));

    const first = await receive();
    const meanwhile = await receive();
    const inFlight = await count();
    await new Promise((resolve) => setTimeout(resolve, 80));
    const again = await receive();

    expect(first.Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: '1' });
    expect(meanwhile.Messages).toBeUndefined(); // SQS leaves Messages out when there are none
    expect(inFlight.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '1',
    });
    expect(again.Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(queue.messages()).toEqual(['parked sign-in']);
  });

  it('reports the entries a scripted partial SendMessageBatch failed, and queues the others', async () => {
    const [queue, sqs] = await sqsAt({
      reply: () => ({
        kind: 'partial',
        fail: (id) => (id === '1' ? { code: 'InternalError', senderFault: false } : undefined),
      }),
    });
    const Entries = ['a', 'b', 'c'].map((body, n) => ({ Id: String(n), MessageBody: body }));

    const reply = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.queueUrl, Entries }));

    expect(reply.Failed).toEqual([
      { Id: '1', Code: 'InternalError', SenderFault: false, Message: 'InternalError' },
    ]);
    expect(reply.Successful?.map(({ Id, MD5OfMessageBody }) => [Id, MD5OfMessageBody])).toEqual([
      ['0', md5('a')],
      ['2', md5('c')],
    ]);
    expect(queue.messages()).toEqual(['a', 'c']);
  });

  it('computes MD5OfMessageAttributes like SQS (published test vectors)', async () => {
    const [queue, sqs] = await sqsAt();
    const send = (MessageAttributes: Record<string, { DataType: string; StringValue: string }>) =>
      sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: 'x', MessageAttributes }));

    const one = await send({ timestamp: { DataType: 'Number', StringValue: '1493147359900' } });
    const two = await send({
      ordinal: { DataType: 'Number', StringValue: '1' },
      category: { DataType: 'String', StringValue: 'test' },
    });

    expect(one.MD5OfMessageAttributes).toBe('235c5c510d26fb653d073faed50ae77c');
    expect(two.MD5OfMessageAttributes).toBe('d21ae90c49061e927f57df5f5d72be1f');
  });

  it('lets the SDK retry scripted 500s and names query-compatible errors by their shape', async () => {
    const [queue, sqs] = await sqsAt({
      reply: (request, index) =>
        request.operation === 'GetQueueAttributes'
          ? {
              kind: 'error',
              status: 400,
              code: 'QueueDoesNotExist',
              queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
            }
          : index < 2
            ? { kind: 'error', status: 500, code: 'InternalError' }
            : { kind: 'ok' },
    });

    await sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: 'retried' }));
    const error = await caught(sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.queueUrl })));

    expect(attemptsOf(queue.requests.slice(0, 3))).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3',
    ]);
    expect(queue.messages()).toEqual(['retried']);
    expect(error).toMatchObject({
      name: 'QueueDoesNotExist',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });
});
