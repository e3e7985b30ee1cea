/**
 * A loopback DynamoDB: dynalite (an in-memory implementation faithful to DynamoDB's validation,
 * conditions and errors) behind a small proxy that records each request and lets the test script
 * faults (throttling, 5xx, unprocessed batch items, hangs). Point the real SDK at the proxy with
 * AWS_ENDPOINT_URL_DYNAMODB; read the tables through `items`, which bypasses the proxy.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  type AttributeValue,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type CommonReply,
  errorBody,
  type JsonLoopback,
  type JsonRequest,
  type LoopbackOptions,
  qualified,
  sendJson,
  startJsonLoopback,
} from './json-loopback.js';

export type { JsonRequest } from './json-loopback.js';

/** One entry of BatchWriteItem's RequestItems, as it is on the wire. */
export type WireWriteRequest = {
  readonly PutRequest?: { readonly Item: Record<string, unknown> };
  readonly DeleteRequest?: { readonly Key: Record<string, unknown> };
};

export type DynamoReply =
  | CommonReply
  /** BatchWriteItem: the writes `pick` chooses come back in UnprocessedItems; dynalite applies the rest. */
  | {
      readonly kind: 'unprocessed';
      readonly pick: (tableName: string, write: WireWriteRequest, position: number) => boolean;
    };

export interface LoopbackDynamoOptions extends LoopbackOptions<DynamoReply> {
  /** Created at start, PAY_PER_REQUEST, with a string hash key. Names need at least 3 characters. */
  readonly tables?: readonly { readonly name: string; readonly hashKey: string }[];
}

export interface LoopbackDynamo extends JsonLoopback {
  /** dynalite itself: requests sent here are neither recorded nor scripted. */
  readonly backendUrl: string;
  /** Every item of a table, read from dynalite directly. */
  items(tableName: string): Promise<Record<string, AttributeValue>[]>;
}

type Dynalite = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const NAMESPACE = 'com.amazonaws.dynamodb.v20120810';
/** Hop-by-hop and length headers that must not be copied between the two connections. */
const UNFORWARDED = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'expect',
]);

export async function startLoopbackDynamo(options: LoopbackDynamoOptions = {}): Promise<LoopbackDynamo> {
  const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;
  const backend = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  const direct = new DynamoDBClient({
    endpoint: backendUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback' },
  });
  for (const table of options.tables ?? []) await createTable(direct, table.name, table.hashKey);

  const proxy = await startJsonLoopback<DynamoReply>(options, async (request, reply, { raw, res }) => {
    if (reply.kind === 'error') {
      return sendJson(
        res,
        reply.status,
        CONTENT_TYPE,
        errorBody(qualified(NAMESPACE, reply.code), reply.message ?? reply.code),
      );
    }
    if (reply.kind === 'unprocessed' && request.operation === 'BatchWriteItem') {
      const { status, body } = await writeSome(backendUrl, request, reply.pick);
      return sendJson(res, status, CONTENT_TYPE, body);
    }
    const answer = await forward(backendUrl, request, raw);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });

  return {
    ...proxy,
    backendUrl,
    items: (tableName) => scanAll(direct, tableName),
    close: async () => {
      await proxy.close();
      direct.destroy();
      await new Promise<void>((resolve) => {
        backend.closeAllConnections();
        backend.close(() => resolve());
      });
    },
  };
}

async function createTable(client: DynamoDBClient, name: string, hashKey: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: hashKey, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: hashKey, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // Even with createTableMs: 0 the table is CREATING until dynalite's next tick.
  while ((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function scanAll(client: DynamoDBClient, tableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Sends the request to dynalite as it came (dynalite checks that it is signed, not the signature). */
async function forward(backendUrl: string, request: JsonRequest, body: Buffer | string) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!UNFORWARDED.has(name) && value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const response = await fetch(backendUrl, { method: 'POST', headers, body });
  const replyHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!UNFORWARDED.has(name)) replyHeaders[name] = value;
  });
  return { status: response.status, headers: replyHeaders, body: Buffer.from(await response.arrayBuffer()) };
}

/** Applies the writes `pick` leaves and answers the picked ones as unprocessed, as throttled DynamoDB does. */
async function writeSome(
  backendUrl: string,
  request: JsonRequest,
  pick: (table: string, write: WireWriteRequest, position: number) => boolean,
) {
  const kept: Record<string, WireWriteRequest[]> = {};
  const unprocessed: Record<string, WireWriteRequest[]> = {};
  let position = 0;
  const requestItems = (request.body.RequestItems ?? {}) as Record<string, WireWriteRequest[]>;
  for (const [table, writes] of Object.entries(requestItems)) {
    for (const write of writes) {
      const into = pick(table, write, position++) ? unprocessed : kept;
      into[table] = [...(into[table] ?? []), write];
    }
  }
  if (Object.keys(kept).length === 0) return { status: 200, body: { UnprocessedItems: unprocessed } };
  const answer = await forward(backendUrl, request, JSON.stringify({ ...request.body, RequestItems: kept }));
  const body = JSON.parse(answer.body.toString('utf8')) as {
    UnprocessedItems?: Record<string, WireWriteRequest[]>;
  };
  if (answer.status !== 200) return { status: answer.status, body };
  for (const [table, writes] of Object.entries(body.UnprocessedItems ?? {})) {
    unprocessed[table] = [...(unprocessed[table] ?? []), ...writes];
  }
  return { status: 200, body: { ...body, UnprocessedItems: unprocessed } };
}
