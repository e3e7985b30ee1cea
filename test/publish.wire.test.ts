/**
 * publishAll through the real @aws-sdk/client-sns, against a loopback SNS that speaks the AWS query
 * protocol: what goes on the wire, and how the SDK's retries and publishAll's entry retries handle
 * throttling, 5xx, partial batch failures and a hung request.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFixture } from '../scripts/deliveries.js';
import {
  type LoopbackSns,
  type LoopbackSnsOptions,
  type Reply,
  startLoopbackSns,
  type WireMessage,
  type WireRequest,
} from '../scripts/sns-loopback.js';
import { createSnsClient } from '../src/clients.js';
import { readConfig } from '../src/config.js';
import { PublishError } from '../src/errors.js';
import { type Notification, toNotification } from '../src/notification.js';
import { publishAll } from '../src/publish.js';
import { parseRecord } from '../src/sign-in.js';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:console-sign-ins';
const ATTRIBUTES = ['account', 'event', 'identityType', 'mfa', 'outcome', 'region', 'severity', 'user'];
const FAST = { backoffMs: 5 };

let open: { loopback: LoopbackSns; sns: ReturnType<typeof createSnsClient> } | undefined;

afterEach(async () => {
  open?.sns.destroy();
  await open?.loopback.close();
  open = undefined;
  vi.unstubAllEnvs();
});

/** A loopback SNS and a client for the topic's region, pointed at it the way the Lambda is configured. */
async function snsAt(options: LoopbackSnsOptions = {}) {
  const loopback = await startLoopbackSns(options);
  vi.stubEnv('AWS_ENDPOINT_URL_SNS', loopback.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_REGION', 'us-east-1'); // the Lambda's own region, which is not the topic's
  const { topicArn, topicRegion } = readConfig({ TOPIC_ARN });
  open = { loopback, sns: createSnsClient(topicRegion) };
  return { loopback, sns: open.sns, topicArn };
}

/** `count` distinct sign-ins built from one real record, keyed `sign-in-<n>` like their eventID. */
function signIns(count: number): Notification[] {
  return Array.from({ length: count }, (_, n) => {
    const record = { ...readFixture('aws-docs-ct-iam-user-success-no-mfa'), eventID: `sign-in-${n}` };
    const parsed = parseRecord(JSON.stringify(record));
    if (parsed.kind !== 'sign-in') throw new Error('the fixture is not a sign-in');
    return toNotification(parsed.signIn, `sign-in-${n}`);
  });
}

/** The eventID a subscriber reads from the JSON document of a message. */
function eventIdOf(message: Pick<WireMessage, 'message'>): string {
  const { sqs } = JSON.parse(message.message) as { sqs: string };
  return (JSON.parse(sqs) as { eventId: string }).eventId;
}

const deliveredIds = (loopback: LoopbackSns) => loopback.delivered.map(eventIdOf).sort();
const keysOf = (notifications: readonly { key: string }[]) => notifications.map(({ key }) => key).sort();
const attemptOf = (request: WireRequest) => request.headers['amz-sdk-request'];

/** Scripted replies for the first requests, in arrival order; every later request succeeds. */
const firstReplies =
  (...replies: Reply[]) =>
  (_request: WireRequest, index: number): Reply =>
    replies[index] ?? { kind: 'ok' };

describe('publishAll on the wire', () => {
  it('sends PublishBatch entries with an ASCII subject, a JSON message and eight String attributes', async () => {
    const { loopback, sns, topicArn } = await snsAt();
    const notifications = signIns(3);

    const published = await publishAll(sns, topicArn, notifications, FAST);

    expect(keysOf(published)).toEqual(keysOf(notifications));
    const [request] = loopback.requests;
    expect(loopback.requests).toHaveLength(1);
    expect(request?.action).toBe('PublishBatch');
    expect(request?.params.get('TopicArn')).toBe(TOPIC_ARN);
    expect(request?.entries).toHaveLength(3);
    for (const entry of request?.entries ?? []) {
      expect(entry.subject).toMatch(/^[\x20-\x7e]{1,100}$/);
      expect(entry.messageStructure).toBe('json');
      const message = JSON.parse(entry.message) as Record<string, unknown>;
      for (const protocol of ['default', 'email', 'sqs', 'lambda', 'https']) {
        expect(message[protocol], protocol).toEqual(expect.any(String));
      }
      expect(Object.keys(entry.attributes).sort()).toEqual(ATTRIBUTES);
      for (const { dataType, value } of Object.values(entry.attributes)) {
        expect(dataType).toBe('String');
        expect(value).not.toBe('');
      }
    }
  });

  it('signs with SigV4 for the region of the topic and calls the AWS_ENDPOINT_URL_SNS endpoint', async () => {
    const { loopback, sns, topicArn } = await snsAt();

    await publishAll(sns, topicArn, signIns(1), FAST);

    const [request] = loopback.requests;
    expect(request?.headers.host).toBe(new URL(loopback.url).host);
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sns\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
    );
  });

  it('sends 25 sign-ins as batches of 10, 10 and 5, all in flight together', async () => {
    // What SNS had answered when each request arrived: nothing yet means the requests overlapped.
    const deliveredAtArrival: number[] = [];
    const { loopback, sns, topicArn } = await snsAt({
      latencyMs: 250,
      reply: () => {
        deliveredAtArrival.push(open?.loopback.delivered.length ?? -1);
        return { kind: 'ok' };
      },
    });
    const notifications = signIns(25);

    await publishAll(sns, topicArn, notifications, FAST);

    expect(loopback.requests.map(({ entries }) => entries.length).sort((a, b) => b - a)).toEqual([10, 10, 5]);
    expect(deliveredAtArrival).toEqual([0, 0, 0]);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications));
  });

  it('lets the SDK retry throttling (400 Throttling, 429 Throttled) and delivers every sign-in once', async () => {
    const { loopback, sns, topicArn } = await snsAt({
      reply: firstReplies(
        { kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' },
        { kind: 'error', status: 429, code: 'Throttled' },
      ),
    });
    const notifications = signIns(4);

    await publishAll(sns, topicArn, notifications, FAST);

    expect(loopback.requests.map(attemptOf)).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3',
    ]);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications));
  });

  it('lets the SDK retry 500 and 503 and delivers every sign-in once', async () => {
    const { loopback, sns, topicArn } = await snsAt({
      reply: firstReplies(
        { kind: 'error', status: 500, code: 'InternalError' },
        { kind: 'error', status: 503, code: 'ServiceUnavailable' },
      ),
    });
    const notifications = signIns(4);

    await publishAll(sns, topicArn, notifications, FAST);

    expect(loopback.requests).toHaveLength(3);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications));
  });

  it('throws a PublishError naming every sign-in when SNS keeps failing with 5xx', async () => {
    const { loopback, sns, topicArn } = await snsAt({
      reply: () => ({ kind: 'error', status: 500, code: 'InternalError' }),
    });
    const notifications = signIns(4);

    const error = await publishAll(sns, topicArn, notifications, { ...FAST, entryRetries: 1 }).catch(
      (caught: unknown) => caught,
    );

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

    const published = await publishAll(sns, topicArn, notifications, FAST);

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

    const published = await publishAll(sns, topicArn, notifications, FAST);

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

    const error = await publishAll(sns, topicArn, notifications, FAST).catch((caught: unknown) => caught);

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

    await publishAll(sns, topicArn, notifications, FAST);

    expect(loopback.requests.map(attemptOf)).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications));
  });
});
