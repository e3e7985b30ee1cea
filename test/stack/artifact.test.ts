/**
 * End to end through the artifact a deploy uploads: the packaged `notifier.zip`, unzipped and run
 * in a plain `node` process against a loopback SNS, the way the Lambda runtime would load it (see
 * support/packaged-handler.ts).
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import { cloudTrailRecord } from '../../testing/events.js';
import { startLoopbackOrganizations } from '../../testing/organizations-loopback.js';
import { type LoopbackSns, startLoopbackSns } from '../../testing/sns-loopback.js';
import {
  attributeValues,
  filesUnder,
  invokePackagedHandler,
  snsEnvironment,
  TOPIC_ARN,
  unpackHandler,
} from '../support/packaged-handler.js';
import { messageErrors } from '../support/schemas.js';
import { packageService, SERVICE_DIR } from '../support/serverless-package.js';

const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;
/** Left to the Lambda runtime's SDK (serverless.yml, esbuild `exclude`), required on the first lookup. */
const RUNTIME_PROVIDED = ['@aws-sdk/client-organizations', '@aws-sdk/client-iam'];

describe('packaged notifier artifact', () => {
  let outDir: string;
  let unzipped: string;
  let handlerFile: string;
  let sns: LoopbackSns;

  beforeAll(async () => {
    outDir = await packageService();
    ({ dir: unzipped, handlerFile } = await unpackHandler(
      outDir,
      'notifier.zip',
      'src/handlers/cloudwatch-logs.js',
    ));
  });

  afterAll(async () => {
    await sns?.close();
    // outDir is the run's shared packaging (support/serverless-package.ts): only the copy goes.
    if (unzipped) await rm(unzipped, { recursive: true, force: true });
  });

  it('holds one bundled, minified handler and nothing else', async () => {
    const dependencies = Object.keys(
      JSON.parse(await readFile(join(SERVICE_DIR, 'package.json'), 'utf8')).dependencies as object,
    );
    const files = (await filesUnder(unzipped)).filter((file) => file !== 'handler.cjs');
    const bundle = await readFile(join(unzipped, 'src', 'handlers', 'cloudwatch-logs.js'), 'utf8');
    const lines = bundle.split('\n');

    expect(files).toEqual(['src/handlers/cloudwatch-logs.js']);
    expect((await stat(join(unzipped, 'src', 'handlers', 'cloudwatch-logs.js'))).size).toBeLessThan(
      MAX_BUNDLE_BYTES,
    );
    expect(bundle.length / lines.length).toBeGreaterThan(1000);
    for (const dependency of dependencies.filter((name) => !RUNTIME_PROVIDED.includes(name))) {
      expect(bundle).not.toMatch(new RegExp(`require\\("${dependency}(/[^"]*)?"\\)`));
    }
    // Required, not bundled; the other tests load the bundle where they cannot be resolved: lazily.
    for (const dependency of RUNTIME_PROVIDED) expect(bundle).toContain(`require("${dependency}")`);
  });

  it('publishes one message per sign-in to the topic in PublishBatch requests', async () => {
    sns = await startLoopbackSns();
    const rootSuccess = cloudTrailRecord('console-login/aws-docs-ct-root-success-no-mfa');
    const event = deliveryOf([
      rootSuccess,
      cloudTrailRecord('console-login/aws-docs-ct-iam-user-failure'),
      cloudTrailRecord('console-login/panther-sso-assumedrole-success'),
      rootSuccess,
      cloudTrailRecord('check-mfa/aws-docs-ct-u2f'),
    ]);

    const { exitCode, output } = await invokePackagedHandler(handlerFile, snsEnvironment(sns), event);

    expect(exitCode).toBe(0);
    expect(output.report).toEqual({
      messageType: 'DATA_MESSAGE',
      records: 5,
      signIns: 4,
      announced: 3,
      filtered: 0,
      duplicates: 1,
      malformed: 0,
      otherEvents: 0,
      steps: 1,
      notListed: 0,
      parked: 0,
      dedupeUnavailable: 0,
    });
    expect(sns.requests.map((request) => request.action)).toEqual(['PublishBatch']);
    const entries = sns.requests.flatMap((request) => request.entries);
    expect(entries.map((entry) => entry.topicArn)).toEqual([TOPIC_ARN, TOPIC_ARN, TOPIC_ARN]);
    expect(entries.map((entry) => entry.subject)).toEqual([
      'ROOT console sign-in: root @ 111122223333 (us-east-1)',
      'Console sign-in FAILED: anaya @ 111122223333 (us-east-1)',
      'Console sign-in: foo@bar.com @ xxx (us-east-2)',
    ]);
    expect(entries.map((entry) => attributeValues(entry.attributes))).toEqual([
      expect.objectContaining({
        outcome: 'Success',
        identityType: 'Root',
        user: 'root',
        severity: 'critical',
      }),
      expect.objectContaining({
        outcome: 'Failure',
        identityType: 'IAMUser',
        user: 'anaya',
        severity: 'medium',
      }),
      expect.objectContaining({ outcome: 'Success', user: 'foo@bar.com', mfa: 'No', severity: 'info' }),
    ]);
    for (const entry of entries) {
      expect(entry.messageStructure).toBe('json');
      expect(JSON.parse(entry.message)).toHaveProperty('default', expect.stringContaining('Event ID:'));
      // The machine bodies and the chat card, as the zip renders them, within schema/.
      expect(messageErrors(entry)).toEqual([]);
      expect(JSON.parse(JSON.parse(entry.message).https)).toMatchObject({ version: '1.0', source: 'custom' });
    }
  });

  it('announces or skips every sign-in event as the contract table says, and asks no one for names', async () => {
    sns = await startLoopbackSns();
    const derived = (name: string, eventID: string, changes: Record<string, unknown>) => ({
      ...cloudTrailRecord(name),
      eventID,
      ...changes,
    });
    const event = deliveryOf([
      cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa'),
      derived('check-mfa/aws-docs-ct-u2f', 'check-mfa-failed', { responseElements: { CheckMfa: 'Failure' } }),
      cloudTrailRecord('check-mfa/aws-docs-ct-u2f'),
      cloudTrailRecord('user-authentication/aws-docs-sso-unknown-password'),
      cloudTrailRecord('credential-verification/aws-docs-sso-unknown-password-failure'),
      cloudTrailRecord('credential-verification/aws-docs-sso-unknown-totp-success'),
      cloudTrailRecord('credential-challenge/aws-docs-sso-unknown-totp'),
      cloudTrailRecord('root-credentials/panther-root-passwordupdated-success'),
      derived('root-credentials/aws-docs-ct-password-updated', 'recovery', {
        eventName: 'PasswordRecoveryRequested',
        responseElements: { PasswordRecoveryRequested: 'Success' },
      }),
      cloudTrailRecord('switch-role/davxiao-cross-account'),
      cloudTrailRecord('get-signin-token/panther-assumedrole-python-requests'),
      derived('console-login/aws-docs-ct-root-failure', 'assume-role', { eventSource: 'sts.amazonaws.com' }),
    ]);

    const { exitCode, output } = await invokePackagedHandler(handlerFile, snsEnvironment(sns), event);

    expect(exitCode).toBe(0);
    expect(output.report).toMatchObject({
      records: 12,
      announced: 6,
      steps: 3,
      notListed: 2,
      otherEvents: 1,
    });
    const entries = sns.requests.flatMap((request) => request.entries);
    expect(entries.map((entry) => [entry.subject, attributeValues(entry.attributes).severity])).toEqual([
      ['ROOT console sign-in: root @ 111122223333 (us-east-1)', 'critical'],
      ['Console sign-in FAILED at the MFA step: anaya @ 111122223333 (us-east-1)', 'high'],
      ['Identity Center sign-in WITHOUT MFA: user1 @ 111122223333 (us-east-1)', 'high'],
      ['Identity Center sign-in FAILED: wrong password: user1 @ 111122223333 (us-east-1)', 'medium'],
      ['ROOT password changed: root @ 123456789012 (us-east-1)', 'critical'],
      ['ROOT password recovery requested: root @ 111122223333 (us-east-1)', 'critical'],
    ]);
  });

  it('names accounts through the runtime’s Organizations client, which it does not bundle', async () => {
    sns = await startLoopbackSns();
    const organizations = await startLoopbackOrganizations({ accounts: { '111122223333': 'prod-payments' } });
    const env = {
      ...snsEnvironment(sns),
      ACCOUNT_NAME_LOOKUP: 'organizations',
      AWS_ENDPOINT_URL_ORGANIZATIONS: organizations.url,
      // The Lambda runtime puts its own SDK on NODE_PATH; the project's node_modules stand in for it.
      NODE_PATH: join(SERVICE_DIR, 'node_modules'),
    };

    try {
      const event = deliveryOf([cloudTrailRecord('console-login/aws-docs-ct-root-failure')]);
      const { exitCode } = await invokePackagedHandler(handlerFile, env, event);

      expect(exitCode).toBe(0);
      expect(organizations.requests.map(({ body }) => body.AccountId)).toEqual(['111122223333']);
      const [entry] = sns.requests.flatMap((request) => request.entries);
      expect(entry && attributeValues(entry.attributes).accountName).toBe('prod-payments');
      expect(entry?.subject).toBe('Console sign-in FAILED: root @ prod-payments (111122223333), us-east-1');
    } finally {
      await organizations.close();
    }
  });

  it('fails at load, naming USER_ALLOWLIST, when the allowlist has an empty pattern', async () => {
    const env = { TOPIC_ARN, AWS_REGION: 'us-east-1', USER_ALLOWLIST: 'alice,,bob' };

    const { exitCode, output } = await invokePackagedHandler(handlerFile, env, {});

    expect(exitCode).not.toBe(0);
    expect(output.loadError?.name).toBe('ConfigError');
    expect(output.loadError?.message).toContain('USER_ALLOWLIST');
  });

  it('fails at load, naming TOPIC_ARN, when no topic is set', async () => {
    const env = { AWS_REGION: 'us-east-1' };

    const { exitCode, output } = await invokePackagedHandler(handlerFile, env, {});

    expect(exitCode).not.toBe(0);
    expect(output.loadError?.name).toBe('ConfigError');
    expect(output.loadError?.message).toContain('TOPIC_ARN');
  });
});
