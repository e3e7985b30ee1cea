/**
 * The log of the pipeline's decisions: identifiers and reasons, never whole records (they hold IP
 * addresses and names, and can be large) unless the level is DEBUG. What needs a person (a malformed
 * or oversized record) gets a line of its own; the routine (another event, a repeat, a sign-in the
 * lists silence, a duplicate) one summary line per reason with the IDs: the audit trail of a
 * delivery of 3000 silenced sign-ins costs a few lines, not 3000.
 */
import type { Candidate, Plan, Skipped } from '../decide/plan.js';
import type { Parked } from '../guarantees/parked-message.js';
import { cleanLine } from '../render/sanitize.js';
import type { Origin } from '../shared/source-record.js';
import { logger } from './logger.js';

/** IDs per summary line: a line stays far below CloudWatch Logs' 256 KB per event. */
const IDS_PER_LINE = 500;

const SUMMARIES: Record<Exclude<Skipped['why'], 'malformed'>, string> = {
  'other-event': 'Not sign-in events; skipped',
  repeated: 'Repeated sign-in records; announced once',
  denylisted: 'Sign-ins not announced: denylisted',
  'not-allowlisted': 'Sign-ins not announced: not on the allowlist',
  step: 'Steps of a sign-in; skipped',
  'not-listed': 'Sign-in events not in SIGN_IN_EVENTS; skipped',
};

export function logPlan(plan: Plan, origin: Origin): void {
  const routine = new Map<string, string[]>();
  for (const skipped of plan.skipped) {
    const { position, logEventId } = skipped.record;
    if (skipped.why === 'malformed') {
      logger.warn('Malformed record skipped', {
        position,
        logEventId,
        reason: bounded(skipped.reason),
        logStream: origin.logStream,
      });
      continue;
    }
    const id =
      skipped.why === 'other-event'
        ? `${bounded(skipped.eventName)} #${position}`
        : `${bounded(skipped.signIn.eventId) ?? `#${position}`} ${bounded(skipped.signIn.userName)}`;
    const ids = routine.get(skipped.why);
    if (ids) ids.push(id);
    else routine.set(skipped.why, [id]);
  }
  for (const [why, ids] of routine) logIds('info', SUMMARIES[why as keyof typeof SUMMARIES], ids);
  for (const { position, logEventId, message } of plan.oversized) {
    logger.warn('Record over the size cap; parked unread', {
      position,
      logEventId,
      characters: message.length,
    });
  }
  // Whole records only at DEBUG: they hold IPs and user names, and can be large.
  if (logger.getLevelName() === 'DEBUG') {
    for (const { signIn, record } of plan.candidates)
      logger.debug('Sign-in record', {
        position: record.position,
        record: record.message,
        eventId: signIn.eventId,
      });
  }
}

/** One line per IDS_PER_LINE identifiers, with the count of them all. */
export function logIds(level: 'info' | 'warn', message: string, ids: readonly string[]): void {
  for (let start = 0; start < ids.length; start += IDS_PER_LINE) {
    logger[level](message, { count: ids.length, ids: ids.slice(start, start + IDS_PER_LINE) });
  }
}

/** How the log names a candidate: its eventID, or its position when it has none. */
export function idOf({ signIn, record }: Candidate): string {
  return bounded(signIn.eventId) ?? `#${record.position}`;
}

export function positionOf({ signIn, record }: Candidate) {
  return { position: record.position, eventId: bounded(signIn.eventId) };
}

export function summaryOf(item: Parked) {
  return item.kind === 'sign-in'
    ? { reason: item.reason, error: item.error, eventId: bounded(item.eventId) }
    : { reason: item.reason, error: item.error };
}

/** Strings from a record, as they may be logged: chosen by whoever signs in, so cut and cleaned. */
function bounded(value: string | undefined): string | undefined {
  return value === undefined ? undefined : cleanLine(value, 256);
}
