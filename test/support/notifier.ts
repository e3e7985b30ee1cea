/**
 * The notifier as a Lambda cold start loads it, wired through the environment the stack sets to a
 * loopback SNS, on-failure queue (SQS) and dedupe table (DynamoDB), each scriptable with faults; and
 * readers of what a subscriber, the queue and the table hold afterwards.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { expect, vi } from 'vitest';
import type { ParkedMessage } from '../../src/guarantees/parked-message.js';
import {
  type LoopbackDynamo,
  type LoopbackDynamoOptions,
  startLoopbackDynamo,
} from '../../testing/dynamodb-loopback.js';
import { cloudTrailRecord } from '../../testing/events.js';
import { type LoopbackSns, type LoopbackSnsOptions, startLoopbackSns } from '../../testing/sns-loopback.js';
import { type LoopbackSqs, type LoopbackSqsOptions, startLoopbackSqs } from '../../testing/sqs-loopback.js';

export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:console-sign-ins';
export const DEDUPE_TABLE = 'console-login-notifier-dedupe';
/** The body format redrive reads: a contract, so spelled out rather than imported. */
export const PARKED_FORMAT = 'console-login-notifier/parked/v1';

export type CloudTrailRecord = Record<string, unknown> & { eventID: string };

/** Four real sign-ins of four different users, each with its own eventID. */
export const ANAYA = cloudTrailRecord('console-login/aws-docs-ct-iam-user-failure') as CloudTrailRecord;
export const ROOT = cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa') as CloudTrailRecord;
export const JANE = cloudTrailRecord('console-login/aws-docs-iam-user-failure-janedoe') as CloudTrailRecord;
export const PIPER = cloudTrailRecord(
  'console-login/usiem-flaws-iam-user-success-no-mfa',
) as CloudTrailRecord;

export interface NotifierOptions {
  readonly sns?: LoopbackSnsOptions;
  readonly sqs?: LoopbackSqsOptions;
  readonly dynamo?: Omit<LoopbackDynamoOptions, 'tables'>;
  /** false: PARKING_QUEUE_URL unset, so what cannot be announced fails the invocation. */
  readonly parking?: boolean;
  /** false: DEDUPE_TABLE_NAME unset, so there is no dedupe across invocations. */
  readonly dedupe?: boolean;
}

const running: { close(): Promise<void> }[] = [];

async function started<L extends { close(): Promise<void> }>(loopback: Promise<L>): Promise<L> {
  running.push(await loopback);
  return loopback;
}

/** For afterEach: closes every loopback the test started and restores the environment. */
export async function stopNotifier(): Promise<void> {
  for (const loopback of running.splice(0).reverse()) await loopback.close();
  vi.unstubAllEnvs();
}

