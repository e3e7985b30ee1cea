/**
 * The SNS half of the fault matrix (issue 3): the handler with the real SDK clients against loopback
 * SNS, SQS and DynamoDB, with SNS throttling, failing, hanging, or failing some entries of a batch,
 * with and without a parking queue. Each case asserts what the subscriber ends up with: every
 * sign-in announced once, or parked in the on-failure queue with its record, or the invocation
 * failing so Lambda retries it; never a sign-in silently dropped. Input over the caps is in
 * faults-input.test.ts.
 */
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import type { Reply, WireRequest } from '../../testing/sns-loopback.js';
import {
  ANAYA,
  announcedId,
  announcedIds,
  type CloudTrailRecord,
  coldStart,
  dedupeStates,
  idsOf,
  JANE,
  lambdaContext,
  PIPER,
  parkedIn,
  parkedSignIn,
  ROOT,
  stopNotifier,
} from '../support/notifier.js';
import { firstReplies } from '../support/sns-replies.js';

afterEach(stopNotifier);

const failing: Reply = { kind: 'error', status: 500, code: 'InternalError' };

/** Fails the PublishBatch entries of these sign-ins on every request, whatever Id they get. */
const failEntriesOf =
  (failures: ReadonlyMap<string, { code: string; senderFault: boolean }>) =>
  (request: WireRequest): Reply => ({
    kind: 'partial',
    fail: (id) => {
      const entry = request.entries.find((candidate) => candidate.id === id);
      return entry === undefined ? undefined : failures.get(announcedId(entry));
    },
  });

const byEventId = (records: readonly CloudTrailRecord[]) =>
  [...records].sort((a, b) => a.eventID.localeCompare(b.eventID));

