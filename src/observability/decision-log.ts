/**
 * One structured log line per decision of the pipeline: identifiers and reasons, never whole
 * records (they hold IP addresses and names, and can be large) unless the level is DEBUG.
 */
import type { Candidate, Plan } from '../decide/plan.js';
import type { Parked } from '../guarantees/parked-message.js';
import { cleanLine } from '../render/sanitize.js';
import type { Origin } from '../shared/source-record.js';
import { logger } from './logger.js';

export function logPlan(plan: Plan, origin: Origin): void {
  for (const skipped of plan.skipped) {
    const { position, logEventId } = skipped.record;
    if (skipped.why === 'malformed') {
      logger.warn('Malformed record skipped', {
        position,
        logEventId,
        reason: bounded(skipped.reason),
        logStream: origin.logStream,
      });
    } else if (skipped.why === 'other-event') {
      logger.info('Not a sign-in event; skipped', { position, eventName: bounded(skipped.eventName) });
    } else if (skipped.why === 'step' || skipped.why === 'not-listed') {
      logger.info(
        skipped.why === 'step'
          ? 'Step of a sign-in; skipped'
          : 'Sign-in event not in SIGN_IN_EVENTS; skipped',
        {
          position,
          eventName: bounded(skipped.signIn.eventName),
          outcome: skipped.signIn.outcome,
          eventId: bounded(skipped.signIn.eventId),
        },
      );
    } else if (skipped.why === 'repeated') {
      logger.info('Repeated sign-in record; announced once', {
        position,
        eventId: bounded(skipped.signIn.eventId),
      });
    } else {
      logger.info('Sign-in not announced', {
        position,
        eventId: bounded(skipped.signIn.eventId),
        user: bounded(skipped.signIn.userName),
        reason: skipped.why,
      });
    }
  }
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
