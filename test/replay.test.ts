/**
 * `npm run replay` end to end: the command in a child process, against the loopback CloudWatch
 * Logs, SNS and DynamoDB, with the sign-ins of real CloudTrail records in the log group.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFixture } from '../scripts/deliveries.js';
import { type LoopbackLogsOptions, startLoopbackLogs } from '../scripts/logs-loopback.js';
import {
  announcedEventIds,
  cleanUp,
  cliEnv,
  dedupeStates,
  linesWith,
  REGION,
  runCli,
  STACK_FLAGS,
  seedAnnounced,
  startStack,
  TOPIC_ARN,
  track,
  withoutCredentials,
} from './support/cli.js';

const GROUP = 'aws-cloudtrail-logs-111122223333-abcd1234';
const START = '2024-05-01T10:00:00.000Z';
const END = '2024-05-01T11:00:00.000Z';
const WINDOW = ['--log-group', GROUP, '--start', START, '--end', END];
const at = (iso: string, offsetMs: number) => Date.parse(iso) + offsetMs;

const inWindow = [
  'aws-docs-ct-iam-user-success-no-mfa',
  'aws-docs-ct-root-failure',
  'usiem-flaws-root-success-mfa',
  'mapbox-iam-user-success-mfa-invalid-ip',
  'stratus-iam-user-success-no-mfa-detonation',
].map(readFixture);
const before = readFixture('aws-docs-ct-iam-user-failure');
const after = readFixture('usiem-flaws-hidden-username-failure');
const idsOf = (records: readonly Record<string, unknown>[]) => records.map(({ eventID }) => String(eventID));
/** The sign-ins ten minutes apart, both bounds included; around them what the window leaves out. */
const events = [
  ...inWindow.map((record, n) => ({
    timestamp: n === 4 ? at(END, 0) : at(START, n * 600_000),
    message: JSON.stringify(record),
  })),
  { timestamp: at(START, 60_000), message: JSON.stringify(readFixture('aws-docs-ct-checkmfa-u2f')) },
  { timestamp: at(START, -1), message: JSON.stringify(before) },
  { timestamp: at(END, 1), message: JSON.stringify(after) },
];

/** The log group holding `events`, the stack's topic and table, all on loopbacks. */
async function start(options: LoopbackLogsOptions = {}) {
  const logs = track(await startLoopbackLogs({ groups: { [GROUP]: events }, ...options }));
  const { sns, dynamo } = await startStack();
  const endpoints = { logs: logs.url, sns: sns.url, dynamodb: dynamo.url };
  const replay = (args: string[], env = cliEnv(endpoints)) => runCli('replay', args, env);
  return { logs, sns, dynamo, endpoints, replay };
}
const EXECUTE = [...WINDOW, ...STACK_FLAGS, '--execute'];

afterEach(cleanUp);

describe('replay, dry run (the default)', () => {
  it('prints one "would announce" line per sign-in of the window and publishes or records nothing', async () => {
    const { logs, sns, dynamo, replay } = await start();

    const { code, stdout, stderr } = await replay([...WINDOW, ...STACK_FLAGS]);

    expect(code).toBe(0);
    expect(linesWith(stdout, 'would announce')).toHaveLength(5);
    for (const id of idsOf(inWindow)) expect(linesWith(stdout, `(eventID ${id})`)).toHaveLength(1);
    for (const id of idsOf([before, after])) expect(stdout).not.toContain(id);
    expect(stderr).toContain('dry run: nothing is published');
    expect(logs.requests.map(({ body }) => body)).toEqual([
      {
        logGroupName: GROUP,
        startTime: Date.parse(START),
        endTime: Date.parse(END),
        filterPattern: '{ $.eventName = "ConsoleLogin" }',
      },
    ]);
    expect(sns.requests).toEqual([]);
    expect(dynamo.requests.filter(({ operation }) => operation !== 'GetItem')).toEqual([]);
  });

  it('says which sign-ins of the window are already announced, reading the dedupe table only', async () => {
    const { dynamo, replay } = await start();
    const [announcedByLambda] = idsOf(inWindow);
    await seedAnnounced(dynamo, [announcedByLambda as string]);

    const { code, stdout } = await replay([...WINDOW, ...STACK_FLAGS]);

    expect(code).toBe(0);
    expect(linesWith(stdout, 'would announce')).toHaveLength(4);
    expect(linesWith(stdout, `already announced`)).toEqual([
      expect.stringContaining(`(eventID ${announcedByLambda})`),
    ]);
    expect(dynamo.requests.map(({ operation }) => operation)).toEqual(Array(5).fill('GetItem'));
  });

  it('follows nextToken over several pages and reports progress on stderr', async () => {
    const { logs, replay } = await start({ pageSize: 2 });

    const { code, stdout, stderr } = await replay([...WINDOW, ...STACK_FLAGS]);

    expect(code).toBe(0);
    expect(linesWith(stdout, 'would announce')).toHaveLength(5);
    expect(logs.requests.map(({ body }) => body.nextToken === undefined)).toEqual([true, false, false]);
    expect(linesWith(stderr, 'page ')).toEqual([
      '  page 1: 2 records so far, up to 2024-05-01T10:10:00.000Z',
      '  page 2: 4 records so far, up to 2024-05-01T10:30:00.000Z',
      '  page 3: 5 records so far, up to 2024-05-01T11:00:00.000Z',
    ]);
    expect(stderr).toContain('done: 5 records; run again with --execute to announce them');
  });
});

