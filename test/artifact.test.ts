/**
 * End to end through the artifact a deploy uploads: the packaged `notifier.zip`, unzipped and run
 * in a plain `node` process against a loopback SNS, the way the Lambda runtime would load it.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryOf, readFixture } from '../scripts/deliveries.js';
import { type LoopbackSns, startLoopbackSns } from '../scripts/sns-loopback.js';
import { packageService, SERVICE_DIR } from './support/serverless-package.js';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:sign-ins';
const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;
/** No logs and no SDK warning: the child's stdout is the one JSON line it prints. */
const QUIET = { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1' };

/** Loads the handler like the Lambda runtime (CommonJS), invokes it once, prints one JSON line. */
const INVOKE_SCRIPT = `
let handler;
try {
  ({ handler } = require(process.argv[1]));
} catch (error) {
  console.log(JSON.stringify({ loadError: { name: error.name, message: error.message } }));
  process.exit(1);
}
let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  try {
    console.log(JSON.stringify({ report: await handler(JSON.parse(input)) }));
  } catch (error) {
    console.log(JSON.stringify({ invokeError: { name: error.name, message: error.message } }));
    process.exitCode = 1;
  }
});
`;

interface InvokeResult {
  readonly exitCode: number;
  readonly output: {
    report?: Record<string, unknown>;
    loadError?: { name: string; message: string };
    invokeError?: { name: string; message: string };
  };
}

async function extractZip(zip: string, into: string): Promise<void> {
  const run = promisify(execFile);
  const hasUnzip = await run('which', ['unzip']).then(
    () => true,
    () => false,
  );
  if (hasUnzip) await run('unzip', ['-q', zip, '-d', into]);
  else await run('python3', ['-m', 'zipfile', '-e', zip, into]);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Runs the packaged handler in a child `node` with only this environment and feeds it the event. */
function invokePackagedHandler(handlerFile: string, env: Record<string, string>, event: unknown) {
  return new Promise<InvokeResult>((resolve) => {
    const child = execFile(
      process.execPath,
      ['-e', INVOKE_SCRIPT, handlerFile],
      { env: { PATH: process.env.PATH ?? '', ...QUIET, ...env }, timeout: 30_000 },
      (error, stdout) => {
        const lastLine = stdout.trim().split('\n').at(-1) ?? '';
        resolve({
          exitCode: error ? Number(error.code ?? 1) : 0,
          output: lastLine ? JSON.parse(lastLine) : {},
        });
      },
    );
    child.stdin?.end(JSON.stringify(event));
  });
}

function snsEnvironment(sns: LoopbackSns): Record<string, string> {
  return {
    TOPIC_ARN,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'loopback-secret',
    AWS_ENDPOINT_URL_SNS: sns.url,
  };
}

describe('packaged notifier artifact', () => {
  let outDir: string;
  let unzipped: string;
  let handlerFile: string;
  let sns: LoopbackSns;

  beforeAll(async () => {
    outDir = await packageService();
    unzipped = await mkdtemp(join(tmpdir(), 'console-login-notifier-zip-'));
    await extractZip(join(outDir, 'notifier.zip'), unzipped);
    // As .cjs, so that no package.json with "type": "module" above it can make node load it as ESM.
    handlerFile = join(unzipped, 'handler.cjs');
    await copyFile(join(unzipped, 'src', 'handler.js'), handlerFile);
  });

  afterAll(async () => {
    await sns?.close();
    await Promise.all([outDir, unzipped].map((dir) => dir && rm(dir, { recursive: true, force: true })));
  });

  it('holds one bundled, minified handler and nothing else', async () => {
    const dependencies = Object.keys(
      JSON.parse(await readFile(join(SERVICE_DIR, 'package.json'), 'utf8')).dependencies as object,
    );
    const files = (await filesUnder(unzipped)).filter((file) => file !== 'handler.cjs');
    const bundle = await readFile(join(unzipped, 'src', 'handler.js'), 'utf8');
    const lines = bundle.split('\n');

    expect(files).toEqual(['src/handler.js']);
    expect((await stat(join(unzipped, 'src', 'handler.js'))).size).toBeLessThan(MAX_BUNDLE_BYTES);
    expect(bundle.length / lines.length).toBeGreaterThan(1000);
    for (const dependency of dependencies) {
      expect(bundle).not.toMatch(new RegExp(`require\\("${dependency}(/[^"]*)?"\\)`));
    }
  });

  it('publishes one message per sign-in to the topic in PublishBatch requests', async () => {
    sns = await startLoopbackSns();
    const rootSuccess = readFixture('aws-docs-ct-root-success-no-mfa');
    const event = deliveryOf([
      rootSuccess,
      readFixture('aws-docs-ct-iam-user-failure'),
      readFixture('panther-sso-assumedrole-success'),
      rootSuccess,
      readFixture('aws-docs-ct-checkmfa-u2f'),
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
      otherEvents: 1,
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

function attributeValues(attributes: Record<string, { dataType: string; value: string }>) {
  for (const { dataType } of Object.values(attributes)) expect(dataType).toBe('String');
  return Object.fromEntries(Object.entries(attributes).map(([name, { value }]) => [name, value]));
}
