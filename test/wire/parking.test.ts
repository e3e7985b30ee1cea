/**
 * Parking (src/guarantees/parking.ts) through the real SQS client against the loopback queue: the
 * SendMessageBatch requests park sends, what each body holds, the entries it sends again, and when
 * it gives up with a ParkingError. What the handler does when parking fails is in
 * parking-handler.test.ts.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazySqsClient } from '../../src/aws-clients.js';
import type { Parked } from '../../src/guarantees/parked-message.js';
import { park } from '../../src/guarantees/parking.js';
import { type LoopbackSqs, type SqsReply, startLoopbackSqs } from '../../testing/sqs-loopback.js';
import { PARKED_FORMAT } from '../support/notifier.js';

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

/** A loopback queue and the SQS client the handler would create for it. */
async function queueAt(reply?: (request: { operation: string }, index: number) => SqsReply) {
  const queue = await startLoopbackSqs({ reply });
  cleanups.push(() => queue.close());
  vi.stubEnv('AWS_ENDPOINT_URL_SQS', queue.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  const sqs: SQSClient = await lazySqsClient()();
  cleanups.push(() => sqs.destroy());
  return { queue, sqs };
}

/** `count` parked sign-ins whose records are `size` characters long. */
const parkedItems = (count: number, size = 100): Parked[] =>
  Array.from({ length: count }, (_, n) => ({
    kind: 'sign-in',
    reason: 'publish-failed',
    error: { code: 'InternalErrorException', message: 'We encountered an internal error' },
    eventId: `e-${n}`,
    record: `{"eventID":"e-${n}","padding":"${'x'.repeat(size)}"}`,
    source: { logGroup: 'CloudTrail/DefaultLogGroup', logStream: 'stream', logEventId: String(n) },
  }));

const batchSizes = (queue: LoopbackSqs) =>
  queue.requests.map(({ body }) => (body.Entries as unknown[] | undefined)?.length);

describe('park', () => {
  it('sends 23 items in SendMessageBatch requests of 10, 10 and 3, each body the item, its format and time', async () => {
    const { queue, sqs } = await queueAt();
    const items = parkedItems(23);

    await park(sqs, queue.queueUrl, items);

    expect(batchSizes(queue)).toEqual([10, 10, 3]);
    expect(queue.messages().map((body) => JSON.parse(body))).toEqual(
      items.map((item) => ({ format: PARKED_FORMAT, parkedAt: expect.any(String), ...item })),
    );
  });

  it('escapes the noncharacters U+FFFE and U+FFFF, which SQS rejects, and keeps the record intact', async () => {
    const { queue, sqs } = await queueAt();
    const [item] = parkedItems(1);
    const hostile = { ...(item as Parked), record: '{"userAgent":"a\ufffeb\uffffc"}' };

    await park(sqs, queue.queueUrl, [hostile]);

    const [body = ''] = queue.messages();
    expect(body).not.toMatch(/[\ufffe\uffff]/);
    expect(JSON.parse(body).record).toBe(hostile.record);
  });

  it('starts a new batch rather than send more than 1 MiB in one request', async () => {
    const { queue, sqs } = await queueAt();

    await park(sqs, queue.queueUrl, parkedItems(4, 400 * 1024));

    expect(batchSizes(queue)).toEqual([2, 2]);
    expect(queue.messages()).toHaveLength(4);
  });

  it('sends again only the entries SQS failed, until all are parked', async () => {
    const { queue, sqs } = await queueAt((_request, index) =>
      index === 0
        ? {
            kind: 'partial',
            fail: (id) => (id === '1' ? { code: 'InternalError', senderFault: false } : undefined),
          }
        : { kind: 'ok' },
    );
    const items = parkedItems(3);

    await park(sqs, queue.queueUrl, items);

    expect(batchSizes(queue)).toEqual([3, 1]);
    expect(queue.requests[1]?.body.Entries).toEqual([expect.objectContaining({ Id: '1' })]);
    expect(queue.messages().map((body) => JSON.parse(body).eventId)).toEqual(['e-0', 'e-2', 'e-1']);
  });

  it('throws a ParkingError naming how many items were not parked when entries keep failing', async () => {
    const { queue, sqs } = await queueAt(() => ({
      kind: 'partial',
      fail: (id) => (id === '1' ? { code: 'InternalError', senderFault: false } : undefined),
    }));

    const outcome = park(sqs, queue.queueUrl, parkedItems(3));

    await expect(outcome).rejects.toMatchObject({
      name: 'ParkingError',
      message: '1 of 3 items could not be parked (InternalError)',
    });
    expect(batchSizes(queue)).toEqual([3, 1, 1]);
    expect(queue.messages()).toHaveLength(2);
  });

  it('throws a ParkingError when every request fails, after the SDK’s retries and its own', async () => {
    const { queue, sqs } = await queueAt(() => ({ kind: 'error', status: 500, code: 'InternalError' }));

    const outcome = park(sqs, queue.queueUrl, parkedItems(2));

    await expect(outcome).rejects.toMatchObject({ name: 'ParkingError', message: /2 of 2 .*InternalError/ });
    expect(
      queue.requests.filter(({ headers }) => headers['amz-sdk-request']?.includes('attempt=1;')),
    ).toHaveLength(3);
  });
});
