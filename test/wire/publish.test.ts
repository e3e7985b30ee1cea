/**
 * publishNotifications through the real @aws-sdk/client-sns, against a loopback SNS that speaks the AWS query
 * protocol (see support/sns-publish.ts): what goes on the wire, how it is signed and batched, and how the
 * SDK's retries handle throttling and 5xx. Failing entries and requests are in publish-failures.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { publishNotifications } from '../../src/publish/publish-notifications.js';
import { messageErrors } from '../support/schemas.js';
import {
  ATTRIBUTES,
  attemptOf,
  closeSns,
  deliveredIds,
  FAST,
  keysOf,
  openLoopback,
  signIns,
  snsAt,
  TOPIC_ARN,
} from '../support/sns-publish.js';
import { firstReplies } from '../support/sns-replies.js';

afterEach(closeSns);

describe('publishNotifications on the wire', () => {
  it('sends PublishBatch entries with an ASCII subject, a JSON message and eight String attributes', async () => {
    const { loopback, sns, topicArn } = await snsAt();
    const notifications = signIns(3);

    const published = await publishNotifications(sns, topicArn, notifications, FAST);

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
      expect(messageErrors(entry)).toEqual([]);
      expect(Object.keys(entry.attributes).sort()).toEqual(ATTRIBUTES);
      for (const { dataType, value } of Object.values(entry.attributes)) {
        expect(dataType).toBe('String');
        expect(value).not.toBe('');
      }
    }
  });

  it('signs with SigV4 for the region of the topic and calls the AWS_ENDPOINT_URL_SNS endpoint', async () => {
    const { loopback, sns, topicArn } = await snsAt();

    await publishNotifications(sns, topicArn, signIns(1), FAST);

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
        deliveredAtArrival.push(openLoopback()?.delivered.length ?? -1);
        return { kind: 'ok' };
      },
    });
    const notifications = signIns(25);

    await publishNotifications(sns, topicArn, notifications, FAST);

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

    await publishNotifications(sns, topicArn, notifications, FAST);

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

    await publishNotifications(sns, topicArn, notifications, FAST);

    expect(loopback.requests).toHaveLength(3);
    expect(deliveredIds(loopback)).toEqual(keysOf(notifications));
  });
});
