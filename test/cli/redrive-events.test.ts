/**
 * `npm run redrive` on what the fast path leaves in the on-failure queue (issue 9): Lambda's
 * on-failure record of an EventBridge invocation, and an event the rule dead-lettered (its body is
 * the event itself). Both are announced through the same dedupe table, so a sign-in the
 * CloudWatch Logs path has announced meanwhile is not announced twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cloudTrailRecord } from '../../testing/events.js';
import { startLoopbackSqs } from '../../testing/sqs-loopback.js';
import {
  announcedEventIds,
  cleanUp,
  cliEnv,
  linesWith,
  runCli,
  STACK_FLAGS,
  seedAnnounced,
  startStack,
  track,
} from '../support/cli.js';
import { eventOf } from '../support/notifier.js';
import { type CloudTrailRecord, lambdaFailureOf } from '../support/queue-messages.js';

afterEach(cleanUp);

type Signed = CloudTrailRecord & { eventID: string };

const [root, anaya] = [
  'console-login/aws-docs-ct-root-failure',
  'console-login/aws-docs-ct-iam-user-success-no-mfa',
].map((name) => cloudTrailRecord(name)) as [Signed, Signed];

async function start(bodies: readonly string[]) {
  const sqs = track(await startLoopbackSqs());
  const { sns, dynamo } = await startStack();
  for (const body of bodies) sqs.send(body);
  const env = cliEnv({ sns: sns.url, dynamodb: dynamo.url });
  const redrive = (...flags: string[]) =>
    runCli('redrive', ['--queue-url', sqs.queueUrl, ...STACK_FLAGS, ...flags], env);
  return { sqs, sns, dynamo, redrive };
}

const queue = () => [lambdaFailureOf(eventOf(root as never)), JSON.stringify(eventOf(anaya as never))];

describe('redrive of the fast path', () => {
  it('previews an EventBridge invocation that failed and an event its rule dead-lettered', async () => {
    const { redrive } = await start(queue());

    const { code, stdout } = await redrive();

    expect(code).toBe(0);
    expect(linesWith(stdout, 'would announce')).toHaveLength(2);
  });

  it('announces both, deletes them, and does not announce twice what the other path announced', async () => {
    const { sqs, sns, dynamo, redrive } = await start(queue());
    await seedAnnounced(dynamo, [anaya.eventID]);

    const { code, stdout } = await redrive('--execute');

    expect(code).toBe(0);
    expect(linesWith(stdout, 'EventBridge event: announced')).toHaveLength(2);
    expect(announcedEventIds(sns.delivered)).toEqual([root.eventID]);
    expect(sqs.messages()).toEqual([]);
  });
});
