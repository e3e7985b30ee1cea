/**
 * The Lambda handler end to end: awslogs deliveries built from real CloudTrail records, the real
 * @aws-sdk/client-sns, and a loopback SNS that records what subscribers would receive.
 * The handler reads its configuration at import, so each test sets the environment, then imports it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awslogsEvent, deliveryOf, deliveryPayload } from '../../testing/deliveries.js';
import { cloudTrailRecord, readEvent } from '../../testing/events.js';
import {
  type LoopbackSns,
  type LoopbackSnsOptions,
  startLoopbackSns,
  type WireMessage,
} from '../../testing/sns-loopback.js';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:console-sign-ins';
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Four real sign-ins of four different users, with their eventIDs. */
const ANAYA = cloudTrailRecord('console-login/aws-docs-ct-iam-user-failure');
const ROOT = cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa');
const JANE = cloudTrailRecord('console-login/aws-docs-iam-user-failure-janedoe');
const PIPER = cloudTrailRecord('console-login/usiem-flaws-iam-user-success-no-mfa');
const SIGN_INS = [ANAYA, ROOT, JANE, PIPER];
const idsOf = (records: readonly Record<string, unknown>[]) => records.map(({ eventID }) => eventID).sort();

let loopback: LoopbackSns | undefined;

afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
  vi.unstubAllEnvs();
});

