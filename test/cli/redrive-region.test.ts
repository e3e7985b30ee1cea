/**
 * `npm run redrive` where it used to give up early (issue 7, case 7): a region from
 * AWS_DEFAULT_REGION or --region, and a dry run that outlasts the queue's visibility timeout,
 * which must still list every message once rather than stop at the first one it sees again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackDynamo } from '../../testing/dynamodb-loopback.js';
import { cloudTrailRecord } from '../../testing/events.js';
import { startLoopbackSns } from '../../testing/sns-loopback.js';
import { startLoopbackSqs } from '../../testing/sqs-loopback.js';
import { cleanUp, cliEnv, linesWith, runCli, STACK_FLAGS, TABLE, track } from '../support/cli.js';
import { type CloudTrailRecord, parkedSignIn } from '../support/queue-messages.js';

afterEach(cleanUp);

const record = cloudTrailRecord('console-login/aws-docs-ct-iam-user-success-no-mfa') as CloudTrailRecord;
const signIn = (n: number) => parkedSignIn({ ...record, eventID: `redrive-${n}` });

async function start(count: number, { visibilityTimeoutMs = 30_000, dynamoLatencyMs = 0 } = {}) {
  const sqs = track(await startLoopbackSqs({ visibilityTimeoutMs }));
  const sns = track(await startLoopbackSns());
  const dynamo = track(
    await startLoopbackDynamo({ tables: [{ name: TABLE, hashKey: 'pk' }], latencyMs: dynamoLatencyMs }),
  );
  for (let n = 0; n < count; n++) sqs.send(signIn(n));
  const env = cliEnv({ sns: sns.url, dynamodb: dynamo.url });
  const redrive = (flags: string[], environment = env) =>
    runCli('redrive', ['--queue-url', sqs.queueUrl, ...STACK_FLAGS, ...flags], environment);
  return { sqs, sns, env, redrive };
}

describe('redrive regions', () => {
  it('takes the region from AWS_DEFAULT_REGION when AWS_REGION is unset', async () => {
    const { sns, env, redrive } = await start(2);
    const { AWS_REGION, ...withoutRegion } = env;

    const { code, stderr } = await redrive(['--execute'], {
      ...withoutRegion,
      AWS_DEFAULT_REGION: AWS_REGION,
    });

    expect(stderr).not.toContain('Region is missing');
    expect(code).toBe(0);
    expect(sns.delivered).toHaveLength(2);
  });

  it('takes the region from --region', async () => {
    const { sns, env, redrive } = await start(1);
    const { AWS_REGION, ...withoutRegion } = env;

    const { code } = await redrive(['--execute', '--region', String(AWS_REGION)], withoutRegion);

    expect(code).toBe(0);
    expect(sns.delivered).toHaveLength(1);
  });
});

describe('a redrive dry run longer than the visibility timeout', () => {
  it('lists every message once, and leaves them all in the queue', async () => {
    const { sqs, redrive } = await start(25, { visibilityTimeoutMs: 400, dynamoLatencyMs: 100 });

    const { code, stdout } = await redrive([]);

    expect(linesWith(stdout, 'would announce')).toHaveLength(25);
    expect(code).toBe(0);
    expect(sqs.messages()).toHaveLength(25);
  });
});
