/**
 * The loopback SQS, CloudWatch Logs and DynamoDB against the REAL SDK clients, pointed at them the
 * way the notifier's clients are (AWS_ENDPOINT_URL_<SERVICE>): what the SDK validates (SQS MD5s),
 * how it paginates, which errors it names, and which ones it retries.
 */
import { createHash } from 'node:crypto';
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { BatchWriteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLoopbackDynamo } from '../scripts/dynamodb-loopback.js';
import type { JsonRequest } from '../scripts/json-loopback.js';
import { type SeededEvent, startLoopbackLogs } from '../scripts/logs-loopback.js';
import { startLoopbackSqs } from '../scripts/sqs-loopback.js';

const cleanups: (() => unknown)[] = [];

beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

/** Starts a loopback, points the SDK at it through the environment, and closes both after the test. */
async function serve<L extends { url: string; close(): Promise<void> }, C extends { destroy(): void }>(
  service: 'SQS' | 'CLOUDWATCH_LOGS' | 'DYNAMODB',
  loopback: Promise<L>,
  createClient: () => C,
): Promise<[L, C]> {
  const started = await loopback;
  cleanups.push(() => started.close());
  vi.stubEnv(`AWS_ENDPOINT_URL_${service}`, started.url);
  const client = createClient();
  cleanups.push(() => client.destroy());
  return [started, client];
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const attemptsOf = (requests: JsonRequest[]) => requests.map(({ headers }) => headers['amz-sdk-request']);
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error,
  );

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

describe('loopback CloudWatch Logs', () => {
  const GROUP = 'aws-cloudtrail-logs-123456789012';
  const START = Date.UTC(2024, 4, 1);
  const END = START + 3_600_000;
  const record = (eventName: string, n: number) =>
    JSON.stringify({ eventName, eventID: `${eventName}-${n}` });
  const at = (timestamp: number, message: string): SeededEvent => ({ timestamp, message });
  /** 110 sign-ins in the hour (two on its bounds), plus what the query must leave out. */
  const events: SeededEvent[] = [
    ...Array.from({ length: 110 }, (_, n) =>
      at(n === 109 ? END : START + n * 30_000, record('ConsoleLogin', n)),
    ),
    ...Array.from({ length: 20 }, (_, n) => at(START + n * 1_000 + 500, record('AssumeRole', n))),
    at(START - 1, record('ConsoleLogin', -1)),
    at(END + 1, record('ConsoleLogin', 999)),
    at(START + 10, 'not json'),
  ];
  const logsAt = (options: Parameters<typeof startLoopbackLogs>[0] = {}) =>
    serve(
      'CLOUDWATCH_LOGS',
      startLoopbackLogs({ groups: { [GROUP]: events }, ...options }),
      () => new CloudWatchLogsClient({}),
    );

  it('pages through the sign-ins of a time range (bounds included) with the filter pattern', async () => {
    const [logs, client] = await logsAt();
    const query = {
      logGroupName: GROUP,
      startTime: START,
      endTime: END,
      filterPattern: '{ $.eventName = "ConsoleLogin" }',
    };

    const pages = [];
    for await (const page of paginateFilterLogEvents({ client }, query)) pages.push(page);

    expect(pages.map(({ events = [] }) => events.length)).toEqual([50, 50, 10]);
    const found = pages.flatMap(({ events = [] }) => events);
    expect(found.map(({ message = '' }) => JSON.parse(message).eventID)).toEqual(
      Array.from({ length: 110 }, (_, n) => `ConsoleLogin-${n}`),
    );
    expect(found[0]).toEqual({
      eventId: expect.stringMatching(/^\d{56}$/),
      logStreamName: '123456789012_CloudTrail_us-east-1',
      timestamp: START,
      message: record('ConsoleLogin', 0),
      ingestionTime: START + 1000,
    });
    expect(pages[0]).not.toHaveProperty('searchedLogStreams');
    expect(logs.requests.map(({ body }) => body.nextToken)).toEqual([
      undefined,
      pages[0]?.nextToken,
      pages[1]?.nextToken,
    ]);
  });

  it('answers ResourceNotFoundException for an unknown log group and rejects a malformed pattern', async () => {
    const [, client] = await logsAt();

    const missing = await caught(client.send(new FilterLogEventsCommand({ logGroupName: 'nope' })));
    const invalid = await caught(
      client.send(
        new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.eventName = "ConsoleLogin" ' }),
      ),
    );

    expect(missing).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    expect(invalid).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid filter pattern' });
  });

  it('lets the SDK retry a scripted 500 ServiceUnavailableException', async () => {
    const [logs, client] = await logsAt({
      reply: (_request, index) =>
        index === 0 ? { kind: 'error', status: 500, code: 'ServiceUnavailableException' } : { kind: 'ok' },
    });

    const page = await client.send(new FilterLogEventsCommand({ logGroupIdentifier: GROUP, limit: 5 }));

    expect(page.events).toHaveLength(5);
    expect(attemptsOf(logs.requests)).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
  });
});

describe('loopback DynamoDB', () => {
  const TABLE = 'sign-in-dedupe';
  const dynamoAt = (options: Parameters<typeof startLoopbackDynamo>[0] = {}) =>
    serve(
      'DYNAMODB',
      startLoopbackDynamo({ tables: [{ name: TABLE, hashKey: 'pk' }], ...options }),
      () => new DynamoDBClient({}),
    );
  const claim = (pk: string) =>
    new PutItemCommand({
      TableName: TABLE,
      Item: { pk: { S: pk } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });

  it('forwards a conditional PutItem to dynalite: the first claims, the second fails its condition', async () => {
    const [dynamo, client] = await dynamoAt();

    await client.send(claim('event-1'));
    const error = await caught(client.send(claim('event-1')));

    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await dynamo.items(TABLE)).toEqual([{ pk: { S: 'event-1' } }]);
    expect(dynamo.requests.map(({ operation, body }) => [operation, body.TableName])).toEqual([
      ['PutItem', TABLE],
      ['PutItem', TABLE],
    ]);
  });

  it('lets the SDK retry scripted 500 InternalServerError and 400 throttling, and records every attempt', async () => {
    const replies = [
      { kind: 'error', status: 500, code: 'InternalServerError' },
      { kind: 'error', status: 400, code: 'ProvisionedThroughputExceededException' },
    ] as const;
    const [dynamo, client] = await dynamoAt({ reply: (_request, index) => replies[index] ?? { kind: 'ok' } });

    await client.send(claim('event-2'));

    // The DynamoDB client's default is 4 attempts (3 for most clients); throttling backs off from 500 ms.
    expect(attemptsOf(dynamo.requests)).toEqual(['attempt=1; max=4', 'attempt=2; max=4', 'attempt=3; max=4']);
    expect(await dynamo.items(TABLE)).toEqual([{ pk: { S: 'event-2' } }]);
  });

  it('answers the writes a scripted reply picks as UnprocessedItems and applies the others', async () => {
    const [dynamo, client] = await dynamoAt({
      reply: () => ({ kind: 'unprocessed', pick: (_table, _write, position) => position === 1 }),
    });
    const put = (pk: string) => ({ PutRequest: { Item: { pk: { S: pk } } } });

    const reply = await client.send(
      new BatchWriteItemCommand({ RequestItems: { [TABLE]: [put('a'), put('b'), put('c')] } }),
    );

    expect(reply.UnprocessedItems).toEqual({ [TABLE]: [put('b')] });
    expect((await dynamo.items(TABLE)).map(({ pk }) => pk?.S).sort()).toEqual(['a', 'c']);
  });
});
