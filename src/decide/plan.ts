/**
 * The pure half of the pipeline: which records of a delivery are sign-ins to announce, and why
 * each other one is not (malformed, another event, a step of a sign-in, an event SIGN_IN_EVENTS
 * leaves out, a repeat, filtered out, too large). No I/O;
 * the caller logs the decisions and acts on them.
 */

import type { SourceRecord } from '../shared/source-record.js';
import { parseRecord } from '../sign-ins/parse-record.js';
import type { SignIn } from '../sign-ins/sign-in.js';
import { DEFAULT_SIGN_IN_EVENTS, isAnnouncedKind } from './sign-in-events.js';
import { decideByUserLists, type UserLists } from './user-lists.js';

/** CloudTrail sends no event over 256 KB to CloudWatch Logs; anything larger is not its record. */
export const MAX_RECORD_BYTES = 256 * 1024;

export interface Candidate {
  readonly signIn: SignIn;
  readonly record: SourceRecord;
}

/**
 * What the log and the report keep of a sign-in that is not announced: its name and who. Not the
 * whole SignIn: a delivery of 3000 silenced sign-ins would keep 3000 of them alive until the end,
 * and collecting them cost a third of deciding (npm run bench, step 2).
 */
export type SkippedSignIn = Pick<SignIn, 'eventName' | 'eventId' | 'userName' | 'outcome'>;

const skippedOf = ({ eventName, eventId, userName, outcome }: SignIn): SkippedSignIn => ({
  eventName,
  eventId,
  userName,
  outcome,
});

export type Skipped =
  | { readonly why: 'malformed'; readonly record: SourceRecord; readonly reason: string }
  | { readonly why: 'other-event'; readonly record: SourceRecord; readonly eventName: string }
  | {
      /** `step`: a step of a sign-in (CredentialChallenge, a passed factor); `not-listed`: not in SIGN_IN_EVENTS. */
      readonly why: 'step' | 'not-listed';
      readonly record: SourceRecord;
      readonly signIn: SkippedSignIn;
    }
  | { readonly why: 'repeated'; readonly record: SourceRecord; readonly signIn: SkippedSignIn }
  | {
      readonly why: 'denylisted' | 'not-allowlisted';
      readonly record: SourceRecord;
      readonly signIn: SkippedSignIn;
    };

export interface Plan {
  readonly candidates: Candidate[];
  readonly skipped: Skipped[];
  /** Records over MAX_RECORD_BYTES: not parsed, parked whole. */
  readonly oversized: SourceRecord[];
  readonly signIns: number;
}

/** The events to announce (SIGN_IN_EVENTS); absent: the default list. */
export interface EventSelection {
  readonly signInEvents?: ReadonlySet<string>;
}

const DEFAULT_EVENTS: ReadonlySet<string> = new Set(DEFAULT_SIGN_IN_EVENTS);

export function planAnnouncements(records: readonly SourceRecord[], lists: UserLists & EventSelection): Plan {
  const events = lists.signInEvents ?? DEFAULT_EVENTS;
  const plan = {
    candidates: [] as Candidate[],
    skipped: [] as Skipped[],
    oversized: [] as SourceRecord[],
    signIns: 0,
  };
  const seen = new Set<string>();
  for (const record of records) {
    // UTF-16 length is a lower bound of the UTF-8 size: only measure bytes near the cap.
    if (
      record.message.length * 3 > MAX_RECORD_BYTES &&
      Buffer.byteLength(record.message) > MAX_RECORD_BYTES
    ) {
      plan.oversized.push(record);
      continue;
    }
    const parsed = parseRecord(record.message);
    if (parsed.kind === 'malformed') {
      plan.skipped.push({ why: 'malformed', record, reason: parsed.reason });
      continue;
    }
    if (parsed.kind === 'other-event') {
      plan.skipped.push({ why: 'other-event', record, eventName: parsed.eventName });
      continue;
    }
    const { signIn } = parsed;
    if (!isAnnouncedKind(signIn)) {
      plan.skipped.push({ why: 'step', record, signIn: skippedOf(signIn) });
      continue;
    }
    if (!events.has(signIn.eventName)) {
      plan.skipped.push({ why: 'not-listed', record, signIn: skippedOf(signIn) });
      continue;
    }
    plan.signIns++;
    // CloudTrail's eventID names the event; a record without one is known by its text.
    const identity = signIn.eventId ?? record.message;
    if (seen.has(identity)) {
      plan.skipped.push({ why: 'repeated', record, signIn: skippedOf(signIn) });
      continue;
    }
    seen.add(identity);
    const decision = decideByUserLists(signIn, lists);
    if (decision.announce) plan.candidates.push({ signIn, record });
    else plan.skipped.push({ why: decision.reason, record, signIn: skippedOf(signIn) });
  }
  return plan;
}
