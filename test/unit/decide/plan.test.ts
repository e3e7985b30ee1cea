/**
 * planAnnouncements, the pure half of the pipeline: which records of a delivery become candidates
 * to announce, and why each other one does not (too large, malformed, another event, a step of a
 * sign-in, left out of SIGN_IN_EVENTS, a repeat, filtered out by the lists). No I/O: real
 * CloudTrail records in, a plan out.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config.js';
import { MAX_RECORD_BYTES, planAnnouncements } from '../../../src/decide/plan.js';
import { parseUserPatterns } from '../../../src/decide/user-pattern.js';
import type { SourceRecord } from '../../../src/shared/source-record.js';
import { cloudTrailRecord } from '../../../testing/events.js';

const ANAYA = cloudTrailRecord('console-login/aws-docs-ct-iam-user-failure');
const PIPER = cloudTrailRecord('console-login/usiem-flaws-iam-user-success-no-mfa');
const ROOT = cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa');
const CHECK_MFA = cloudTrailRecord('check-mfa/aws-docs-ct-u2f');
const SWITCH_ROLE = cloudTrailRecord('switch-role/davxiao-cross-account');
const EXIT_ROLE = { ...SWITCH_ROLE, eventName: 'ExitRole', responseElements: { ExitRole: 'Success' } };

const EVERYONE: Pick<Config, 'allowlist' | 'denylist'> = { allowlist: undefined, denylist: [] };

/** Log events of a delivery, in order, each given as a CloudTrail record or as raw text. */
function recordsOf(...messages: (Record<string, unknown> | string)[]): SourceRecord[] {
  return messages.map((message, position) => ({
    message: typeof message === 'string' ? message : JSON.stringify(message),
    position,
    logEventId: `log-event-${position}`,
  }));
}

const positions = (items: readonly { record: SourceRecord }[]) => items.map(({ record }) => record.position);

