/**
 * Exactly once across the two paths, through the artifacts a deploy uploads (issue 9): the packaged
 * notifier and fast path, each run in a plain `node` process as the Lambda runtime would, against
 * one loopback SNS and one loopback dedupe table, as the two functions share them.
 */
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import { type LoopbackDynamo, startLoopbackDynamo } from '../../testing/dynamodb-loopback.js';
import { cloudTrailRecord } from '../../testing/events.js';
import { type LoopbackSns, startLoopbackSns } from '../../testing/sns-loopback.js';
import { eventOf } from '../support/notifier.js';
import { invokePackagedHandler, snsEnvironment, unpackHandler } from '../support/packaged-handler.js';
import { packageService } from '../support/serverless-package.js';

const TABLE = 'console-login-notifier-prod-announced';
const record = cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa') as { eventID: string };

describe('packaged artifacts, one sign-in on two paths', () => {
  let unpacked: { dir: string; handlerFile: string }[] = [];
  let notifier: string;
  let fastPath: string;
  let sns: LoopbackSns;
  let dynamo: LoopbackDynamo;
  const run = (handlerFile: string, event: unknown) =>
    invokePackagedHandler(
      handlerFile,
      { ...snsEnvironment(sns), AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, DEDUPE_TABLE_NAME: TABLE },
      event,
    );

  beforeAll(async () => {
    const outDir = await packageService();
    unpacked = await Promise.all([
      unpackHandler(outDir, 'notifier.zip', 'src/handlers/cloudwatch-logs.js'),
      unpackHandler(outDir, 'fastPath.zip', 'src/handlers/eventbridge.js'),
    ]);
    [notifier, fastPath] = unpacked.map(({ handlerFile }) => handlerFile) as [string, string];
  });

  afterEach(async () => {
    await Promise.all([sns?.close(), dynamo?.close()]);
  });

  afterAll(async () => {
    await Promise.all(unpacked.map(({ dir }) => rm(dir, { recursive: true, force: true })));
  });

  async function start() {
    sns = await startLoopbackSns();
    dynamo = await startLoopbackDynamo({ tables: [{ name: TABLE, hashKey: 'pk' }] });
  }

  it.each([
    [
      'the fast path first',
      () => [fastPath, eventOf(record as never)],
      () => [notifier, deliveryOf([record])],
    ],
    [
      'the CloudWatch Logs path first',
      () => [notifier, deliveryOf([record])],
      () => [fastPath, eventOf(record as never)],
    ],
  ] as const)('announces once with %s, and suppresses the twin', async (_case, first, second) => {
    await start();
    const [firstFile, firstEvent] = first();
    const [secondFile, secondEvent] = second();

    const a = await run(firstFile as string, firstEvent);
    const b = await run(secondFile as string, secondEvent);

    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect(a.output).toMatchObject({ report: { announced: 1 } });
    expect(b.output).toMatchObject({ report: { announced: 0, duplicates: 1 } });
    expect(sns.delivered).toHaveLength(1);
  });

  it('announces once when both run at the same time; the one that lost fails, for Lambda to retry', async () => {
    await start();

    const outcomes = await Promise.all([
      run(fastPath, eventOf(record as never)),
      run(notifier, deliveryOf([record])),
    ]);
    const retried = await run(notifier, deliveryOf([record]));

    expect(sns.delivered).toHaveLength(1);
    // Either both saw the table in turn (the second a duplicate), or one found the other's live claim.
    for (const { exitCode, output } of outcomes) {
      if (exitCode !== 0) expect(JSON.stringify(output)).toContain('ClaimHeldError');
    }
    expect(retried.output).toMatchObject({ report: { announced: 0, duplicates: 1 } });
  });
});
