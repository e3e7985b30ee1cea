/**
 * `npm run replay` reads times strictly and reports a page honestly (issue 7, cases 5 and 7): a
 * bare number or a time without an offset is a usage error, not 1990 or local time; a sign-in
 * whose eventID is too long for a DynamoDB key does not stop its page; and a page announced in
 * part says how many were announced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { announcedEventIds, cleanUp, STACK_FLAGS } from '../support/cli.js';
import { END, GROUP, START, start, WINDOW } from '../support/replay-window.js';

afterEach(cleanUp);

const EXECUTE = [...WINDOW, ...STACK_FLAGS, '--execute'];

describe('replay times', () => {
  it.each([
    ['a bare number (a unit forgotten)', '90'],
    ['a time without an offset (local or UTC?)', '2024-05-01T10:00:00'],
    ['a date alone', '2024-05-01'],
  ])('exits 2 with the usage on %s', async (_case, time) => {
    const { logs, replay } = await start();

    const { code, stderr } = await replay(['--log-group', GROUP, '--start', time, '--end', END]);

    expect(code).toBe(2);
    expect(stderr).toContain(`"${time}"`);
    expect(logs.requests).toEqual([]);
  });

  it('takes an offset other than Z', async () => {
    const { logs, replay } = await start();

    const { code } = await replay([
      '--log-group',
      GROUP,
      '--start',
      '2024-05-01T12:00:00+02:00',
      '--end',
      END,
    ]);

    expect(code).toBe(0);
    expect(logs.requests[0]?.body.startTime).toBe(Date.parse(START));
  });
});

describe('replay of a page that is not announced in full', () => {
  it('announces a sign-in whose eventID is over 2048 bytes, and the rest of its page', async () => {
    const { logs, sns, replay } = await start();
    const eventID = `${'e'.repeat(2100)}-long`;
    logs.append(GROUP, [
      {
        timestamp: Date.parse(START) + 30_000,
        message: JSON.stringify({
          eventSource: 'signin.amazonaws.com',
          eventName: 'ConsoleLogin',
          eventID,
          awsRegion: 'us-east-1',
          userIdentity: { type: 'Root' },
          responseElements: { ConsoleLogin: 'Success' },
        }),
      },
    ]);

    const { code, stderr } = await replay(EXECUTE);

    expect(code).toBe(0);
    expect(stderr).toContain('6 announced');
    expect(announcedEventIds(sns.delivered)).toHaveLength(6);
  });

  it('counts the sign-ins a page did announce when SNS refused one of them, and exits 1', async () => {
    const { sns, replay } = await start(
      {},
      {
        reply: () => ({
          kind: 'partial',
          fail: (id) => (id === '0' ? { code: 'InvalidParameter', senderFault: true } : undefined),
        }),
      },
    );

    const { code, stderr } = await replay(EXECUTE);

    expect(code).toBe(1);
    expect(announcedEventIds(sns.delivered)).toHaveLength(4);
    expect(stderr).toMatch(/done: 6 records, 4 announced/);
    expect(stderr).toMatch(/1 not announced/);
  });
});