describe('SNS faults, from the subscriber’s point of view', () => {
  it('announces a sign-in once when SNS throttles the first attempt, and marks it announced', async () => {
    const { handler, sns, sqs, dynamo } = await coldStart({
      sns: {
        reply: firstReplies({ kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' }),
      },
    });

    const report = await handler(deliveryOf([ANAYA]));

    expect(announcedIds(sns)).toEqual(idsOf([ANAYA]));
    expect(sns.requests).toHaveLength(2);
    expect(report).toMatchObject({ announced: 1, parked: 0 });
    expect(sqs.requests).toEqual([]);
    expect(await dedupeStates(dynamo)).toEqual({ [ANAYA.eventID]: 'announced' });
  });

  it('parks every sign-in when SNS keeps answering 5xx, resolves, and frees their claims for redrive', async () => {
    const { handler, sns, sqs, dynamo } = await coldStart({ sns: { reply: () => failing } });
    const signIns = [ANAYA, ROOT, PIPER];

    const report = await handler(deliveryOf(signIns));

    expect(report).toMatchObject({ signIns: 3, announced: 0, parked: 3 });
    expect(sns.delivered).toEqual([]);
    expect(parkedIn(sqs)).toEqual(
      byEventId(signIns).map((record) => parkedSignIn(record, 'publish-failed', 'InternalErrorException')),
    );
    expect(await dedupeStates(dynamo)).toEqual({});
  });

  // The slowest case, and the only one with a timeout: the 3 s requestTimeout of src/aws-clients.ts fires
  // on each of the SDK's 3 attempts, in each of publishNotifications's 3 rounds, so about 27 s in all.
  it('parks the sign-in when every SNS request hangs, retrying no more once the deadline is near', {
    timeout: 60_000,
  }, async () => {
    const { handler, sns, sqs, dynamo } = await coldStart({ sns: { reply: () => ({ kind: 'hang' }) } });

    // 20 s left: publishing stops 16 s before the end (the parking reserve and the return margin),
    // after the first attempt timed out (3 s) and while the SDK's second waits: that one is
    // aborted, and the sign-in parked.
    const report = await handler(deliveryOf([PIPER]), lambdaContext(20_000));

    expect(report).toMatchObject({ announced: 0, parked: 1 });
    expect(sns.delivered).toEqual([]);
    expect(sns.requests).toHaveLength(2);
    expect(parkedIn(sqs)).toEqual([parkedSignIn(PIPER, 'publish-failed', 'DeadlineExceeded')]);
    expect(await dedupeStates(dynamo)).toEqual({});
  });

  it('sends nothing and parks every sign-in when the invocation is already too close to its timeout', async () => {
    const { handler, sns, sqs } = await coldStart();

    const report = await handler(deliveryOf([ANAYA, PIPER]), lambdaContext(10_000));

    expect(report).toMatchObject({ announced: 0, parked: 2 });
    expect(sns.requests).toEqual([]);
    expect(parkedIn(sqs).map((item) => item.kind === 'sign-in' && item.error.code)).toEqual([
      'DeadlineExceeded',
      'DeadlineExceeded',
    ]);
  });

  it('parks exactly the PublishBatch entries that keep failing, sender at fault or not, and announces the rest once', async () => {
    const failures = new Map([
      [ANAYA.eventID, { code: 'InvalidParameter', senderFault: true }],
      [JANE.eventID, { code: 'InternalError', senderFault: false }],
    ]);
    const { handler, sns, sqs, dynamo } = await coldStart({ sns: { reply: failEntriesOf(failures) } });

    const report = await handler(deliveryOf([ANAYA, ROOT, JANE, PIPER]));

    expect(report).toMatchObject({ announced: 2, parked: 2 });
    expect(announcedIds(sns)).toEqual(idsOf([ROOT, PIPER]));
    // The sender's fault is not retried; the other failing entry is, alone, in two more rounds.
    expect(sns.requests.map(({ entries }) => entries.map(announcedId))).toEqual([
      [ANAYA, ROOT, JANE, PIPER].map(({ eventID }) => eventID),
      [JANE.eventID],
      [JANE.eventID],
    ]);
    expect(parkedIn(sqs)).toEqual([
      parkedSignIn(JANE, 'publish-failed', 'InternalError'),
      parkedSignIn(ANAYA, 'publish-failed', 'InvalidParameter'),
    ]);
    expect(await dedupeStates(dynamo)).toEqual({ [ROOT.eventID]: 'announced', [PIPER.eventID]: 'announced' });
  });
});

describe('without a parking queue (the behaviour before issue 3)', () => {
  it('says the invocation will fail, not that it parks, when there is no queue to park in', async () => {
    const { handler, logger } = await coldStart({ parking: false, sns: { reply: () => failing } });
    const warn = vi.spyOn(logger, 'warn');

    await handler(deliveryOf([ANAYA])).catch(() => undefined);

    const messages = warn.mock.calls.map(([message]) => message);
    expect(messages).not.toContain('Parking a sign-in that could not be announced');
    expect(messages).toContain('Sign-in not announced; the invocation fails so that Lambda retries it');
  });

  it('rejects with a PublishError naming each sign-in when SNS keeps failing, claims freed for the retry', async () => {
    const { handler, sns, sqs, dynamo } = await coldStart({ parking: false, sns: { reply: () => failing } });

    const error = await handler(deliveryOf([ANAYA, PIPER])).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'PublishError' });
    const { failures } = error as { failures: { key: string }[] };
    expect(failures.map(({ key }) => key).sort()).toEqual(idsOf([ANAYA, PIPER]));
    expect(sns.delivered).toEqual([]);
    expect(sqs.requests).toEqual([]);
    expect(await dedupeStates(dynamo)).toEqual({});
  });

  it('rejects an unreadable delivery with a DeliveryDecodeError, so Lambda keeps it aside', async () => {
    const { handler, sns, sqs } = await coldStart({ parking: false });
    const event: CloudWatchLogsEvent = { awslogs: { data: Buffer.from('not gzip').toString('base64') } };

    const outcome = handler(event);

    await expect(outcome).rejects.toMatchObject({ name: 'DeliveryDecodeError' });
    expect(sns.requests).toEqual([]);
    expect(sqs.requests).toEqual([]);
  });
});
