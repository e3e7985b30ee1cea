/**
 * The SQS half of the fault matrix (issue 3): the handler with the real SDK clients against
 * loopback SNS, SQS and DynamoDB, when parking itself fails, and what a parked sign-in holds.
 * Parking on its own is in parking.test.ts; deliveries and records parked whole are in
 * faults-input.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import type { Reply } from '../../testing/sns-loopback.js';
import type { SqsReply } from '../../testing/sqs-loopback.js';
import {
  ANAYA,
  announcedId,
  announcedIds,
  coldStart,
  dedupeStates,
  idsOf,
  PIPER,
  parkedIn,
  parkedSignIn,
  ROOT,
  stopNotifier,
} from '../support/notifier.js';

afterEach(stopNotifier);

const snsFailing: Reply = { kind: 'error', status: 500, code: 'InternalError' };
const entriesFailing: SqsReply = {
  kind: 'partial',
  fail: () => ({ code: 'InternalError', senderFault: false }),
};

describe('handler: when parking fails', () => {
  it.each<{ fault: string; reply: SqsReply }>([
    {
      fault: 'every SendMessageBatch request fails',
      reply: { kind: 'error', status: 500, code: 'InternalError' },
    },
    { fault: 'every entry of every SendMessageBatch fails', reply: entriesFailing },
  ])('rejects with a ParkingError when SNS fails and $fault', async ({ reply }) => {
    const { handler, sns, sqs } = await coldStart({
      sns: { reply: () => snsFailing },
      sqs: { reply: () => reply },
    });

    const outcome = handler(deliveryOf([ANAYA, PIPER]));

    await expect(outcome).rejects.toMatchObject({ name: 'ParkingError' });
    expect(sns.delivered).toEqual([]);
    expect(sqs.messages()).toEqual([]);
  });

  it('parks and resolves when SQS fails once and then takes the messages', async () => {
    const { handler, sqs } = await coldStart({
      sns: { reply: () => snsFailing },
      sqs: {
        reply: (_request, index) =>
          index === 0 ? { kind: 'error', status: 500, code: 'InternalError' } : { kind: 'ok' },
      },
    });

    const report = await handler(deliveryOf([ANAYA, PIPER]));

    expect(report).toMatchObject({ parked: 2 });
    expect(parkedIn(sqs)).toEqual([
      parkedSignIn(PIPER, 'publish-failed', 'InternalErrorException'),
      parkedSignIn(ANAYA, 'publish-failed', 'InternalErrorException'),
    ]);
  });

  it('is retried by Lambda without announcing twice what the failed invocation had announced', async () => {
    const { handler, sns, dynamo } = await coldStart({
      // The first request fails Anaya's entry (not retried: the sender's fault); later ones succeed.
      sns: {
        reply: (request, index) => ({
          kind: 'partial',
          fail: (id) =>
            index === 0 &&
            request.entries.some((entry) => entry.id === id && announcedId(entry) === ANAYA.eventID)
              ? { code: 'InvalidParameter', senderFault: true }
              : undefined,
        }),
      },
      sqs: { reply: () => entriesFailing },
    });
    const delivery = deliveryOf([ANAYA, ROOT, PIPER]);

    const failed = await handler(delivery).catch((error: unknown) => error);
    const retried = await handler(delivery);

    expect(failed).toMatchObject({ name: 'ParkingError' });
    expect(retried).toMatchObject({ announced: 1, duplicates: 2, parked: 0 });
    expect(announcedIds(sns)).toEqual(idsOf([ANAYA, ROOT, PIPER]));
    expect(Object.values(await dedupeStates(dynamo))).toEqual(['announced', 'announced', 'announced']);
  });
});

describe('handler: what a parked sign-in holds', () => {
  // handleDelivery passes the whole delivery as the source of its records: a parked item must not carry it
  // along, or N failed sign-ins park N copies of the delivery, past the queue's 1 MiB limit.
  it('parks each sign-in with its own record and position only, not the rest of its delivery', async () => {
    const { handler, sqs } = await coldStart({ sns: { reply: () => snsFailing } });

    await handler(deliveryOf([ANAYA, PIPER]));

    const [first, second] = parkedIn(sqs);
    expect(first?.kind === 'sign-in' && first.source).toEqual({
      via: 'cloudwatch-logs',
      logGroup: 'CloudTrail/DefaultLogGroup',
      logStream: '111122223333_CloudTrail_us-east-1',
      logEventId: '37000000000000000000000000000000000000000000000000000001',
    });
    expect(JSON.stringify(first)).not.toContain(ANAYA.eventID);
    expect(JSON.stringify(second)).not.toContain(PIPER.eventID);
  });
});
