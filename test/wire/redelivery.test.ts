/**
 * The DynamoDB half of the fault matrix (issue 3): a delivery that arrives again, two invocations
 * after the same sign-in, and a dedupe table that fails. The handler runs with the real SDK clients
 * against loopback SNS, SQS and DynamoDB; each case asserts how many times SNS saw each sign-in.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import type { DynamoReply } from '../../testing/dynamodb-loopback.js';
import {
  ANAYA,
  announcedIds,
  claimHeld,
  coldStart,
  dedupeStates,
  idsOf,
  JANE,
  nowSeconds,
  PIPER,
  ROOT,
  seedDedupe,
  stopNotifier,
} from '../support/notifier.js';

afterEach(stopNotifier);

describe('a delivery that arrives again', () => {
  it('is not announced again: the second invocation counts its sign-ins as duplicates', async () => {
    const { handler, sns } = await coldStart();
    const delivery = deliveryOf([ANAYA, ROOT, PIPER]);
    const first = await handler(delivery);
    const requestsAfterFirst = sns.requests.length;

    const second = await handler(delivery);

    expect(first).toMatchObject({ announced: 3, duplicates: 0 });
    expect(second).toMatchObject({ announced: 0, duplicates: 3 });
    expect(sns.requests).toHaveLength(requestsAfterFirst);
    expect(announcedIds(sns)).toEqual(idsOf([ANAYA, ROOT, PIPER]));
  });

  it('is announced once when two invocations carry it at the same time', async () => {
    const { handler, sns } = await coldStart({ sns: { latencyMs: 50 } });
    const delivery = deliveryOf([ANAYA, ROOT, JANE, PIPER]);

    const outcomes = await Promise.allSettled([handler(delivery), handler(delivery)]);

    // Whichever invocation claims a sign-in announces it; the other finds it announced (duplicate)
    // or still being announced, and then fails so that Lambda's retry finds it announced.
    expect(announcedIds(sns)).toEqual(idsOf([ANAYA, ROOT, JANE, PIPER]));
    const announced = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? outcome.value.announced : 0,
    );
    expect(announced.reduce((a, b) => a + b)).toBeLessThanOrEqual(4);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ name: 'ClaimHeldError' });
    }
    const retry = await handler(delivery);
    expect(retry).toMatchObject({ announced: 0, duplicates: 4 });
  });
});

describe('a sign-in another invocation has claimed', () => {
  it('is left to the other invocation while the claim holds, and the invocation fails so Lambda looks again', async () => {
    const { handler, sns, dynamo } = await coldStart();
    await seedDedupe(dynamo, [claimHeld(ANAYA.eventID, nowSeconds() + 60)]);

    await expect(handler(deliveryOf([ANAYA, PIPER]))).rejects.toMatchObject({
      name: 'ClaimHeldError',
      eventIds: [ANAYA.eventID],
    });

    expect(announcedIds(sns)).toEqual(idsOf([PIPER]));
    expect((await dedupeStates(dynamo))[PIPER.eventID]).toBe('announced');
  });

  it('is announced by the retry once the claim of an invocation that died has lapsed', async () => {
    const { handler, sns, dynamo } = await coldStart();
    await seedDedupe(dynamo, [claimHeld(ANAYA.eventID, nowSeconds() + 1)]);
    await expect(handler(deliveryOf([ANAYA, PIPER]))).rejects.toMatchObject({ name: 'ClaimHeldError' });
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const retry = await handler(deliveryOf([ANAYA, PIPER]));

    expect(retry).toMatchObject({ announced: 1, duplicates: 1 });
    expect(announcedIds(sns)).toEqual(idsOf([ANAYA, PIPER]));
  });

  it('is taken over and announced once the claim has lapsed (the other invocation died)', async () => {
    const { handler, sns, dynamo } = await coldStart();
    await seedDedupe(dynamo, [claimHeld(ANAYA.eventID, nowSeconds() - 1)]);

    const report = await handler(deliveryOf([ANAYA]));

    expect(report).toMatchObject({ announced: 1, duplicates: 0 });
    expect(announcedIds(sns)).toEqual(idsOf([ANAYA]));
    expect(await dedupeStates(dynamo)).toEqual({ [ANAYA.eventID]: 'announced' });
  });
});

describe('dedupe table faults', () => {
  it.each<{ fault: string; reply?: DynamoReply; closed?: boolean }>([
    {
      fault: 'answers 500 to every request',
      reply: { kind: 'error', status: 500, code: 'InternalServerError' },
    },
    {
      fault: 'throttles every request',
      reply: { kind: 'error', status: 400, code: 'ProvisionedThroughputExceededException' },
    },
    { fault: 'refuses connections', closed: true },
  ])(
    'fails open when the table $fault: announces, and counts DedupeUnavailable',
    async ({ reply, closed }) => {
      const { handler, sns, dynamo, metrics } = await coldStart({
        dynamo: reply ? { reply: () => reply } : {},
      });
      if (closed) await dynamo.close();
      const addMetric = vi.spyOn(metrics, 'addMetric');

      const report = await handler(deliveryOf([ANAYA, PIPER]));

      expect(report).toMatchObject({ announced: 2, dedupeUnavailable: 2, parked: 0 });
      expect(announcedIds(sns)).toEqual(idsOf([ANAYA, PIPER]));
      expect(addMetric).toHaveBeenCalledWith('DedupeUnavailable', 'Count', 2);
    },
  );

  it('announces and warns when confirming fails; a redelivery waits while the claim holds, but is announced again once it lapses', async () => {
    const { handler, sns, dynamo, logger } = await coldStart({
      dynamo: {
        // Every confirmation (a conditional write of announced items) fails.
        reply: ({ body }) =>
          JSON.stringify(body).includes('"announced"')
            ? { kind: 'error', status: 500, code: 'InternalServerError' }
            : { kind: 'ok' },
      },
    });
    const warn = vi.spyOn(logger, 'warn');
    const delivery = deliveryOf([ANAYA, PIPER]);

    const first = await handler(delivery);
    const whileClaimed = handler(delivery);
    await expect(whileClaimed).rejects.toMatchObject({ name: 'ClaimHeldError' });
    const lapsed = (eventID: string): Record<string, AttributeValue> => claimHeld(eventID, nowSeconds() - 1);
    await seedDedupe(dynamo, [lapsed(ANAYA.eventID), lapsed(PIPER.eventID)]);
    const afterLapse = await handler(delivery);

    expect(first).toMatchObject({ announced: 2, parked: 0 });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Dedupe table not updated/), {
      unconfirmed: 2,
      unreleased: 0,
    });
    expect(afterLapse).toMatchObject({ announced: 2 });
    expect(announcedIds(sns)).toEqual([...idsOf([ANAYA, PIPER]), ...idsOf([ANAYA, PIPER])].sort());
  });

  // DynamoDB may apply a PutItem whose reply is lost (a timeout, or a 500 that "may have succeeded");
  // the SDK's retry then fails its condition on this invocation's own claim, which is no duplicate.
  // Takes the 3 s requestTimeout of src/aws-clients.ts.
  it('announces a sign-in whose claim DynamoDB wrote but whose reply was lost', {
    timeout: 30_000,
  }, async () => {
    let written: Promise<void> | undefined;
    const notifier = await coldStart({
      dynamo: {
        reply: (request) => {
          if (request.operation !== 'PutItem' || written) return { kind: 'ok' };
          // DynamoDB applies the first claim; its reply never reaches the client.
          written = seedDedupe(notifier.dynamo, [request.body.Item as Record<string, AttributeValue>]);
          return { kind: 'hang' };
        },
      },
    });

    const report = await notifier.handler(deliveryOf([PIPER]));
    await written;

    expect(report).toMatchObject({ announced: 1, duplicates: 0 });
    expect(announcedIds(notifier.sns)).toEqual(idsOf([PIPER]));
  });

  it('sends no DynamoDB request when DEDUPE_TABLE_NAME is not set', async () => {
    const { handler, sns, dynamo } = await coldStart({ dedupe: false });

    const report = await handler(deliveryOf([ANAYA, PIPER]));

    expect(report).toMatchObject({ announced: 2, dedupeUnavailable: 0 });
    expect(announcedIds(sns)).toEqual(idsOf([ANAYA, PIPER]));
    expect(dynamo.requests).toEqual([]);
  });
});
