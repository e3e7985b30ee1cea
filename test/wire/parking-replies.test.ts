/**
 * Parking at scale and replies read entry by entry (issue 7, case 4), through the real SQS client
 * against the loopback queue: requests go out several at a time, an entry the reply does not name
 * is sent again rather than counted as parked, and an Id the request did not hold is ignored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { park } from '../../src/guarantees/parking.js';
import { closeQueues, parkedItems, queueAt } from '../support/parking.js';

afterEach(closeQueues);

describe('park, request by request', () => {
  it('keeps several SendMessageBatch requests in flight at once', async () => {
    const { queue, sqs } = await queueAt(undefined, { latencyMs: 30 });

    await park(sqs, queue.queueUrl, parkedItems(200));

    expect(queue.messages()).toHaveLength(200);
    expect(queue.mostInFlight()).toBeGreaterThan(1);
  });

  it('sends again an entry the reply names neither as sent nor as failed', async () => {
    const { queue, sqs } = await queueAt((_request, index) =>
      index === 0 ? { kind: 'partial', fail: () => undefined, omit: (id) => id === '3' } : { kind: 'ok' },
    );
    const items = parkedItems(5);

    await park(sqs, queue.queueUrl, items);

    expect(
      queue
        .messages()
        .map((body) => JSON.parse(body).eventId)
        .sort(),
    ).toEqual(items.map((item) => (item.kind === 'sign-in' ? item.eventId : undefined)).sort());
  });

  it('ignores a failed entry whose Id the request did not hold, and parks every item', async () => {
    const stranger = { id: '99', code: 'InternalError', senderFault: false };
    const { queue, sqs } = await queueAt((_request, index) =>
      index === 0 ? { kind: 'partial', fail: () => undefined, strangers: [stranger] } : { kind: 'ok' },
    );

    await park(sqs, queue.queueUrl, parkedItems(3));

    expect(queue.messages()).toHaveLength(3);
  });
});
