/**
 * What `npm run replay` reads in the command tests: a log group on the loopback CloudWatch Logs
 * holding the sign-ins of real CloudTrail records in a window, and around them what the window
 * leaves out; and the stack's topic and table on loopbacks, to run replay against.
 */
import { cloudTrailRecord } from '../../testing/events.js';
import { type LoopbackLogsOptions, startLoopbackLogs } from '../../testing/logs-loopback.js';
import type { LoopbackSnsOptions } from '../../testing/sns-loopback.js';
import { cliEnv, runCli, startStack, track } from './cli.js';

export const GROUP = 'aws-cloudtrail-logs-111122223333-abcd1234';
export const START = '2024-05-01T10:00:00.000Z';
export const END = '2024-05-01T11:00:00.000Z';
export const WINDOW = ['--log-group', GROUP, '--start', START, '--end', END];
const at = (iso: string, offsetMs: number) => Date.parse(iso) + offsetMs;

export const inWindow = [
  'console-login/aws-docs-ct-iam-user-success-no-mfa',
  'console-login/aws-docs-ct-root-failure',
  'console-login/usiem-flaws-root-success-mfa',
  'console-login/mapbox-iam-user-success-mfa-invalid-ip',
  'console-login/stratus-iam-user-success-no-mfa-detonation',
].map(cloudTrailRecord);
export const before = cloudTrailRecord('console-login/aws-docs-ct-iam-user-failure');
export const after = cloudTrailRecord('console-login/usiem-flaws-hidden-username-failure');
export const idsOf = (records: readonly Record<string, unknown>[]) =>
  records.map(({ eventID }) => String(eventID));
/** The sign-ins ten minutes apart, both bounds included; around them what the window leaves out. */
const events = [
  ...inWindow.map((record, n) => ({
    timestamp: n === 4 ? at(END, 0) : at(START, n * 600_000),
    message: JSON.stringify(record),
  })),
  // A sign-in event that is no sign-in: read (the pattern forwards every one) and skipped as a step.
  { timestamp: at(START, 60_000), message: JSON.stringify(cloudTrailRecord('check-mfa/aws-docs-ct-u2f')) },
  { timestamp: at(START, -1), message: JSON.stringify(before) },
  { timestamp: at(END, 1), message: JSON.stringify(after) },
];

/** The log group holding `events`, the stack's topic and table, all on loopbacks. */
export async function start(options: LoopbackLogsOptions = {}, snsOptions: LoopbackSnsOptions = {}) {
  const logs = track(await startLoopbackLogs({ groups: { [GROUP]: events }, ...options }));
  const { sns, dynamo } = await startStack(snsOptions);
  const endpoints = { logs: logs.url, sns: sns.url, dynamodb: dynamo.url };
  const replay = (args: string[], env = cliEnv(endpoints)) => runCli('replay', args, env);
  return { logs, sns, dynamo, endpoints, replay };
}
