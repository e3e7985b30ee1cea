/**
 * The dedupe store's confirm and release (src/guarantees/dynamodb-dedupe-store.ts) through the real
 * DynamoDB client against the loopback table (see support/dedupe-store.ts): what they write, that
 * a call's writes go out together, and how they behave when the table fails. Claims are in
 * dedupe-claim.test.ts; who may confirm or release is in dedupe-ownership.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeStores, DAYS_30, failing, itemsByKey, numberOf, storeAt } from '../support/dedupe-store.js';
import { nowSeconds, DEDUPE_TABLE as TABLE } from '../support/notifier.js';

afterEach(closeStores);

const until = () => ({ until: nowSeconds() + 75 });

describe('confirm and release', () => {
  it('confirm replaces the claims with announced items that expire 30 days later', async () => {
    const { dynamo, store } = await storeAt();
    const { token } = await store.claim(['e-1', 'e-2'], until());
    const before = nowSeconds();

    const unconfirmed = await store.confirm(token, ['e-1', 'e-2']);

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
    const { token } = await store.claim(['e-1', 'e-2'], until());

    const unreleased = await store.release(token, ['e-1', 'e-2']);
    const again = await store.claim(['e-1'], until());

    expect(unreleased).toBe(0);
    expect(again.outcomes.get('e-1')).toBe('claimed');
    expect([...(await itemsByKey(dynamo)).keys()]).toEqual(['e-1']);
  });

  it('sends the 250 confirmations of a call in three transactions, all at once: one round trip', async () => {
    const { dynamo, store } = await storeAt(undefined, true, undefined, { latencyMs: 30 });
    const keys = Array.from({ length: 250 }, (_, n) => `e-${n}`);
    const { token } = await store.claim(keys, until());
    const before = dynamo.requests.length;

    await store.confirm(token, keys);

    const confirms = dynamo.requests.slice(before);
    expect(confirms.map(({ operation }) => operation)).toEqual(Array(3).fill('TransactWriteItems'));
    expect(confirms.map(({ body }) => (body.TransactItems as unknown[]).length).sort()).toEqual(
      [100, 100, 50].sort(),
    );
    expect(dynamo.mostInFlight()).toBe(3);
    expect((await dynamo.items(TABLE)).every(({ state }) => state?.S === 'announced')).toBe(true);
  });

  it('remembers an announced sign-in whose claim the table lost', async () => {
    const { dynamo, store } = await storeAt();
    const { token } = await store.claim(['e-1'], until());
    await dynamo.remove(TABLE, 'e-1');

    const unconfirmed = await store.confirm(token, ['e-1']);

    expect(unconfirmed).toBe(0);
    expect((await itemsByKey(dynamo)).get('e-1')?.state).toEqual({ S: 'announced' });
  });

  it('counts, without throwing, the confirmations and releases of a table that answers only 5xx', async () => {
    const { store } = await storeAt(() => failing);

    const unconfirmed = await store.confirm('a-token', ['e-1', 'e-2']);
    const unreleased = await store.release('a-token', ['e-3']);

    expect({ unconfirmed, unreleased }).toEqual({ unconfirmed: 2, unreleased: 1 });
  });
});
