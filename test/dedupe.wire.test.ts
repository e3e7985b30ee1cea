/**
 * The dedupe store (src/dedupe.ts) through the real DynamoDB client against dynalite behind the
 * fault-injecting loopback: what claim, confirm and release write, the conditions that decide who
 * announces an eventID, and how each call behaves when the table fails.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type DynamoReply,
  type JsonRequest,
  type LoopbackDynamo,
  startLoopbackDynamo,
} from '../scripts/dynamodb-loopback.js';
import { createDynamoClient } from '../src/clients.js';
import { createDedupeStore } from '../src/dedupe.js';
import { claimHeld, nowSeconds, seedDedupe as seed, DEDUPE_TABLE as TABLE } from './support/notifier.js';

const DAYS_30 = 30 * 86_400;
const failing: DynamoReply = { kind: 'error', status: 500, code: 'InternalServerError' };
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

/** A dedupe store built as the handler builds it, on a loopback table. */
async function storeAt(reply?: (request: JsonRequest, index: number) => DynamoReply, failOpen = true) {
  const dynamo = await startLoopbackDynamo({ tables: [{ name: TABLE, hashKey: 'pk' }], reply });
  cleanups.push(() => dynamo.close());
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  const client = createDynamoClient();
  cleanups.push(() => client.destroy());
  return { dynamo, store: createDedupeStore(client, TABLE, { failOpen }) };
}

async function itemsByKey(dynamo: LoopbackDynamo) {
  const items = await dynamo.items(TABLE);
  return new Map(items.map((item) => [item.pk?.S, item]));
}

const numberOf = (value: AttributeValue | undefined) => Number(value?.N);
const batchWrites = (dynamo: LoopbackDynamo) =>
  dynamo.requests.filter(({ operation }) => operation === 'BatchWriteItem');

describe('claim', () => {
  it('claims new keys for claimSeconds, each item set to expire by TTL 30 days later', async () => {
    const { dynamo, store } = await storeAt();
    const before = nowSeconds();

    const claims = await store.claim(['e-1', 'e-2'], 75);

    const after = nowSeconds();
    expect(claims).toEqual(
      new Map([
        ['e-1', 'claimed'],
        ['e-2', 'claimed'],
      ]),
    );
    for (const item of (await itemsByKey(dynamo)).values()) {
      expect(item.state).toEqual({ S: 'claimed' });
      expect(numberOf(item.claimedUntil)).toBeGreaterThanOrEqual(before + 75);
      expect(numberOf(item.claimedUntil)).toBeLessThanOrEqual(after + 75);
      expect(numberOf(item.expiresAt)).toBeGreaterThanOrEqual(before + DAYS_30);
      expect(numberOf(item.expiresAt)).toBeLessThanOrEqual(after + DAYS_30);
    }
  });

  it('answers in-flight for a key another invocation holds, and leaves its claim as it was', async () => {
    const { dynamo, store } = await storeAt();
    const held = claimHeld('e-1', nowSeconds() + 60);
    await seed(dynamo, [held]);

    const claims = await store.claim(['e-1'], 75);

    expect(claims.get('e-1')).toBe('in-flight');
    expect((await itemsByKey(dynamo)).get('e-1')).toEqual(held);
  });

  it('fails closed when asked to: throws, and frees the keys this call had already claimed', async () => {
    const failOnE2 = (request: JsonRequest): DynamoReply =>
      request.operation === 'PutItem' && JSON.stringify(request.body).includes('"e-2"')
        ? { kind: 'error', status: 400, code: 'AccessDeniedException' }
        : { kind: 'ok' };
    const { dynamo, store } = await storeAt(failOnE2, false);

    await expect(store.claim(['e-1', 'e-2', 'e-3'], 75)).rejects.toMatchObject({
      name: 'DedupeUnavailableError',
    });

    expect([...(await itemsByKey(dynamo)).keys()]).toEqual([]);
  });

  it('takes over a claim that lapsed, as after a crash or a timeout of its invocation', async () => {
    const { dynamo, store } = await storeAt();
    await seed(dynamo, [claimHeld('e-1', nowSeconds() - 1)]);

    const claims = await store.claim(['e-1'], 75);

    expect(claims.get('e-1')).toBe('claimed');
    expect(numberOf((await itemsByKey(dynamo)).get('e-1')?.claimedUntil)).toBeGreaterThan(nowSeconds());
  });

  it('answers duplicate for a key already announced', async () => {
    const { store } = await storeAt();
    await store.claim(['e-1'], 75);
    await store.confirm(['e-1']);

    const claims = await store.claim(['e-1'], 75);

    expect(claims.get('e-1')).toBe('duplicate');
  });

  it('answers unavailable for a key the table keeps failing on, and still claims the others', async () => {
    const { store } = await storeAt((request) =>
      (request.body.Item as { pk?: { S?: string } } | undefined)?.pk?.S === 'e-2' ? failing : { kind: 'ok' },
    );

    const claims = await store.claim(['e-1', 'e-2', 'e-3'], 75);

    expect(Object.fromEntries(claims)).toEqual({ 'e-1': 'claimed', 'e-2': 'unavailable', 'e-3': 'claimed' });
  });
});

