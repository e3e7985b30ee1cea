/**
 * `npm run replay` end to end: the command in a child process, against the loopback CloudWatch
 * Logs, SNS and DynamoDB, with the sign-ins of real CloudTrail records in the log group (see
 * support/replay-window.ts): a dry run, and a run with --execute. Its errors are in
 * replay-errors.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  announcedEventIds,
  cleanUp,
  cliEnv,
  dedupeStates,
  linesWith,
  REGION,
  STACK_FLAGS,
  seedAnnounced,
  TOPIC_ARN,
} from '../support/cli.js';
import {
  after,
  before,
  END,
  GROUP,
  idsOf,
  inWindow,
  START,
  start,
  WINDOW,
} from '../support/replay-window.js';

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
        filterPattern: '{ $.eventSource = "signin.amazonaws.com" }',
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
      '  page 1: 2 records so far, up to 2024-05-01T10:01:00.000Z',
      '  page 2: 4 records so far, up to 2024-05-01T10:20:00.000Z',
      '  page 3: 6 records so far, up to 2024-05-01T11:00:00.000Z',
    ]);
    expect(linesWith(stdout, 'would skip')).toEqual(['  would skip record 1: step']);
    expect(stderr).toContain('done: 6 records; run again with --execute to announce them');
  });
});

describe('replay --execute', () => {
  it('announces each sign-in once, and a second run of the same window announces nothing', async () => {
    const { sns, dynamo, replay } = await start();

    const first = await replay(EXECUTE);
    const second = await replay(EXECUTE);

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(announcedEventIds(sns.delivered)).toEqual(idsOf(inWindow).sort());
    // The CheckMfa of the window is read too (every sign-in event is), and skipped as a step.
    expect(first.stderr).toContain(
      'done: 6 records, 5 announced, 0 already announced, 0 filtered, 0 malformed, 1 skipped',
    );
    expect(second.stderr).toContain('done: 6 records, 0 announced, 5 already announced');
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
