import { afterEach, describe, expect, it } from 'vitest';
import type { Parked } from '../../src/guarantees/parked-message.js';
import { park } from '../../src/guarantees/parking.js';
import type { LoopbackSqs } from '../../testing/sqs-loopback.js';
import { PARKED_FORMAT } from '../support/notifier.js';
import { closeQueues, parkedItems, queueAt } from '../support/parking.js';

afterEach(closeQueues);

const batchSizes = (queue: LoopbackSqs) =>
  queue.requests.map(({ body }) => (body.Entries as unknown[] | undefined)?.length);

describe('park', () => {
  it('sends 23 items in SendMessageBatch requests of 10, 10 and 3, each body the item, its format and time', async () => {
    const { queue, sqs } = await queueAt();
    const items = parkedItems(23);

    await park(sqs, queue.queueUrl, items);

    // Sent side by side: in whatever order they arrive.
    expect(batchSizes(queue).sort((a = 0, b = 0) => a - b)).toEqual([3, 10, 10]);
    expect(queue.messages().map((body) => JSON.parse(body))).toEqual(
      expect.arrayContaining(
        items.map((item) => ({ format: PARKED_FORMAT, parkedAt: expect.any(String), ...item })),
      ),
    );
    expect(queue.messages()).toHaveLength(items.length);
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
