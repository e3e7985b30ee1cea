/**
 * The loopback DynamoDB (in-memory tables behind the wire protocol, with scripted faults) against
 * the REAL DynamoDB client, pointed at it the way the notifier's client is (AWS_ENDPOINT_URL_DYNAMODB):
 * conditional writes and what a failed one returns, the checks DynamoDB makes on a request, which
 * errors it names, which ones the SDK retries, and unprocessed batch writes.
 */
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackDynamo } from '../../../testing/dynamodb-loopback.js';
import {
  attemptsOf,
  caught,
  closeServed,
  serve,
  stubAwsEnvironment,
} from '../../support/loopback-clients.js';

beforeEach(stubAwsEnvironment);
afterEach(closeServed);

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

  it('applies a conditional PutItem: the first claims, the second fails its condition', async () => {
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

  it('returns the item that failed the condition when asked (ALL_OLD), in the SDK error', async () => {
    const [, client] = await dynamoAt();
    const held = { pk: { S: 'event-3' }, state: { S: 'claimed' }, claimToken: { S: 'theirs' } };
    await client.send(new PutItemCommand({ TableName: TABLE, Item: held }));

    const error = await caught(
      client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: 'event-3' } },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimToken = :mine)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': { S: 'claimed' }, ':mine': { S: 'ours' } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );

    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException', Item: held });
  });

  it('deletes only when the condition holds, and compares numbers as numbers', async () => {
    const [dynamo, client] = await dynamoAt();
    await dynamo.seed(TABLE, [{ pk: { S: 'event-4' }, claimedUntil: { N: '100' } }]);
    const deleteIfLapsed = (now: string) =>
      client.send(
        new DeleteItemCommand({
          TableName: TABLE,
          Key: { pk: { S: 'event-4' } },
          ConditionExpression: 'claimedUntil < :now',
          ExpressionAttributeValues: { ':now': { N: now } },
        }),
      );

    expect(await caught(deleteIfLapsed('99'))).toMatchObject({ name: 'ConditionalCheckFailedException' });
    await deleteIfLapsed('1000');

    expect(await dynamo.items(TABLE)).toEqual([]);
  });

  it('refuses what DynamoDB refuses: a hash key over 2048 bytes, an undefined placeholder, an unknown table', async () => {
    const [, client] = await dynamoAt();
    const put = (input: Partial<ConstructorParameters<typeof PutItemCommand>[0]>) =>
      caught(client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'k' } }, ...input })));

    expect(await put({ Item: { pk: { S: 'x'.repeat(2049) } } })).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('2048 bytes'),
    });
    expect(
      await put({ ConditionExpression: '#state = :x', ExpressionAttributeValues: { ':x': { S: 'a' } } }),
    ).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('#state'),
    });
    expect(await put({ TableName: 'no-such-table' })).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