describe('replay --execute', () => {
  it('announces each sign-in once, and a second run of the same window announces nothing', async () => {
    const { sns, dynamo, replay } = await start();

    const first = await replay(EXECUTE);
    const second = await replay(EXECUTE);

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(announcedEventIds(sns.delivered)).toEqual(idsOf(inWindow).sort());
    expect(first.stderr).toContain('done: 5 records, 5 announced, 0 already announced');
    expect(second.stderr).toContain('done: 5 records, 0 announced, 5 already announced');
    expect(Object.values(await dedupeStates(dynamo))).toEqual(Array(5).fill('announced'));
  });

  it('does not announce again a sign-in the Lambda already announced', async () => {
    const { sns, dynamo, replay } = await start();
    const [announcedByLambda, ...others] = idsOf(inWindow);
    await seedAnnounced(dynamo, [announcedByLambda as string]);

    const { code, stderr } = await replay(EXECUTE);

    expect(code).toBe(0);
    expect(announcedEventIds(sns.delivered)).toEqual(others.sort());
    expect(stderr).toContain('4 announced, 1 already announced');
  });

  it('refuses to announce without the dedupe table, the one thing that keeps it from announcing twice', async () => {
    const { sns, replay } = await start();

    const { code, stderr } = await replay([...WINDOW, '--topic-arn', TOPIC_ARN, '--execute']);

    expect(code).toBe(2);
    expect(stderr).toContain('--dedupe-table');
    expect(sns.requests).toEqual([]);
  });

  it('keeps the dedupe table when the region comes from --region alone', async () => {
    const { sns, endpoints, replay } = await start();
    const env = { ...cliEnv(endpoints), AWS_REGION: undefined };
    const args = [...WINDOW, ...STACK_FLAGS, '--region', REGION, '--execute'];

    await replay(args, env);
    const second = await replay(args, env);

    expect(second.code).toBe(0);
    expect(announcedEventIds(sns.delivered)).toEqual(idsOf(inWindow).sort());
  });
});

describe('replay errors', () => {
  it('says how to provide credentials when there are none', async () => {
    const { logs, endpoints, replay } = await start();

    const { code, stderr } = await replay(WINDOW, withoutCredentials(endpoints));

    expect(code).toBe(1);
    expect(stderr).toContain('replay: No AWS credentials found: set AWS_PROFILE');
    expect(logs.requests).toEqual([]);
  });

  it('names the log group and the region when the log group does not exist', async () => {
    const { replay } = await start();

    const { code, stderr } = await replay(['--log-group', 'CloudTrail/Typo', '--start', START, '--end', END]);

    expect(code).toBe(1);
    expect(stderr).toContain(`replay: Log group "CloudTrail/Typo" does not exist in ${REGION}`);
  });

  it('says the requests are throttled when every attempt is', async () => {
    const { logs, replay } = await start({
      reply: () => ({ kind: 'error', status: 400, code: 'ThrottlingException', message: 'Rate exceeded' }),
    });

    const { code, stderr } = await replay(WINDOW);

    expect(code).toBe(1);
    expect(stderr).toMatch(/replay: AWS is throttling the requests \(ThrottlingException\)/);
    expect(logs.requests.length).toBeGreaterThan(1);
  });

  async function exitsWithUsage(args: string[]) {
    const { logs, replay } = await start();

    const { code, stderr } = await replay(args);

    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run replay -- --log-group NAME --start TIME');
    expect(logs.requests).toEqual([]);
  }

  it('exits 2 with the usage when --log-group is missing', () => exitsWithUsage(['--start', START]));

  it.each([
    ['an unknown flag', [...WINDOW, '--dry-run']],
    ['a time that is not one', ['--log-group', GROUP, '--start', 'yesterday']],
    ['an end before the start', ['--log-group', GROUP, '--start', END, '--end', START]],
  ])('exits 2 with the usage on %s', (_case, args) => exitsWithUsage(args));
});