describe('confirm and release', () => {
  it('confirm replaces the claims with announced items that expire 30 days later', async () => {
    const { dynamo, store } = await storeAt();
    await store.claim(['e-1', 'e-2'], 75);
    const before = nowSeconds();

    const unconfirmed = await store.confirm(['e-1', 'e-2']);

    expect(unconfirmed).toBe(0);
    for (const item of (await itemsByKey(dynamo)).values()) {
      expect(item).toEqual({
        pk: expect.anything(),
        state: { S: 'announced' },
        announcedAt: { S: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
        expiresAt: { N: expect.any(String) },
      });
      expect(numberOf(item.expiresAt)).toBeGreaterThanOrEqual(before + DAYS_30);
    }
  });

  it('release deletes the claims, so that a later redrive can claim the keys again', async () => {
    const { dynamo, store } = await storeAt();
    await store.claim(['e-1', 'e-2'], 75);

    const unreleased = await store.release(['e-1', 'e-2']);
    const again = await store.claim(['e-1'], 75);

    expect(unreleased).toBe(0);
    expect(again.get('e-1')).toBe('claimed');
    expect([...(await itemsByKey(dynamo)).keys()]).toEqual(['e-1']);
  });

  it('confirms 30 keys in BatchWriteItem requests of 25 and 5', async () => {
    const { dynamo, store } = await storeAt();
    const keys = Array.from({ length: 30 }, (_, n) => `e-${n}`);

    await store.confirm(keys);

    const sizes = batchWrites(dynamo).map(
      ({ body }) => (body.RequestItems as Record<string, []>)[TABLE]?.length,
    );
    expect(sizes.sort()).toEqual([25, 5].sort());
    expect((await dynamo.items(TABLE)).length).toBe(30);
  });

  it('writes again the items DynamoDB left unprocessed', async () => {
    const { dynamo, store } = await storeAt((request, index) =>
      request.operation === 'BatchWriteItem' && index === 0
        ? { kind: 'unprocessed', pick: (_table, _write, position) => position === 1 }
        : { kind: 'ok' },
    );

    const unconfirmed = await store.confirm(['e-1', 'e-2', 'e-3']);

    expect(unconfirmed).toBe(0);
    expect(batchWrites(dynamo)).toHaveLength(2);
    expect((await itemsByKey(dynamo)).get('e-2')?.state).toEqual({ S: 'announced' });
  });

  it('counts, without throwing, the items it could not write after three tries', async () => {
    const { dynamo, store } = await storeAt((request) =>
      request.operation === 'BatchWriteItem'
        ? { kind: 'unprocessed', pick: (_table, _write, position) => position === 0 }
        : { kind: 'ok' },
    );

    const unconfirmed = await store.confirm(['e-1', 'e-2']);

    expect(unconfirmed).toBe(1);
    expect(batchWrites(dynamo)).toHaveLength(3);
  });

  it('counts, without throwing, the confirmations and releases of a table that answers only 5xx', async () => {
    const { store } = await storeAt(() => failing);

    const unconfirmed = await store.confirm(['e-1', 'e-2']);
    const unreleased = await store.release(['e-3']);

    expect({ unconfirmed, unreleased }).toEqual({ unconfirmed: 2, unreleased: 1 });
  });
});