/** A loopback SNS, and the handler as a cold start with this environment would load it. */
async function coldStart(options: LoopbackSnsOptions = {}, env: Record<string, string> = {}) {
  const sns = await startLoopbackSns(options);
  loopback = sns;
  const environment = {
    AWS_ENDPOINT_URL_SNS: sns.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1', // the Lambda's own region; SNS is called in the topic's
    TOPIC_ARN,
    USER_ALLOWLIST: '',
    USER_DENYLIST: '',
    ACCOUNT_NAME_LOOKUP: 'off',
    ...env,
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  vi.resetModules();
  const { handler } = await import('../../src/handlers/cloudwatch-logs.js');
  return { handler, sns };
}

/** The JSON document machine subscribers receive. */
function documentOf(message: WireMessage): { eventId: string; userAgent: string; user: { name: string } } {
  return JSON.parse((JSON.parse(message.message) as { sqs: string }).sqs);
}

const deliveredIds = (sns: LoopbackSns) => sns.delivered.map((message) => documentOf(message).eventId).sort();

describe('handler with the real SNS client', () => {
  it('announces each sign-in of a delivery once, signed for the region of the topic', async () => {
    const { handler, sns } = await coldStart();
    const checkMfa = cloudTrailRecord('check-mfa/aws-docs-ct-u2f');

    const report = await handler(deliveryOf([...SIGN_INS, checkMfa]));

    expect(deliveredIds(sns)).toEqual(idsOf(SIGN_INS));
    // A passed second factor is a step of a sign-in: counted, not announced.
    expect(report).toMatchObject({ records: 5, signIns: 4, announced: 4, steps: 1, otherEvents: 0 });
    for (const request of sns.requests) {
      expect(request.params.get('TopicArn')).toBe(TOPIC_ARN);
      expect(request.headers.authorization).toContain('/eu-west-1/sns/aws4_request');
    }
  });

  it('announces a record repeated in one delivery once', async () => {
    const { handler, sns } = await coldStart();

    const report = await handler(deliveryOf([ANAYA, PIPER, ANAYA]));

    expect(deliveredIds(sns)).toEqual(idsOf([ANAYA, PIPER]));
    expect(report).toMatchObject({ announced: 2, duplicates: 1 });
  });

  it('acknowledges a CloudWatch Logs control message without calling SNS', async () => {
    const { handler, sns } = await coldStart();

    const report = await handler(awslogsEvent(readEvent('cloudwatch-logs/vector-control-message')));

    expect(report).toMatchObject({ messageType: 'CONTROL_MESSAGE', announced: 0 });
    expect(sns.requests).toEqual([]);
  });

  it('rejects the delivery when SNS keeps failing, so Lambda retries it and then parks it', async () => {
    const { handler, sns } = await coldStart({
      reply: () => ({ kind: 'error', status: 500, code: 'InternalError' }),
    });

    const outcome = handler(deliveryOf([ANAYA, PIPER]));

    await expect(outcome).rejects.toMatchObject({
      name: 'PublishError',
      failures: expect.arrayContaining(idsOf([ANAYA, PIPER]).map((key) => expect.objectContaining({ key }))),
    });
    expect(sns.requests.length).toBeGreaterThan(1);
    expect(sns.delivered).toEqual([]);
  });

  it.each<{ lists: string; env: Record<string, string>; users: string[] }>([
    { lists: 'deny root', env: { USER_DENYLIST: 'root' }, users: ['JaneDoe', 'anaya', 'piper'] },
    { lists: 'allow two names', env: { USER_ALLOWLIST: 'anaya, JANEDOE' }, users: ['JaneDoe', 'anaya'] },
    { lists: 'allow an ARN pattern', env: { USER_ALLOWLIST: 'arn:aws:iam::*:user/pip*' }, users: ['piper'] },
    {
      lists: 'deny wins over allow',
      env: { USER_ALLOWLIST: 'anaya,root', USER_DENYLIST: 'ROOT' },
      users: ['anaya'],
    },
  ])('publishes only $users when the lists say: $lists', async ({ env, users }) => {
    const { handler, sns } = await coldStart({}, env);

    const report = await handler(deliveryOf(SIGN_INS));

    expect(sns.delivered.map(({ attributes }) => attributes.user?.value).sort()).toEqual(users);
    expect(report).toMatchObject({ announced: users.length, filtered: SIGN_INS.length - users.length });
  });

  it('skips a malformed record in the middle of a delivery and announces the others', async () => {
    const { handler, sns } = await coldStart();
    const truncated = JSON.stringify(JANE).slice(0, 120);

    const report = await handler(
      awslogsEvent(deliveryPayload([JSON.stringify(ANAYA), truncated, JSON.stringify(PIPER)])),
    );

    expect(deliveredIds(sns)).toEqual(idsOf([ANAYA, PIPER]));
    expect(report).toMatchObject({ records: 3, malformed: 1, announced: 2 });
  });

  it('publishes a sign-in with hostile user name and user agent as clean, single-line fields', async () => {
    const { handler, sns } = await coldStart();
    const forged = '\r\nSeverity: info\r\n';
    const hostile = {
      ...PIPER,
      userIdentity: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::111122223333:user/eve',
        accountId: '111122223333',
        userName: `eve${forged}\u001b[2J\u001b]0;owned\u0007\u2028admin`,
      },
      userAgent: `Mozilla/5.0${forged}\u001b[31m\u2028${'A'.repeat(100_000)}`,
    };

    const report = await handler(deliveryOf([hostile]));

    expect(report).toMatchObject({ announced: 1 });
    const [message] = sns.delivered;
    if (message === undefined) throw new Error('nothing was published');
    expect(message.subject).toMatch(/^[\x20-\x7e]{1,100}$/);
    const text = (JSON.parse(message.message) as { default: string }).default;
    const lines = text.split('\n');
    expect(lines.filter((line) => line.startsWith('Severity:'))).toEqual([expect.stringMatching(/ high$/)]);
    expect(lines.some((line) => CONTROL.test(line))).toBe(false);
    expect(text.length).toBeLessThan(10_000);
    const document = documentOf(message);
    expect(document.user.name).not.toMatch(CONTROL);
    expect(document.userAgent.length).toBeLessThanOrEqual(512);
    for (const [name, { value }] of Object.entries(message.attributes)) {
      expect(value, name).not.toMatch(CONTROL);
    }
  });
});
