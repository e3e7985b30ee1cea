/**
 * The dedupe store's claim (src/guarantees/dynamodb-dedupe-store.ts) through the real DynamoDB
 * client against the loopback table (see support/dedupe-store.ts): what
 * a claim writes, the conditions that decide who announces an eventID, and how it behaves when
 * the table fails. Confirm and release are in dedupe-settle.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DynamoReply, JsonRequest } from '../../testing/dynamodb-loopback.js';
import { closeStores, DAYS_30, failing, itemsByKey, numberOf, storeAt } from '../support/dedupe-store.js';
import { claimHeld, nowSeconds, seedDedupe as seed } from '../support/notifier.js';

afterEach(closeStores);

describe('claim', () => {
  it('claims new keys until the given time, each item set to expire by TTL 30 days later', async () => {
    const { dynamo, store } = await storeAt();
    const before = nowSeconds();

    const claims = await store.claim(['e-1', 'e-2'], { until: nowSeconds() + 75 });

    const after = nowSeconds();
    expect(claims.outcomes).toEqual(
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

    const claims = await store.claim(['e-1'], { until: nowSeconds() + 75 });

    expect(claims.outcomes.get('e-1')).toBe('in-flight');
    expect((await itemsByKey(dynamo)).get('e-1')).toEqual(held);
  });

  it('fails closed when asked to: throws, and frees the keys this call had already claimed', async () => {
    // 150 keys: two transactions, the second of which the table refuses.
    const keys = Array.from({ length: 150 }, (_, n) => `e-${n}`);
    const failOnE120 = (request: JsonRequest): DynamoReply =>
      request.operation === 'TransactWriteItems' && JSON.stringify(request.body).includes('"e-120"')
        ? { kind: 'error', status: 400, code: 'AccessDeniedException' }
        : { kind: 'ok' };
    const { dynamo, store } = await storeAt(failOnE120, false);

    await expect(store.claim(keys, { until: nowSeconds() + 75 })).rejects.toMatchObject({
      name: 'DedupeUnavailableError',
    });

    expect([...(await itemsByKey(dynamo)).keys()]).toEqual([]);
  });

  it('takes over a claim that lapsed, as after a crash or a timeout of its invocation', async () => {
    const { dynamo, store } = await storeAt();
    await seed(dynamo, [claimHeld('e-1', nowSeconds() - 1)]);

    const claims = await store.claim(['e-1'], { until: nowSeconds() + 75 });

    expect(claims.outcomes.get('e-1')).toBe('claimed');
    expect(numberOf((await itemsByKey(dynamo)).get('e-1')?.claimedUntil)).toBeGreaterThan(nowSeconds());
  });

  it('answers duplicate for a key already announced', async () => {
    const { store } = await storeAt();
    const { token } = await store.claim(['e-1'], { until: nowSeconds() + 75 });
    await store.confirm(token, ['e-1']);

    const claims = await store.claim(['e-1'], { until: nowSeconds() + 75 });

    expect(claims.outcomes.get('e-1')).toBe('duplicate');
  });

  it('answers unavailable for the keys of a request the table keeps failing, and still claims the others', async () => {
    // 150 keys: two transactions of 100 and 50; the one holding e-120 keeps failing.
    const keys = Array.from({ length: 150 }, (_, n) => `e-${n}`);
    const { store } = await storeAt((request) =>
      JSON.stringify(request.body).includes('"e-120"') ? failing : { kind: 'ok' },
    );

    const claims = await store.claim(keys, { until: nowSeconds() + 75 });

    const outcomes = [...claims.outcomes.values()];
    expect(outcomes.filter((claim) => claim === 'claimed')).toHaveLength(100);
    expect(outcomes.filter((claim) => claim === 'unavailable')).toHaveLength(50);
    expect(claims.outcomes.get('e-120')).toBe('unavailable');
  });
});
