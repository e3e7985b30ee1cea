/**
 * Runs the bundle of the packaged `notifier.zip` the way the Lambda runtime would load it: the zip
 * unzipped, the handler required in a plain `node` process with only the environment given, one
 * event fed on stdin, and what it returned or threw read back as one JSON line.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { LoopbackSns } from '../../testing/sns-loopback.js';

export const TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:sign-ins';
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

export interface InvokeResult {
  readonly exitCode: number;
  readonly output: {
    report?: Record<string, unknown>;
    loadError?: { name: string; message: string };
    invokeError?: { name: string; message: string };
  };
}

export async function extractZip(zip: string, into: string): Promise<void> {
  const run = promisify(execFile);
  const hasUnzip = await run('which', ['unzip']).then(
    () => true,
    () => false,
  );
  if (hasUnzip) await run('unzip', ['-q', zip, '-d', into]);
  else await run('python3', ['-m', 'zipfile', '-e', zip, into]);
}

export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Unzips one function's artifact into a fresh folder, with its handler copied as .cjs, so that no
 * package.json with "type": "module" above it can make node load it as ESM.
 */
export async function unpackHandler(outDir: string, zip: string, handlerPath: string) {
  const dir = await mkdtemp(join(tmpdir(), 'console-login-notifier-zip-'));
  await extractZip(join(outDir, zip), dir);
  const handlerFile = join(dir, 'handler.cjs');
  await copyFile(join(dir, handlerPath), handlerFile);
  return { dir, handlerFile };
}

/** Runs the packaged handler in a child `node` with only this environment and feeds it the event. */
export function invokePackagedHandler(handlerFile: string, env: Record<string, string>, event: unknown) {
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

export function snsEnvironment(sns: LoopbackSns): Record<string, string> {
  return {
    TOPIC_ARN,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'loopback-secret',
    AWS_ENDPOINT_URL_SNS: sns.url,
    ACCOUNT_NAME_LOOKUP: 'off',
  };
}

/** The message attributes of a PublishBatch entry, name to value, after checking each is a String. */
export function attributeValues(attributes: Record<string, { dataType: string; value: string }>) {
  for (const { dataType } of Object.values(attributes)) expect(dataType).toBe('String');
  return Object.fromEntries(Object.entries(attributes).map(([name, { value }]) => [name, value]));
}
