/**
 * `npm run redrive` end to end: the command in a child process, against the loopback SQS, SNS and
 * DynamoDB, with the three kinds of message the on-failure queue holds: a sign-in the notifier
 * parked, a delivery it parked whole, and Lambda's own on-failure record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cloudTrailRecord } from '../../testing/events.js';
import type { LoopbackSnsOptions } from '../../testing/sns-loopback.js';
import { startLoopbackSqs } from '../../testing/sqs-loopback.js';
import {
  announcedEventIds,
  cleanUp,
  cliEnv,
  dedupeStates,
  linesWith,
  runCli,
  STACK_FLAGS,
  seedAnnounced,
  startStack,
  track,
} from '../support/cli.js';
import {
  type CloudTrailRecord,
  lambdaFailure,
  parkedDelivery,
  parkedSignIn,
} from '../support/queue-messages.js';

const [anaya, rootFailure, rootMfa, mfaUser, stratus] = [
  'console-login/aws-docs-ct-iam-user-success-no-mfa',
  'console-login/aws-docs-ct-root-failure',
  'console-login/usiem-flaws-root-success-mfa',
  'console-login/mapbox-iam-user-success-mfa-invalid-ip',
  'console-login/stratus-iam-user-success-no-mfa-detonation',
].map(cloudTrailRecord) as [
  CloudTrailRecord,
  CloudTrailRecord,
  CloudTrailRecord,
  CloudTrailRecord,
  CloudTrailRecord,
];
const idOf = (record: CloudTrailRecord) => String(record.eventID);
const idsOf = (...records: CloudTrailRecord[]) => records.map(idOf).sort();

/** The queue holding these bodies, the stack's topic and table, and the command pointed at them. */
async function start(bodies: readonly string[], snsOptions: LoopbackSnsOptions = {}) {
  const sqs = track(await startLoopbackSqs());
  const { sns, dynamo } = await startStack(snsOptions);
  const messageIds = bodies.map((body) => sqs.send(body));
  const env = cliEnv({ sns: sns.url, dynamodb: dynamo.url });
  const redrive = (...flags: string[]) =>
    runCli('redrive', ['--queue-url', sqs.queueUrl, ...STACK_FLAGS, ...flags], env);
  return { sqs, sns, dynamo, messageIds, redrive };
}

afterEach(cleanUp);

const queue = () => [
  parkedSignIn(anaya),
  parkedDelivery(rootFailure, rootMfa),
  lambdaFailure(mfaUser, stratus),
];

describe('redrive, dry run (the default)', () => {
  it('lists what each kind of message would announce, and deletes and publishes nothing', async () => {
    const { sqs, sns, dynamo, messageIds, redrive } = await start(queue());

    const { code, stdout, stderr } = await redrive();

    expect(code).toBe(0);
    expect(linesWith(stdout, 'message ')).toEqual(messageIds.map((id) => `message ${id}:`));
    const [, ofSignIn, ofDelivery, ofLambdaRecord] = stdout.split(/^message .*:$/m);
    expect(linesWith(ofSignIn ?? '', 'would announce')).toEqual([
      expect.stringContaining(`(eventID ${idOf(anaya)})`),
    ]);
    expect(linesWith(ofDelivery ?? '', 'would announce')).toEqual(
      [rootFailure, rootMfa].map((record) => expect.stringContaining(`(eventID ${idOf(record)})`)),
    );
    expect(linesWith(ofLambdaRecord ?? '', 'would announce')).toEqual(
      [mfaUser, stratus].map((record) => expect.stringContaining(`(eventID ${idOf(record)})`)),
    );
    expect(stderr).toContain('done: 3 messages read');
    expect(sqs.messages()).toEqual(queue());
    expect(sqs.requests.map(({ operation }) => operation)).not.toContain('DeleteMessage');
    expect(sns.requests).toEqual([]);
    expect(dynamo.requests.filter(({ operation }) => operation !== 'GetItem')).toEqual([]);
  });
  it('leaves the messages ready for the --execute run that follows it', async () => {
    const { sqs, sns, redrive } = await start(queue());

    await redrive();
    const { code } = await redrive('--execute');

    expect(code).toBe(0);
    expect(announcedEventIds(sns.delivered)).toEqual(idsOf(anaya, rootFailure, rootMfa, mfaUser, stratus));
    expect(sqs.messages()).toEqual([]);
  });
});

