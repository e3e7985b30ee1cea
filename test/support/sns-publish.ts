/**
 * publishNotifications on the wire: a loopback SNS that speaks the AWS query protocol and the real
 * @aws-sdk/client-sns pointed at it the way the Lambda is configured, distinct sign-ins to publish,
 * and readers of what went on the wire and what a subscriber received.
 */
import { vi } from 'vitest';
import { createSnsClient } from '../../src/aws-clients.js';
import { readConfig } from '../../src/config.js';
import { type Notification, toNotification } from '../../src/render/notification.js';
import { parseRecord } from '../../src/sign-ins/parse-record.js';
import { cloudTrailRecord } from '../../testing/events.js';
import {
  type LoopbackSns,
  type LoopbackSnsOptions,
  startLoopbackSns,
  type WireMessage,
  type WireRequest,
} from '../../testing/sns-loopback.js';

export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:console-sign-ins';
export const ATTRIBUTES = [
  'account',
  'event',
  'identityType',
  'mfa',
  'outcome',
  'region',
  'severity',
  'user',
];
export const FAST = { backoffMs: 5 };

let open: { loopback: LoopbackSns; sns: ReturnType<typeof createSnsClient> } | undefined;

/** For afterEach: closes the client and the loopback of the test, and restores the environment. */
export async function closeSns(): Promise<void> {
  open?.sns.destroy();
  await open?.loopback.close();
  open = undefined;
  vi.unstubAllEnvs();
}

/** A loopback SNS and a client for the topic's region, pointed at it the way the Lambda is configured. */
export async function snsAt(options: LoopbackSnsOptions = {}) {
  const loopback = await startLoopbackSns(options);
  vi.stubEnv('AWS_ENDPOINT_URL_SNS', loopback.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_REGION', 'us-east-1'); // the Lambda's own region, which is not the topic's
  const { topicArn, topicRegion } = readConfig({ TOPIC_ARN });
  open = { loopback, sns: createSnsClient(topicRegion) };
  return { loopback, sns: open.sns, topicArn };
}

/** The loopback of the running test, for a scripted reply that reads what it has delivered. */
export const openLoopback = (): LoopbackSns | undefined => open?.loopback;

/** `count` distinct sign-ins built from one real record, keyed `sign-in-<n>` like their eventID. */
export function signIns(count: number): Notification[] {
  return Array.from({ length: count }, (_, n) => {
    const record = {
      ...cloudTrailRecord('console-login/aws-docs-ct-iam-user-success-no-mfa'),
      eventID: `sign-in-${n}`,
    };
    const parsed = parseRecord(JSON.stringify(record));
    if (parsed.kind !== 'sign-in') throw new Error('the fixture is not a sign-in');
    return toNotification(parsed.signIn, `sign-in-${n}`);
  });
}

/** The eventID a subscriber reads from the JSON document of a message. */
export function eventIdOf(message: Pick<WireMessage, 'message'>): string {
  const { sqs } = JSON.parse(message.message) as { sqs: string };
  return (JSON.parse(sqs) as { eventId: string }).eventId;
}

export const deliveredIds = (loopback: LoopbackSns) => loopback.delivered.map(eventIdOf).sort();
export const keysOf = (notifications: readonly { key: string }[]) =>
  notifications.map(({ key }) => key).sort();
export const attemptOf = (request: WireRequest) => request.headers['amz-sdk-request'];
