/**
 * The loopback DynamoDB (dynalite behind a fault-injecting proxy) against the REAL DynamoDB
 * client, pointed at it the way the notifier's client is (AWS_ENDPOINT_URL_DYNAMODB): conditional
 * writes, which errors it names, which ones it retries, and unprocessed batch writes.
 */
import { BatchWriteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
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