describe('redrive --execute', () => {
  it('announces the sign-ins of each message and deletes each message', async () => {
    const { sqs, sns, dynamo, messageIds, redrive } = await start(queue());

    const { code, stdout, stderr } = await redrive('--execute');

    expect(code).toBe(0);
    expect(announcedEventIds(sns.delivered)).toEqual(idsOf(anaya, rootFailure, rootMfa, mfaUser, stratus));
    expect(linesWith(stdout, '; deleted')).toEqual([
      `message ${messageIds[0]}: announced 1, already announced 0; deleted`,
      `message ${messageIds[1]}: delivery: announced 2 of 2 sign-ins, already announced 0; deleted`,
      `message ${messageIds[2]}: delivery: announced 2 of 2 sign-ins, already announced 0; deleted`,
    ]);
    expect(stderr).toContain('done: 3 messages read, 3 redriven and deleted, 0 kept');
    expect(sqs.messages()).toEqual([]);
    expect(await dedupeStates(dynamo)).toEqual(
      Object.fromEntries(idsOf(anaya, rootFailure, rootMfa, mfaUser, stratus).map((id) => [id, 'announced'])),
    );
  });

  it('keeps a message whose sign-in SNS keeps refusing, releases its claim, and exits 1', async () => {
    const failing = idOf(rootFailure);
    const { sqs, sns, dynamo, messageIds, redrive } = await start(
      [parkedSignIn(rootFailure), parkedSignIn(anaya)],
      {
        reply: ({ entries }) =>
          entries.some(({ message }) => message.includes(failing))
            ? { kind: 'error', status: 500, code: 'InternalError' }
            : { kind: 'ok' },
      },
    );

    const { code, stdout } = await redrive('--execute');

    expect(code).toBe(1);
    expect(announcedEventIds(sns.delivered)).toEqual([idOf(anaya)]);
    expect(sqs.messages()).toEqual([parkedSignIn(rootFailure)]);
    expect(linesWith(stdout, `message ${messageIds[0]}`)).toEqual([
      expect.stringMatching(
        /kept in the queue: PublishError: 1 of 1 sign-in messages could not be published \(InternalErrorException\)/,
      ),
    ]);
    // Released, so that the next redrive may announce it.
    expect(await dedupeStates(dynamo)).toEqual({ [idOf(anaya)]: 'announced' });
  });

  it('keeps and reports a message that is not JSON, and redrives the others', async () => {
    const { sqs, sns, messageIds, redrive } = await start(['{"format": truncated', parkedSignIn(anaya)]);

    const { code, stdout, stderr } = await redrive('--execute');

    expect(code).toBe(1);
    expect(linesWith(stdout, `message ${messageIds[0]}`)).toEqual([
      expect.stringContaining('kept in the queue: Error: the body is not JSON'),
    ]);
    expect(announcedEventIds(sns.delivered)).toEqual([idOf(anaya)]);
    expect(sqs.messages()).toEqual(['{"format": truncated']);
    expect(stderr).toContain('done: 2 messages read, 1 redriven and deleted, 1 kept');
  });

  it('announces only the sign-ins of a failed delivery that were not announced already', async () => {
    const { sqs, sns, dynamo, messageIds, redrive } = await start([
      lambdaFailure(anaya, rootFailure, stratus),
    ]);
    await seedAnnounced(dynamo, [idOf(anaya), idOf(stratus)]);

    const { code, stdout } = await redrive('--execute');

    expect(code).toBe(0);
    expect(announcedEventIds(sns.delivered)).toEqual([idOf(rootFailure)]);
    expect(stdout).toContain(
      `message ${messageIds[0]}: delivery: announced 1 of 3 sign-ins, already announced 2; deleted`,
    );
    expect(sqs.messages()).toEqual([]);
  });
});
