/**
 * The fast path's own artifact, `fastPath.zip`, unzipped and run in a plain `node` process the way
 * the Lambda runtime loads it (see support/packaged-handler.ts): it announces an EventBridge event
 * to the loopback SNS, says `via` eventbridge, and skips an event that is not AWS Sign-In's.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvent } from '../../testing/events.js';
import { type LoopbackSns, startLoopbackSns } from '../../testing/sns-loopback.js';
import {
  filesUnder,
  invokePackagedHandler,
  snsEnvironment,
  unpackHandler,
} from '../support/packaged-handler.js';
import { packageService } from '../support/serverless-package.js';

describe('packaged fast path artifact', () => {
  let unzipped: string;
  let handlerFile: string;
  let sns: LoopbackSns;

  beforeAll(async () => {
    ({ dir: unzipped, handlerFile } = await unpackHandler(
      await packageService(),
      'fastPath.zip',
      'src/handlers/eventbridge.js',
    ));
    sns = await startLoopbackSns();
  });

  afterAll(async () => {
    await sns?.close();
    if (unzipped) await rm(unzipped, { recursive: true, force: true });
  });

  it('holds its one bundled handler', async () => {
    expect((await filesUnder(unzipped)).filter((file) => file !== 'handler.cjs')).toEqual([
      'src/handlers/eventbridge.js',
    ]);
  });

  it('announces the sign-in of an EventBridge event, via eventbridge', async () => {
    const event = readEvent('eventbridge/aws-docs-eventbridge-root-consolelogin-no-version');

    const { exitCode, output } = await invokePackagedHandler(handlerFile, snsEnvironment(sns), event);

    expect(exitCode).toBe(0);
    expect(output).toMatchObject({ report: { announced: 1 } });
    const [message] = sns.delivered;
    expect(JSON.parse(JSON.parse(message?.message ?? '{}').sqs).via).toBe('eventbridge');
  });

  it('skips an event of another source and succeeds', async () => {
    const before = sns.delivered.length;

    const { exitCode, output } = await invokePackagedHandler(handlerFile, snsEnvironment(sns), {
      id: '1',
      'detail-type': 'EC2 Instance State-change Notification',
      source: 'aws.ec2',
      account: '111122223333',
      region: 'us-east-1',
      detail: {},
    });

    expect(exitCode).toBe(0);
    expect(output).toMatchObject({ report: { malformed: 1, announced: 0 } });
    expect(sns.delivered.length).toBe(before);
  });
});
