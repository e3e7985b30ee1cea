/**
 * publishNotifications through the real @aws-sdk/client-sns, against a loopback SNS that speaks the AWS query
 * protocol (see support/sns-publish.ts): how publishNotifications's entry retries and PublishError handle
 * SNS failing for good, partial batch failures, entries the reply leaves out, and a hung request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { publishNotifications } from '../../src/publish/publish-notifications.js';
import { PublishError } from '../../src/shared/errors.js';
import type { Reply } from '../../testing/sns-loopback.js';
import {
  attemptOf,
  closeSns,
  deliveredIds,
  eventIdOf,
  FAST,
  keysOf,
  signIns,
  snsAt,
} from '../support/sns-publish.js';
import { firstReplies } from '../support/sns-replies.js';

afterEach(closeSns);

describe('publishNotifications on the wire', () => {
  it('throws a PublishError naming every sign-in when SNS keeps failing with 5xx', async () => {
    const { loopback, sns, topicArn } = await snsAt({
      reply: () => ({ kind: 'error', status: 500, code: 'InternalError' }),
    });
    const notifications = signIns(4);

    const error = await publishNotifications(sns, topicArn, notifications, {
      ...FAST,
      entryRetries: 1,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PublishError);
    const { failures } = error as PublishError;
    expect(keysOf(failures)).toEqual(keysOf(notifications));
    // The SDK names the modelled error by its exception class, not by the wire code InternalError.
    expect(new Set(failures.map(({ code }) => code))).toEqual(new Set(['InternalErrorException']));
    expect(loopback.requests).toHaveLength(6); // 3 SDK attempts in each of the 2 rounds
    expect(loopback.delivered).toEqual([]);
  });

  it('retries an entry that failed inside a batch without the sender at fault, and only that entry', async () => {
    const { loopback, sns, topicArn } = await snsAt({
      reply: firstReplies({
        kind: 'partial',
        fail: (id) => (id === '3' ? { code: 'InternalError', senderFault: false } : undefined),
      }),
    });
    const notifications = signIns(10);

    const published = await publishNotifications(sns, topicArn, notifications, FAST);

    expect(keysOf(published)).toEqual(keysOf(notifications));
    expect(loopback.requests.map(({ entries }) => entries.map(eventIdOf))).toEqual([
      keysOf(notifications).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
      ['sign-in-3'],
    ]);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications));
  });

  it('retries an entry that the reply names neither as published nor as failed, rather than lose it', async () => {
    const omitEntry1: Reply = { kind: 'partial', fail: () => undefined, omit: (id) => id === '1' };
    const { loopback, sns, topicArn } = await snsAt({ reply: firstReplies(omitEntry1) });
    const notifications = signIns(3);

    const published = await publishNotifications(sns, topicArn, notifications, FAST);

    expect(keysOf(published)).toEqual(keysOf(notifications));
    expect(loopback.requests.map(({ entries }) => entries.length)).toEqual([3, 1]);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications));
  });

  it('does not retry an entry that failed with the sender at fault, and names it in the PublishError', async () => {
    const { loopback, sns, topicArn } = await snsAt({
      reply: () => ({
        kind: 'partial',
        fail: (id) => (id === '3' ? { code: 'InvalidParameter', senderFault: true } : undefined),
      }),
    });
    const notifications = signIns(10);

    const error = await publishNotifications(sns, topicArn, notifications, FAST).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).failures).toEqual([
      { key: 'sign-in-3', code: 'InvalidParameter', message: 'InvalidParameter' },
    ]);
    expect(loopback.requests).toHaveLength(1);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications).filter((key) => key !== 'sign-in-3'));
  });

  // Takes about 3 s: the requestTimeout of clients.ts must fire before the SDK retries.
  it('times out a request that hangs and delivers the sign-ins with the retry', async () => {
    const { loopback, sns, topicArn } = await snsAt({ reply: firstReplies({ kind: 'hang' }) });
    const notifications = signIns(2);

    await publishNotifications(sns, topicArn, notifications, FAST);

    expect(loopback.requests.map(attemptOf)).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications));
  });
});
