/**
 * `npm run replay` end to end, when it cannot run: the command in a child process, against the
 * loopback CloudWatch Logs, SNS and DynamoDB (see support/replay-window.ts), without credentials,
 * with a log group that does not exist, throttled, or with flags it cannot read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, REGION, withoutCredentials } from '../support/cli.js';
import { END, GROUP, START, start, WINDOW } from '../support/replay-window.js';

afterEach(cleanUp);

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
