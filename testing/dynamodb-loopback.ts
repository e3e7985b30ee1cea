/**
 * A loopback DynamoDB: in-memory tables (dynamodb-table.ts) behind the AWS JSON 1.0 wire protocol,
 * recording each request and letting the test script faults (throttling, 5xx, unprocessed batch
 * items, hangs). Point the real SDK at it with AWS_ENDPOINT_URL_DYNAMODB; read and seed the tables
 * with `items` and `seed`, which neither record nor script anything.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createTables, DynamoError } from './dynamodb-table.js';
import {
  type CommonReply,
  errorBody,
  type JsonLoopback,
  type LoopbackOptions,
  qualified,
  sendJson,
  startJsonLoopback,
} from './json-loopback.js';

export type { JsonRequest } from './json-loopback.js';

/** One entry of BatchWriteItem's RequestItems, as it is on the wire. */
export type WireWriteRequest = {
  readonly PutRequest?: { readonly Item: Record<string, AttributeValue> };
  readonly DeleteRequest?: { readonly Key: Record<string, AttributeValue> };
};

export type DynamoReply =
  | CommonReply
  /** BatchWriteItem: the writes `pick` chooses come back in UnprocessedItems; the rest are applied. */
  | {
      readonly kind: 'unprocessed';
      readonly pick: (tableName: string, write: WireWriteRequest, position: number) => boolean;
    };

export interface LoopbackDynamoOptions extends LoopbackOptions<DynamoReply> {
  /** Created at start, with a string hash key. */
  readonly tables?: readonly { readonly name: string; readonly hashKey: string }[];
}

export interface LoopbackDynamo extends JsonLoopback {
  /** Every item of a table, as it is now. */
  items(tableName: string): Promise<Record<string, AttributeValue>[]>;
  /** Writes items as another writer would have, past the recording and the scripted replies. */
  seed(tableName: string, items: readonly Record<string, AttributeValue>[]): Promise<void>;
  /** Deletes the item of this hash key, as another writer would. */
  remove(tableName: string, hashKey: string): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const NAMESPACE = 'com.amazonaws.dynamodb.v20120810';

export async function startLoopbackDynamo(options: LoopbackDynamoOptions = {}): Promise<LoopbackDynamo> {
  const tables = createTables();
  for (const { name, hashKey } of options.tables ?? []) tables.create(name, hashKey);

  const loopback = await startJsonLoopback<DynamoReply>(options, (request, reply, { res }) => {
    if (reply.kind === 'error') {
      return sendJson(
        res,
        reply.status,
        CONTENT_TYPE,
        errorBody(qualified(NAMESPACE, reply.code), reply.message ?? reply.code),
      );
    }
    try {
      const body =
        reply.kind === 'unprocessed' && request.operation === 'BatchWriteItem'
          ? writeSome(request.body, reply.pick, (input) => tables.run('BatchWriteItem', input))
          : tables.run(request.operation, request.body);
      sendJson(res, 200, CONTENT_TYPE, body);
    } catch (error) {
      if (!(error instanceof DynamoError)) throw error;
      // DynamoDB answers every error of the request with 400, the server's own with 500.
      sendJson(res, 400, CONTENT_TYPE, {
        ...errorBody(qualified(NAMESPACE, error.code), error.message),
        ...error.extra,
      });
    }
  });

  return {
    ...loopback,
    items: async (tableName) => tables.items(tableName),
    seed: async (tableName, items) => tables.seed(tableName, items),
    remove: async (tableName, hashKey) => tables.remove(tableName, hashKey),
  };
}

/** Applies the writes `pick` leaves and answers the picked ones as unprocessed, as throttled DynamoDB does. */
function writeSome(
  input: Record<string, unknown>,
  pick: (table: string, write: WireWriteRequest, position: number) => boolean,
  write: (input: Record<string, unknown>) => unknown,
) {
  const kept: Record<string, WireWriteRequest[]> = {};
  const unprocessed: Record<string, WireWriteRequest[]> = {};
  let position = 0;
  const requestItems = (input.RequestItems ?? {}) as Record<string, WireWriteRequest[]>;
  for (const [table, writes] of Object.entries(requestItems)) {
    for (const one of writes) {
      const into = pick(table, one, position++) ? unprocessed : kept;
      into[table] = [...(into[table] ?? []), one];
    }
  }
  if (Object.keys(kept).length > 0) write({ ...input, RequestItems: kept });
  return { UnprocessedItems: unprocessed };
}