describe('planAnnouncements', () => {
  it('makes every sign-in a candidate, in delivery order, with its record', () => {
    const records = recordsOf(ANAYA, PIPER, ROOT);

    const plan = planAnnouncements(records, EVERYONE);

    expect(plan.candidates.map(({ signIn }) => signIn.eventId)).toEqual([
      ANAYA.eventID,
      PIPER.eventID,
      ROOT.eventID,
    ]);
    expect(plan.candidates.map(({ record }) => record)).toEqual(records);
    expect(plan).toMatchObject({ skipped: [], oversized: [], signIns: 3 });
  });

  it.each([
    { text: '{"eventName":"ConsoleLogin"', reason: /^not JSON/ },
    { text: '["ConsoleLogin"]', reason: /^not a JSON object$/ },
    { text: '{"eventID":"e-1"}', reason: /^no eventName/ },
  ])('skips $text as malformed, with the reason, and counts no sign-in', ({ text, reason }) => {
    const plan = planAnnouncements(recordsOf(ANAYA, text), EVERYONE);

    expect(plan.skipped).toEqual([
      { why: 'malformed', record: recordsOf(ANAYA, text)[1], reason: expect.stringMatching(reason) },
    ]);
    expect(positions(plan.candidates)).toEqual([0]);
    expect(plan.signIns).toBe(1);
  });

  it('skips another event by its name, and counts no sign-in', () => {
    const plan = planAnnouncements(recordsOf(EXIT_ROLE, PIPER), EVERYONE);

    expect(plan.skipped).toEqual([
      { why: 'other-event', record: expect.objectContaining({ position: 0 }), eventName: 'ExitRole' },
    ]);
    expect(positions(plan.candidates)).toEqual([1]);
    expect(plan.signIns).toBe(1);
  });

  it.each([
    ['a passed second factor (CheckMfa Success)', CHECK_MFA],
    ['a credential asked for', cloudTrailRecord('credential-challenge/aws-docs-sso-unknown-totp')],
    [
      'a credential accepted',
      cloudTrailRecord('credential-verification/aws-docs-sso-unknown-password-success'),
    ],
  ])('skips %s as a step of a sign-in, and counts no sign-in', (_label, step) => {
    const plan = planAnnouncements(recordsOf(step, PIPER), EVERYONE);

    expect(plan.skipped).toEqual([
      { why: 'step', record: expect.objectContaining({ position: 0 }), signIn: expect.anything() },
    ]);
    expect(plan.signIns).toBe(1);
  });

  it('skips, without counting a sign-in, the events SIGN_IN_EVENTS leaves out, and reads the opt-in ones', () => {
    const records = recordsOf(SWITCH_ROLE, PIPER);

    const byDefault = planAnnouncements(records, EVERYONE);
    const onlySwitchRole = planAnnouncements(records, { ...EVERYONE, signInEvents: new Set(['SwitchRole']) });

    expect(byDefault.skipped.map(({ why, record }) => [why, record.position])).toEqual([['not-listed', 0]]);
    expect(positions(byDefault.candidates)).toEqual([1]);
    expect(onlySwitchRole.skipped.map(({ why, record }) => [why, record.position])).toEqual([
      ['not-listed', 1],
    ]);
    expect(positions(onlySwitchRole.candidates)).toEqual([0]);
    expect(onlySwitchRole.signIns).toBe(1);
  });

  it('announces a record repeated in the delivery once, and counts each occurrence as a sign-in', () => {
    const plan = planAnnouncements(recordsOf(ANAYA, PIPER, ANAYA), EVERYONE);

    expect(positions(plan.candidates)).toEqual([0, 1]);
    expect(plan.skipped).toEqual([
      {
        why: 'repeated',
        record: expect.objectContaining({ position: 2 }),
        signIn: expect.objectContaining({ eventId: ANAYA.eventID }),
      },
    ]);
    expect(plan.signIns).toBe(3);
  });

  it('knows a sign-in without eventID by its text: the same text repeats, a different one does not', () => {
    const { eventID: _, ...anonymous } = PIPER;
    const other = { ...anonymous, sourceIPAddress: '198.51.100.7' };

    const plan = planAnnouncements(recordsOf(anonymous, other, anonymous), EVERYONE);

    expect(positions(plan.candidates)).toEqual([0, 1]);
    expect(plan.skipped.map(({ why, record }) => [why, record.position])).toEqual([['repeated', 2]]);
  });

  it.each<{ lists: string; allowlist?: string; denylist?: string; skipped: [string, string][] }>([
    { lists: 'deny root', denylist: 'root', skipped: [['denylisted', 'root']] },
    {
      lists: 'allow piper',
      allowlist: 'piper',
      skipped: [
        ['not-allowlisted', 'anaya'],
        ['not-allowlisted', 'root'],
      ],
    },
    {
      lists: 'allow piper and root, deny root',
      allowlist: 'piper,root',
      denylist: 'ROOT',
      skipped: [
        ['not-allowlisted', 'anaya'],
        ['denylisted', 'root'],
      ],
    },
  ])(
    'filters by the lists ($lists), naming the list that kept each sign-in back',
    ({ allowlist, denylist, skipped }) => {
      const config = {
        allowlist: allowlist === undefined ? undefined : parseUserPatterns(allowlist),
        denylist: denylist === undefined ? [] : parseUserPatterns(denylist),
      };

      const plan = planAnnouncements(recordsOf(ANAYA, PIPER, ROOT), config);

      expect(
        plan.skipped.map((item) => [item.why, 'signIn' in item ? item.signIn.userName : undefined]),
      ).toEqual(skipped);
      expect(plan.candidates.length + plan.skipped.length).toBe(3);
      expect(plan.signIns).toBe(3);
    },
  );

  it('sets aside a record over MAX_RECORD_BYTES unread, whatever it holds, and keeps one at the cap', () => {
    const padded = (bytes: number) => {
      const text = JSON.stringify({ ...ANAYA, requestParameters: { padding: '' } });
      return text.replace('"padding":""', `"padding":"${'x'.repeat(bytes - Buffer.byteLength(text))}"`);
    };
    const records = recordsOf(
      padded(MAX_RECORD_BYTES),
      padded(MAX_RECORD_BYTES + 1),
      'x'.repeat(MAX_RECORD_BYTES + 1),
    );

    const plan = planAnnouncements(records, EVERYONE);

    expect(Buffer.byteLength(records[0]?.message ?? '')).toBe(MAX_RECORD_BYTES);
    expect(positions(plan.candidates)).toEqual([0]);
    expect(plan.oversized).toEqual([records[1], records[2]]);
    expect(plan.skipped).toEqual([]);
    expect(plan.signIns).toBe(1);
  });

  it('measures the cap in UTF-8 bytes, not in characters', () => {
    // 'é' is one UTF-16 unit and two UTF-8 bytes: under the cap in characters, over it in bytes.
    const accented = JSON.stringify({
      ...ANAYA,
      requestParameters: { padding: 'é'.repeat(MAX_RECORD_BYTES / 2) },
    });

    const plan = planAnnouncements(recordsOf(accented), EVERYONE);

    expect(accented.length).toBeLessThan(MAX_RECORD_BYTES);
    expect(plan.oversized.map(({ position }) => position)).toEqual([0]);
    expect(plan.candidates).toEqual([]);
  });

  it('puts each record of a mixed delivery in exactly one place', () => {
    const records = recordsOf(
      ANAYA,
      'not json',
      EXIT_ROLE,
      ANAYA,
      'x'.repeat(MAX_RECORD_BYTES + 1),
      PIPER,
      CHECK_MFA,
      SWITCH_ROLE,
    );

    const plan = planAnnouncements(records, { allowlist: undefined, denylist: parseUserPatterns('piper') });

    const placed = [
      ...plan.candidates.map(({ record }) => ['candidate', record.position]),
      ...plan.skipped.map(({ why, record }) => [why, record.position]),
      ...plan.oversized.map(({ position }) => ['oversized', position]),
    ].sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(placed).toEqual([
      ['candidate', 0],
      ['malformed', 1],
      ['other-event', 2],
      ['repeated', 3],
      ['oversized', 4],
      ['denylisted', 5],
      ['step', 6],
      ['not-listed', 7],
    ]);
  });
});
