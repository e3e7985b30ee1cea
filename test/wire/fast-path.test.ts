/**
 * The EventBridge fast path and the CloudWatch Logs path together, each sign-in announced once
 * (issue 9): the two handlers with the real SDK clients against the same loopback SNS, queue and
 * dedupe table, as the two Lambda functions share them. Whichever path brings a sign-in first
 * announces it; its twin on the other path is suppressed, in either order and when both race.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import {
  ANAYA,
  announcedIds,
  coldStart,
  dedupeStates,
  eventOf,
  PIPER,
  ROOT,
  stopNotifier,
} from '../support/notifier.js';

afterEach(stopNotifier);

const documentOf = (message: string) => JSON.parse(JSON.parse(message).sqs) as Record<string, unknown>;

describe('one sign-in, two paths', () => {
  it('announces an EventBridge arrival, then suppresses its CloudWatch Logs twin', async () => {
    const { handler, fastPath, sns, dynamo } = await coldStart();

    const fast = await fastPath(eventOf(ROOT));
    const twin = await handler(deliveryOf([ROOT, PIPER]));

    expect(fast).toMatchObject({ announced: 1 });
    expect(twin).toMatchObject({ announced: 1, duplicates: 1 });
    expect(announcedIds(sns)).toEqual([PIPER.eventID, ROOT.eventID].sort());
    expect(sns.delivered.map(({ message }) => documentOf(message).via)).toEqual([
      'eventbridge',
      'cloudwatch-logs',
    ]);
    expect(await dedupeStates(dynamo)).toEqual({ [ROOT.eventID]: 'announced', [PIPER.eventID]: 'announced' });
  });

  it('suppresses the EventBridge twin of a sign-in the CloudWatch Logs path announced first', async () => {
    const { handler, fastPath, sns } = await coldStart();

    await handler(deliveryOf([ANAYA]));
    const late = await fastPath(eventOf(ANAYA));

    expect(late).toMatchObject({ announced: 0, duplicates: 1 });
    expect(announcedIds(sns)).toEqual([ANAYA.eventID]);
  });

  it('announces once when both paths bring it at the same time; the one that lost looks again later', async () => {
    const { handler, fastPath, sns } = await coldStart({ sns: { latencyMs: 50 } });

    // Both claims reach the table before either sign-in is published (SNS takes 50 ms).
    const outcomes = await Promise.allSettled([fastPath(eventOf(PIPER)), handler(deliveryOf([PIPER]))]);
    // The path that found the other's live claim fails, so that Lambda retries it: it is not lost.
    const lost = outcomes.filter(({ status }) => status === 'rejected');
    const retried = await handler(deliveryOf([PIPER]));

    expect(lost).toEqual([
      expect.objectContaining({ reason: expect.objectContaining({ name: 'ClaimHeldError' }) }),
    ]);
    expect(retried).toMatchObject({ announced: 0, duplicates: 1 });
    expect(announcedIds(sns)).toEqual([PIPER.eventID]);
  });
});
