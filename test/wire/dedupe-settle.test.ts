/**
 * The dedupe store's confirm and release (src/guarantees/dynamodb-dedupe-store.ts) through the real
 * DynamoDB client against dynalite behind the fault-injecting loopback (see support/dedupe-store.ts):
 * what they write, in how many BatchWriteItem requests, and how they behave when the table fails.
 * Claims are in dedupe-claim.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoopbackDynamo } from '../../testing/dynamodb-loopback.js';
import { closeStores, DAYS_30, failing, itemsByKey, numberOf, storeAt } from '../support/dedupe-store.js';
import { nowSeconds, DEDUPE_TABLE as TABLE } from '../support/notifier.js';

afterEach(closeStores);

const batchWrites = (dynamo: LoopbackDynamo) =>
  dynamo.requests.filter(({ operation }) => operation === 'BatchWriteItem');

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
