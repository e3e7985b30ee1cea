/**
 * Every record of a delivery is accounted for: a sign-in is announced, filtered, suppressed as a
 * duplicate or parked, and every other record is counted as malformed, another event, a step of a
 * sign-in, an event SIGN_IN_EVENTS leaves out, or oversized. Records of every kind; fast-check
 * drives the mix of records, the event list, the user lists, the dedupe table's answers and SNS's failures;
 * sign-ins another invocation holds make the call fail, unsent.
 */
import { PublishBatchCommand, type PublishBatchResultEntry, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { MAX_RECORD_BYTES, planAnnouncements } from '../../src/decide/plan.js';
import { DEFAULT_SIGN_IN_EVENTS, OPT_IN_SIGN_IN_EVENTS } from '../../src/decide/sign-in-events.js';
import type { Claim, DedupeStore } from '../../src/guarantees/dedupe-store.js';
import type { Parked } from '../../src/guarantees/parked-message.js';
import { announceRecords } from '../../src/pipeline/announce-records.js';
import { budgetFor } from '../../src/pipeline/budget.js';
import { cloudTrailFixtureNames, cloudTrailRecord } from '../../testing/events.js';

const snsMock = mockClient(SNSClient);
afterEach(() => snsMock.reset());

const signInRecords = cloudTrailFixtureNames().map((name) => cloudTrailRecord(name));
const EVENT_NAMES = [...DEFAULT_SIGN_IN_EVENTS, ...OPT_IN_SIGN_IN_EVENTS];

const recordArbitrary = fc.oneof(
  fc
    .record({
      fixture: fc.constantFrom(...signInRecords),
      eventId: fc.option(fc.integer({ min: 0, max: 6 })),
    })
    .map(({ fixture, eventId }) =>
      JSON.stringify({ ...fixture, eventID: eventId === null ? undefined : `event-${eventId}` }),
    ),
  fc.constant(
    JSON.stringify({ ...cloudTrailRecord('check-mfa/aws-docs-ct-u2f'), eventSource: 'sts.amazonaws.com' }),
  ),
  fc.string({ maxLength: 40 }),
  fc.constant(
    JSON.stringify({
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      userAgent: 'x'.repeat(MAX_RECORD_BYTES),
    }),
  ),
);

/** A dedupe table that answers as told per eventID, and remembers nothing else. */
function scriptedDedupe(answers: Map<string, Claim>): DedupeStore {
  return {
    claim: async (keys) => ({
      token: 'scripted',
      outcomes: new Map(keys.map((key) => [key, answers.get(key) ?? 'claimed'])),
    }),
    confirm: async () => 0,
    release: async () => 0,
    announcedAmong: async () => new Set(),
  };
}

describe('announceRecords accounts for every record', () => {
  it('whatever the records, lists, dedupe answers and SNS failures', async () => {
    const scenario = fc.record({
      messages: fc.array(recordArbitrary, { maxLength: 30 }),
      denylist: fc.constantFrom('', 'anaya', 'root,*@*', 'arn:aws:iam::*:user/*'),
      events: fc.subarray(EVENT_NAMES, { minLength: 1 }),
      claims: fc.dictionary(
        fc.integer({ min: 0, max: 6 }).map((n) => `event-${n}`),
        fc.constantFrom<Claim>('claimed', 'duplicate', 'unavailable', 'in-flight'),
      ),
      failures: fc.func(
        fc.constantFrom<'ok' | 'transient' | 'sender'>('ok', 'ok', 'ok', 'transient', 'sender'),
      ),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ messages, denylist, events, claims, failures }) => {
        snsMock.reset();
        let published = 0;
        snsMock
          .on(PublishBatchCommand)
          .callsFake(async (input: { PublishBatchRequestEntries: { Id: string; Message: string }[] }) => {
            const Successful: PublishBatchResultEntry[] = [];
            const Failed: { Id: string; Code: string; SenderFault: boolean; Message: string }[] = [];
            for (const entry of input.PublishBatchRequestEntries) {
              const verdict = failures(entry.Message);
              if (verdict === 'ok') Successful.push({ Id: entry.Id, MessageId: `m-${published++}` });
              else
                Failed.push({
                  Id: entry.Id,
                  Code: verdict,
                  SenderFault: verdict === 'sender',
                  Message: verdict,
                });
            }
            return { Successful, Failed };
          });
        const parked: Parked[] = [];
        const config = readConfig({
          TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:t',
          USER_DENYLIST: denylist,
          SIGN_IN_EVENTS: events.join(','),
        });
        const records = messages.map((message, position) => ({
          message,
          position,
          logEventId: String(position),
        }));

        const announce = announceRecords(
          records,
          { via: 'cloudwatch-logs', logGroup: 'g', logStream: 's' },
          {
            config,
            sns: new SNSClient({ region: 'us-east-1' }),
            dedupe: scriptedDedupe(new Map(Object.entries(claims))),
            park: async (items) => void parked.push(...items),
            budget: budgetFor(60_000),
            publishOptions: { backoffMs: 0 },
          },
        );

        // Sign-ins another invocation holds are left to it, and the call fails so Lambda looks again.
        const held = planAnnouncements(records, config).candidates.flatMap(({ signIn }) =>
          signIn.eventId && claims[signIn.eventId] === 'in-flight' ? [signIn.eventId] : [],
        );
        if (held.length > 0) {
          await expect(announce).rejects.toMatchObject({ name: 'ClaimHeldError', eventIds: held });
          const sent = snsMock
            .commandCalls(PublishBatchCommand)
            .flatMap(({ args }) => args[0].input.PublishBatchRequestEntries ?? []);
          for (const eventId of held)
            expect(sent.some(({ Message }) => Message?.includes(eventId))).toBe(false);
          return;
        }
        const report = await announce;

        const oversized = parked.filter(
          (item) => item.kind === 'sign-in' && item.reason === 'record-too-large',
        ).length;
        const notAnnounced = parked.length - oversized;
        expect(report.records).toBe(records.length);
        expect(
          report.signIns +
            report.malformed +
            report.otherEvents +
            report.steps +
            report.notListed +
            oversized,
        ).toBe(records.length);
        expect(report.announced + report.filtered + report.duplicates + notAnnounced).toBe(report.signIns);
        expect(report.announced).toBe(published);
        expect(report.parked).toBe(parked.length);
        for (const item of parked) {
          expect(item.kind === 'sign-in' && messages.includes(item.record)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
