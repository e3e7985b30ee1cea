/**
 * Input over the caps, the other half of the fault matrix (issue 3): the handler with the real SDK
 * clients against loopback SNS, SQS and DynamoDB, given deliveries or records it must not read.
 * Each case asserts that the input is parked in the on-failure queue as it arrived, rather than
 * retried in vain, and that the rest of its delivery is still announced. SNS faults are in
 * faults-sns.test.ts.
 */
import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '../../src/decide/plan.js';
import { MAX_DECODED_BYTES, MAX_RECORDS } from '../../src/sources/cloudwatch-logs.js';
import { awslogsEvent, deliveryOf, deliveryPayload } from '../../testing/deliveries.js';
import {
  ANAYA,
  announcedIds,
  coldStart,
  DEDUPE_TABLE,
  idsOf,
  JANE,
  PARKED_FORMAT,
  PIPER,
  parkedIn,
  stopNotifier,
} from '../support/notifier.js';

afterEach(stopNotifier);

describe('unreadable or over-cap input, parked whole rather than retried in vain', () => {
  const bomb = gzipSync(Buffer.alloc(MAX_DECODED_BYTES + 1024, 0x20), { level: 9 }).toString('base64');
  const tooMany = awslogsEvent(deliveryPayload(Array.from({ length: MAX_RECORDS + 1 }, () => '{}')));

  it.each<{ delivery: string; event: CloudWatchLogsEvent; reason: string }>([
    { delivery: `of ${MAX_RECORDS + 1} log events`, event: tooMany, reason: 'over-cap' },
    {
      delivery: 'that gunzips past MAX_DECODED_BYTES',
      event: { awslogs: { data: bomb } },
      reason: 'over-cap',
    },
    {
      delivery: 'that is not base64',
      event: { awslogs: { data: '%% not base64 %%' } },
      reason: 'undecodable',
    },
    {
      delivery: 'that is not gzip',
      event: { awslogs: { data: Buffer.from('plain text').toString('base64') } },
      reason: 'undecodable',
    },
  ])(
    'parks a delivery $delivery as it arrived ($reason), and calls neither SNS nor DynamoDB',
    async ({ event, reason }) => {
      const { handler, sns, sqs, dynamo } = await coldStart();

      const report = await handler(event);

      expect(report).toMatchObject({ messageType: 'UNREADABLE', parked: 1, announced: 0 });
      expect(parkedIn(sqs)).toEqual([
        {
          format: PARKED_FORMAT,
          parkedAt: expect.any(String),
          kind: 'delivery',
          reason,
          error: { code: 'DeliveryDecodeError', message: expect.any(String) },
          event,
        },
      ]);
      expect(sns.requests).toEqual([]);
      expect(dynamo.requests).toEqual([]);
    },
  );

  it('parks a record over MAX_RECORD_BYTES unread, and announces the other sign-ins of its delivery', async () => {
    const { handler, sns, sqs } = await coldStart();
    const huge = { ...JANE, requestParameters: { padding: 'x'.repeat(MAX_RECORD_BYTES) } };

    const report = await handler(deliveryOf([ANAYA, huge, PIPER]));

    expect(report).toMatchObject({ announced: 2, parked: 1 });
    expect(announcedIds(sns)).toEqual(idsOf([ANAYA, PIPER]));
    expect(parkedIn(sqs)).toEqual([
      expect.objectContaining({
        format: PARKED_FORMAT,
        kind: 'sign-in',
        reason: 'record-too-large',
        error: expect.objectContaining({ code: 'RecordTooLarge' }),
        record: JSON.stringify(huge),
      }),
    ]);
  });
});

describe('identifiers of any length, on the wire', () => {
  it('announces a sign-in with a 60 KB eventID within SNS limits, claimed under a hashed key', async () => {
    const { handler, sns, dynamo } = await coldStart();
    const huge = { ...PIPER, eventID: `${'a'.repeat(60_000)}` };

    const report = await handler(deliveryOf([huge, ANAYA]));

    expect(report).toMatchObject({ announced: 2, parked: 0 });
    expect(sns.delivered).toHaveLength(2);
    const keys = (await dynamo.items(DEDUPE_TABLE)).map(({ pk }) => pk?.S ?? '');
    expect(keys).toContain(ANAYA.eventID);
    expect(keys.every((key) => Buffer.byteLength(key) <= 2048)).toBe(true);
  });
});
