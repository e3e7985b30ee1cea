/**
 * The dedupe table that never answers, and the one invocation budget that bounds it (issue 7,
 * case 1): the handler with the real SDK clients against a loopback DynamoDB whose requests hang.
 * Claims that get no answer fail open within the budget, so SNS still hears of every sign-in;
 * confirmations that get no answer never hold the invocation past its budget, so Lambda does not
 * time out and retry (which would announce everything again).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import type { DynamoReply, JsonRequest } from '../../testing/dynamodb-loopback.js';
import { announcedIds, coldStart, lambdaContext, parkedIn, stopNotifier } from '../support/notifier.js';

afterEach(stopNotifier);

const hang: DynamoReply = { kind: 'hang' };
/** A write of claims: items in state claimed, with a `claimedUntil`. */
const isClaim = ({ operation, body }: JsonRequest) =>
  operation !== 'GetItem' && JSON.stringify(body).includes('"claimedUntil"');

function signIns(count: number) {
  return Array.from({ length: count }, (_, n) => ({
    eventVersion: '1.05',
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventTime: '2024-05-01T10:00:00Z',
    awsRegion: 'us-east-1',
    recipientAccountId: '111122223333',
    userIdentity: { type: 'IAMUser', userName: `user-${n}`, arn: `arn:aws:iam::111122223333:user/user-${n}` },
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { MFAUsed: 'Yes' },
    eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  }));
}

describe('a dedupe table that never answers', () => {
  it('announces every sign-in within the budget when claims hang: fail open, nothing parked', async () => {
    const { handler, sns, sqs } = await coldStart({
      dynamo: { reply: (request) => (isClaim(request) ? hang : { kind: 'ok' }) },
    });
    const records = signIns(900);
    const context = lambdaContext(30_000);

    const report = await handler(deliveryOf(records), context);

    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(report).toMatchObject({ announced: 900, parked: 0, dedupeUnavailable: 900 });
    expect(announcedIds(sns)).toEqual(records.map(({ eventID }) => eventID).sort());
    expect(parkedIn(sqs)).toEqual([]);
  }, 45_000);

  it('returns within the budget when confirmations hang, with every sign-in announced once', async () => {
    const { handler, sns } = await coldStart({
      dynamo: {
        reply: (request) => (request.operation !== 'GetItem' && !isClaim(request) ? hang : { kind: 'ok' }),
      },
    });
    const records = signIns(20);
    const context = lambdaContext(25_000);

    const report = await handler(deliveryOf(records), context);

    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(report).toMatchObject({ announced: 20, parked: 0 });
    expect(announcedIds(sns)).toEqual(records.map(({ eventID }) => eventID).sort());
  }, 45_000);
});