/** Loopbacks for the three services, and the handler, metrics and logger of a fresh cold start. */
export async function coldStart({ parking = true, dedupe = true, ...options }: NotifierOptions = {}) {
  const sns = await started(startLoopbackSns(options.sns));
  const sqs = await started(startLoopbackSqs(options.sqs));
  const dynamo = await started(
    startLoopbackDynamo({ ...options.dynamo, tables: [{ name: DEDUPE_TABLE, hashKey: 'pk' }] }),
  );
  const environment = {
    AWS_ENDPOINT_URL_SNS: sns.url,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    TOPIC_ARN,
    USER_ALLOWLIST: '',
    USER_DENYLIST: '',
    // Account names have their own wire tests (test/wire/account-names.test.ts); none asked here.
    ACCOUNT_NAME_LOOKUP: 'off',
    // The SQS client sends to the host of the QueueUrl; naming it as the endpoint too, as in AWS,
    // keeps the SDK from warning that the two differ.
    AWS_ENDPOINT_URL_SQS: sqs.url,
    PARKING_QUEUE_URL: parking ? sqs.queueUrl : '',
    DEDUPE_TABLE_NAME: dedupe ? DEDUPE_TABLE : '',
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  vi.resetModules();
  const { handler } = await import('../../src/handlers/cloudwatch-logs.js');
  // The fast path's function: another Lambda function, on the same topic, queue and table.
  const { handler: fastPath } = await import('../../src/handlers/eventbridge.js');
  // The modules the handlers just loaded, not the ones of an earlier cold start.
  const { metrics } = await import('../../src/observability/metrics.js');
  const { logger } = await import('../../src/observability/logger.js');
  return { handler, fastPath, metrics, logger, sns, sqs, dynamo };
}

/** The eventID a machine subscriber reads from a message, or from a PublishBatch entry as sent. */
export function announcedId({ message }: { message: string }): string {
  const { sqs } = JSON.parse(message) as { sqs: string };
  return (JSON.parse(sqs) as { eventId: string }).eventId;
}

/** eventIDs of the messages subscribers received, sorted: a sign-in announced twice shows twice. */
export const announcedIds = (sns: LoopbackSns) => sns.delivered.map(announcedId).sort();

export const idsOf = (records: readonly CloudTrailRecord[]) => records.map(({ eventID }) => eventID).sort();

/** The bodies waiting in the on-failure queue, parsed, sign-ins ordered by eventID. */
export function parkedIn(sqs: LoopbackSqs): ParkedMessage[] {
  const eventIdOf = (item: ParkedMessage) => (item.kind === 'sign-in' ? (item.eventId ?? '') : '');
  return sqs
    .messages()
    .map((body) => JSON.parse(body) as ParkedMessage)
    .sort((a, b) => eventIdOf(a).localeCompare(eventIdOf(b)));
}

/** What a parked sign-in holds for redrive: the record exactly as delivered, the reason and the error. */
export function parkedSignIn(record: CloudTrailRecord, reason: string, code: string) {
  return {
    format: PARKED_FORMAT,
    parkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    kind: 'sign-in',
    reason,
    error: { code, message: expect.any(String) },
    eventId: record.eventID,
    record: JSON.stringify(record),
    source: {
      via: 'cloudwatch-logs',
      logGroup: 'CloudTrail/DefaultLogGroup',
      logStream: '111122223333_CloudTrail_us-east-1',
      logEventId: expect.stringMatching(/^\d+$/),
    },
  };
}

/** The state of each dedupe item, by eventID. */
export async function dedupeStates(dynamo: LoopbackDynamo): Promise<Record<string, string | undefined>> {
  const items = await dynamo.items(DEDUPE_TABLE);
  return Object.fromEntries(items.map(({ pk, state }) => [pk?.S ?? '', state?.S]));
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A dedupe item as the claim of another invocation leaves it, held until `claimedUntil`. */
export const claimHeld = (eventId: string, claimedUntil: number): Record<string, AttributeValue> => ({
  pk: { S: eventId },
  state: { S: 'claimed' },
  claimedUntil: { N: String(claimedUntil) },
  expiresAt: { N: String(nowSeconds() + 30 * 86_400) },
});

/** Writes items into the table past the recording loopback, as another invocation would have. */
export async function seedDedupe(dynamo: LoopbackDynamo, items: Record<string, AttributeValue>[]) {
  await dynamo.seed(DEDUPE_TABLE, items);
}

/** What Lambda passes the handler, as far as the notifier reads it: the time left. */
export function lambdaContext(remainingMs: number): Context {
  const end = Date.now() + remainingMs;
  return {
    functionName: 'console-login-notifier-prod-notifier',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:console-login-notifier-prod-notifier',
    getRemainingTimeInMillis: () => end - Date.now(),
  } as Context;
}

/** A CloudTrail record as EventBridge delivers it: the envelope of AWS Sign-In events, the record as `detail`. */
export function eventOf(record: CloudTrailRecord, detailType = 'AWS Console Sign In via CloudTrail') {
  return {
    version: '0',
    id: `eb-${record.eventID}`,
    'detail-type': detailType,
    source: 'aws.signin',
    account: '111122223333',
    time: '2024-05-01T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: record,
  };
}
