/**
 * The dedupe store (src/guarantees/dynamodb-dedupe-store.ts) as the handler builds it, through the
 * real DynamoDB client against the loopback table; and readers of the
 * items the table holds afterwards.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { vi } from 'vitest';
import { createDynamoClient } from '../../src/aws-clients.js';
import { createDynamoDbDedupeStore } from '../../src/guarantees/dynamodb-dedupe-store.js';
import {
  type DynamoReply,
  type JsonRequest,
  type LoopbackDynamo,
  type LoopbackDynamoOptions,
  startLoopbackDynamo,
} from '../../testing/dynamodb-loopback.js';
import { DEDUPE_TABLE as TABLE } from './notifier.js';

export const DAYS_30 = 30 * 86_400;
export const failing: DynamoReply = { kind: 'error', status: 500, code: 'InternalServerError' };
const cleanups: (() => unknown)[] = [];

/** For afterEach: closes every table and client the test started, and restores the environment. */
export async function closeStores(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
}

/** A dedupe store built as the handler builds it, on a loopback table. */
export async function storeAt(
  reply?: (request: JsonRequest, index: number) => DynamoReply,
  failOpen = true,
  /** The table of another store: two runs that share it, as the Lambda and the commands do. */
  shared?: LoopbackDynamo,
  options: Omit<LoopbackDynamoOptions, 'reply' | 'tables'> = {},
) {
  const dynamo =
    shared ?? (await startLoopbackDynamo({ ...options, tables: [{ name: TABLE, hashKey: 'pk' }], reply }));
  if (!shared) cleanups.push(() => dynamo.close());
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  const client = createDynamoClient();
  cleanups.push(() => client.destroy());
  return { dynamo, store: createDynamoDbDedupeStore(client, TABLE, { failOpen }) };
}

export async function itemsByKey(dynamo: LoopbackDynamo) {
  const items = await dynamo.items(TABLE);
  return new Map(items.map((item) => [item.pk?.S, item]));
}

export const numberOf = (value: AttributeValue | undefined) => Number(value?.N);
