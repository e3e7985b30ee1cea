/**
 * Runs `replay`, `redrive` and `doctor` the way a person does, `npx tsx cli/<command>.ts …`, in a
 * child process whose environment is built from scratch: dummy credentials and the loopbacks'
 * endpoints, nothing of the machine's own AWS setup. Also what the command tests share: the
 * stack's names, and the dedupe table as the Lambda leaves it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoopbackDynamo, startLoopbackDynamo } from '../../testing/dynamodb-loopback.js';
import { type LoopbackSnsOptions, startLoopbackSns, type WireMessage } from '../../testing/sns-loopback.js';

const SERVICE_DIR = join(import.meta.dirname, '..', '..');
export const REGION = 'eu-west-1';
export const TOPIC_ARN = `arn:aws:sns:${REGION}:111122223333:console-login-notifier-test-topic`;
export const TABLE = 'console-login-notifier-test-announced';
/** The flags that point a command at the stack's topic and dedupe table. */
export const STACK_FLAGS = ['--topic-arn', TOPIC_ARN, '--dedupe-table', TABLE];

export interface Endpoints {
  readonly sns?: string;
  readonly logs?: string;
  readonly dynamodb?: string;
  readonly sqs?: string;
  readonly cloudformation?: string;
  readonly cloudtrail?: string;
  readonly cloudwatch?: string;
}

export interface CliResult {
  /** The exit code; null when the process was killed. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cliEnv(endpoints: Endpoints): NodeJS.ProcessEnv {
  return {
    ...withoutCredentials(endpoints),
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'loopback-secret',
  };
}

/** Shared by every run: empty, so it names no profile and no credentials. */
const EMPTY_FILE = join(tmpdir(), 'console-login-notifier-cli-empty');

/** No keys, and config and credentials files that name no profile: a machine never set up for AWS. */
export function withoutCredentials(endpoints: Endpoints): NodeJS.ProcessEnv {
  writeFileSync(EMPTY_FILE, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: REGION,
    AWS_CONFIG_FILE: EMPTY_FILE,
    AWS_SHARED_CREDENTIALS_FILE: EMPTY_FILE,
    // Nor an instance role: the runner may be a cloud VM with a metadata endpoint of its own.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  if (endpoints.sns) env.AWS_ENDPOINT_URL_SNS = endpoints.sns;
  if (endpoints.logs) env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = endpoints.logs;
  if (endpoints.dynamodb) env.AWS_ENDPOINT_URL_DYNAMODB = endpoints.dynamodb;
  if (endpoints.sqs) env.AWS_ENDPOINT_URL_SQS = endpoints.sqs;
  if (endpoints.cloudformation) env.AWS_ENDPOINT_URL_CLOUDFORMATION = endpoints.cloudformation;
  if (endpoints.cloudtrail) env.AWS_ENDPOINT_URL_CLOUDTRAIL = endpoints.cloudtrail;
  if (endpoints.cloudwatch) env.AWS_ENDPOINT_URL_CLOUDWATCH = endpoints.cloudwatch;
  return env;
}

const open: { close(): Promise<void> }[] = [];
const running = new Set<number>();

/** Closes the loopback after the test, in `cleanUp`. */
export function track<L extends { close(): Promise<void> }>(loopback: L): L {
  open.push(loopback);
  return loopback;
}

/** The stack's topic and dedupe table, on loopbacks. */
export async function startStack(snsOptions: LoopbackSnsOptions = {}) {
  const sns = track(await startLoopbackSns(snsOptions));
  const dynamo = track(await startLoopbackDynamo({ tables: [{ name: TABLE, hashKey: 'pk' }] }));
  return { sns, dynamo };
}

/** For afterEach: ends the commands still running, then closes every loopback. */
export async function cleanUp(): Promise<void> {
  stopCommands();
  await Promise.all(open.splice(0).map((loopback) => loopback.close()));
}

export function runCli(
  command: 'replay' | 'redrive' | 'doctor',
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'npx',
      ['tsx', `cli/${command}.ts`, ...args],
      { cwd: SERVICE_DIR, env },
      (error, stdout, stderr) => {
        if (child.pid) running.delete(child.pid);
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (child.pid) running.add(child.pid);
  });
}

/**
 * Ends the commands a failed test left running, children first: npx does not pass a signal on to
 * the tsx and node processes under it.
 */
function stopCommands(): void {
  for (const pid of running) {
    for (const descendant of descendantsOf(pid).reverse()) signal(descendant);
    signal(pid);
  }
  running.clear();
}

function descendantsOf(pid: number): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Lines of output that contain `text`. */
export function linesWith(output: string, text: string): string[] {
  return output.split('\n').filter((line) => line.includes(text));
}

/** The eventID in the machine-readable document of each message subscribers received. */
export function announcedEventIds(delivered: readonly WireMessage[]): string[] {
  return delivered.map(({ message }) => JSON.parse(JSON.parse(message).sqs).eventId).sort();
}

/** The dedupe table as the Lambda leaves it after announcing these sign-ins. */
export async function seedAnnounced(dynamo: LoopbackDynamo, eventIds: readonly string[]): Promise<void> {
  await dynamo.seed(
    TABLE,
    eventIds.map((eventId) => ({
      pk: { S: eventId },
      state: { S: 'announced' },
      announcedAt: { S: '2024-05-01T10:00:05.000Z' },
      expiresAt: { N: String(Math.floor(Date.now() / 1000) + 86_400) },
    })),
  );
}

/** The dedupe table's items: eventID → state. */
export async function dedupeStates(dynamo: LoopbackDynamo): Promise<Record<string, string | undefined>> {
  const items = await dynamo.items(TABLE);
  return Object.fromEntries(items.map((item) => [item.pk?.S, item.state?.S]));
}
