/**
 * Who owns a dedupe item (issue 7, cases 2 and 3), through the real DynamoDB client against the
 * loopback table: only the holder of a claim's token may confirm or release it, so a run whose
 * claim lapsed cannot undo the run that took over; and a claim that vanished between its failed
 * condition and any read is not "already announced".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import { closeStores, itemsByKey, storeAt } from '../support/dedupe-store.js';
import {
  announcedIds,
  claimHeld,
  coldStart,
  DEDUPE_TABLE,
  nowSeconds,
  PIPER,
  seedDedupe,
  stopNotifier,
} from '../support/notifier.js';

afterEach(closeStores);
afterEach(stopNotifier);

describe('ownership of a claim', () => {
  it('keeps the confirmation of the run that took over a lapsed claim when the first run releases', async () => {
    const { dynamo, store: first } = await storeAt();
    const { store: second } = await storeAt(undefined, true, dynamo);
    // A claim that has already lapsed: its run is slow, or died.
    const { token } = await first.claim(['e-1'], { until: nowSeconds() - 1 });
    const takeover = await second.claim(['e-1'], { until: nowSeconds() + 75 });
    expect(takeover.outcomes.get('e-1')).toBe('claimed');
    await second.confirm(takeover.token, ['e-1']);

    await first.release(token, ['e-1']);

    expect((await itemsByKey(dynamo)).get('e-1')?.state).toEqual({ S: 'announced' });
  });

  it('leaves the claim of the run that took over when the first run confirms late', async () => {
    const { dynamo, store: first } = await storeAt();
    const { store: second } = await storeAt(undefined, true, dynamo);
    const { token } = await first.claim(['e-1'], { until: nowSeconds() - 1 });
    await second.claim(['e-1'], { until: nowSeconds() + 75 });
    const takenOver = (await itemsByKey(dynamo)).get('e-1');

    await first.confirm(token, ['e-1']);

    expect((await itemsByKey(dynamo)).get('e-1')).toEqual(takenOver);
  });
});

describe('a claim that vanished', () => {
  it('is not counted as already announced: the sign-in is announced, now or on the retry', async () => {
    // Another invocation holds the claim, and releases it just after our conditional write failed on it.
    let claims = 0;
    const { handler, sns, dynamo } = await coldStart({
      dynamo: {
        reply: (request) => {
          if (request.operation !== 'GetItem' && claims++ === 0) {
            setTimeout(() => void dynamo.remove(DEDUPE_TABLE, PIPER.eventID), 0);
          }
          return { kind: 'ok' };
        },
      },
    });
    await seedDedupe(dynamo, [claimHeld(PIPER.eventID, nowSeconds() + 60)]);

    const first = await handler(deliveryOf([PIPER])).catch((error: Error) => error);
    const retried = first instanceof Error ? await handler(deliveryOf([PIPER])) : first;

    expect(first).not.toMatchObject({ duplicates: 1 });
    expect(retried).toMatchObject({ announced: 1 });
    expect(announcedIds(sns)).toEqual([PIPER.eventID]);
  });
});
