/**
 * The I/O half of the pipeline for a list of CloudTrail records: claim each sign-in in the dedupe
 * table, publish, confirm or release the claims, park what could not be announced, count it all.
 * Used by the Lambda for a delivery, and by `replay` and `redrive`.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Config } from './config.js';
import type { Claim, DedupeStore } from './dedupe.js';
import { PublishError, type PublishFailure, RecordError } from './errors.js';
import { logger } from './logger.js';
import { count, countAnnounced } from './metrics.js';
import { type Notification, toNotification } from './notification.js';
import type { ErrorSummary, Parked } from './parking.js';
import { type Candidate, type Plan, planAnnouncements, type SourceRecord } from './plan.js';
import { publishAll } from './publish.js';

export interface Pipeline {
  readonly config: Config;
  readonly sns: SNSClient;
  /** Absent: no dedupe across invocations. */
  readonly dedupe?: DedupeStore;
  /** Absent: what cannot be announced fails the call instead of being parked. */
  readonly park?: (items: readonly Parked[]) => Promise<void>;
  /** How long a claim holds: past the end of this invocation, so a crash's claim lapses before its retry. */
  readonly claimSeconds: number;
}

export interface Source {
  readonly logGroup: string;
  readonly logStream: string;
}

export interface AnnounceReport {
  readonly records: number;
  readonly signIns: number;
  readonly announced: number;
  readonly filtered: number;
  readonly duplicates: number;
  readonly malformed: number;
  readonly otherEvents: number;
  readonly parked: number;
  readonly dedupeUnavailable: number;
}

interface Announced {
  readonly candidate: Candidate;
  readonly notification: Notification;
}

interface NotAnnounced {
  readonly candidate: Candidate;
  readonly reason: 'publish-failed' | 'render-failed';
  readonly error: ErrorSummary;
}

export async function announceRecords(
  records: readonly SourceRecord[],
  source: Source,
  pipeline: Pipeline,
): Promise<AnnounceReport> {
  const plan = planAnnouncements(records, pipeline.config);
  logPlan(plan, source);
  const claims = pipeline.dedupe
    ? await pipeline.dedupe.claim(eventIdsOf(plan.candidates), pipeline.claimSeconds)
    : new Map<string, Claim>();
  const claimOf = ({ signIn }: Candidate) =>
    signIn.eventId === undefined ? undefined : claims.get(signIn.eventId);
  const fresh = plan.candidates.filter((candidate) => claimOf(candidate) !== 'duplicate');
  for (const candidate of plan.candidates) {
    const claim = claimOf(candidate);
    if (claim === 'duplicate') logger.info('Sign-in already announced; suppressed', positionOf(candidate));
    if (claim === 'unavailable')
      logger.warn('Dedupe table unavailable; announcing anyway', positionOf(candidate));
  }

  const { announced, failed } = await publishCandidates(fresh, pipeline);
  if (pipeline.dedupe) {
    const claimed = (items: readonly { candidate: Candidate }[]) =>
      eventIdsOf(
        items.map(({ candidate }) => candidate).filter((candidate) => claimOf(candidate) === 'claimed'),
      );
    const unconfirmed = await pipeline.dedupe.confirm(claimed(announced));
    const unreleased = await pipeline.dedupe.release(claimed(failed));
    if (unconfirmed + unreleased > 0) logger.warn('Dedupe table not updated', { unconfirmed, unreleased });
  }

  const toPark: Parked[] = [
    ...plan.oversized.map((record) =>
      parkedSignIn(
        record,
        undefined,
        'record-too-large',
        { code: 'RecordTooLarge', message: `${record.message.length} characters` },
        source,
      ),
    ),
    ...failed.map(({ candidate, reason, error }) =>
      parkedSignIn(candidate.record, candidate.signIn.eventId, reason, error, source),
    ),
  ];
  const skippedAs = (...whys: string[]) => plan.skipped.filter(({ why }) => whys.includes(why)).length;
  const report: AnnounceReport = {
    records: records.length,
    signIns: plan.signIns,
    announced: announced.length,
    filtered: skippedAs('denylisted', 'not-allowlisted'),
    duplicates: skippedAs('repeated') + plan.candidates.length - fresh.length,
    malformed: skippedAs('malformed'),
    otherEvents: skippedAs('other-event'),
    parked: toPark.length,
    dedupeUnavailable: plan.candidates.filter((candidate) => claimOf(candidate) === 'unavailable').length,
  };
  recordMetrics(report, announced, failed);

  if (toPark.length > 0) {
    for (const item of toPark) logger.warn('Parking a sign-in that could not be announced', summaryOf(item));
    if (!pipeline.park) throw notAnnouncedError(failed, plan.oversized, fresh.length);
    await pipeline.park(toPark);
  }
  return report;
}

/** Renders each message as the publishing workers pull it, so only the batches in flight hold messages. */
async function publishCandidates(
  candidates: readonly Candidate[],
  pipeline: Pipeline,
): Promise<{ announced: Announced[]; failed: NotAnnounced[] }> {
  const byKey = new Map<string, Announced>();
  const failed: NotAnnounced[] = [];
  function* notifications(): Generator<Notification> {
    for (const candidate of candidates) {
      try {
        const notification = toNotification(candidate.signIn, `#${candidate.record.position}`);
        byKey.set(notification.key, { candidate, notification });
        yield notification;
      } catch (error) {
        // One record that cannot be rendered must not sink the others.
        const { name, message } = error as Error;
        failed.push({ candidate, reason: 'render-failed', error: { code: name, message } });
        logger.error('Sign-in could not be rendered', { ...positionOf(candidate), error });
      }
    }
  }
  let failures: readonly PublishFailure[] = [];
  let published: readonly { key: string; messageId: string }[];
  try {
    published = await publishAll(pipeline.sns, pipeline.config.topicArn, notifications());
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    ({ failures, published } = error);
  }
  const announced = published.map(({ key, messageId }) => {
    const item = byKey.get(key) as Announced;
    logger.info('Sign-in announced', {
      ...positionOf(item.candidate),
      messageId,
      severity: item.notification.severity,
    });
    return item;
  });
  for (const { key, code, message } of failures) {
    const { candidate } = byKey.get(key) as Announced;
    failed.push({ candidate, reason: 'publish-failed', error: { code, message } });
  }
  return { announced, failed };
}

/** Without a parking queue, the call fails: Lambda retries the delivery, then keeps it aside. */
function notAnnouncedError(
  failed: readonly NotAnnounced[],
  oversized: readonly SourceRecord[],
  total: number,
): Error {
  const publishFailures = failed.filter(({ reason }) => reason === 'publish-failed');
  if (publishFailures.length === 0) {
    return new RecordError(
      [...failed.map(({ candidate }) => candidate.record), ...oversized].map(({ position }) => position),
    );
  }
  const keyOf = ({ signIn, record }: Candidate) => signIn.eventId ?? `#${record.position}`;
  return new PublishError(
    publishFailures.map(({ candidate, error }) => ({ key: keyOf(candidate), ...error })),
    total,
  );
}

function parkedSignIn(
  record: SourceRecord,
  eventId: string | undefined,
  reason: Extract<Parked, { kind: 'sign-in' }>['reason'],
  error: ErrorSummary,
  source: Source,
): Parked {
  return {
    kind: 'sign-in',
    reason,
    error,
    eventId,
    record: record.message,
    source: { ...source, logEventId: record.logEventId },
  };
}

function recordMetrics(
  report: AnnounceReport,
  announced: readonly Announced[],
  failed: readonly NotAnnounced[],
): void {
  count('SignInsSeen', report.signIns);
  count('SignInsFiltered', report.filtered);
  count('MalformedRecords', report.malformed);
  count('DuplicatesSuppressed', report.duplicates);
  count('DedupeUnavailable', report.dedupeUnavailable);
  count('PublishFailures', failed.filter(({ reason }) => reason === 'publish-failed').length);
  count('SignInsParked', report.parked);
  countAnnounced(
    announced.map(({ candidate, notification }) => ({ signIn: candidate.signIn, notification })),
  );
}

function logPlan(plan: Plan, source: Source): void {
  for (const skipped of plan.skipped) {
    const { position, logEventId } = skipped.record;
    if (skipped.why === 'malformed') {
      logger.warn('Malformed record skipped', {
        position,
        logEventId,
        reason: skipped.reason,
        logStream: source.logStream,
      });
    } else if (skipped.why === 'other-event') {
      logger.info('Not a sign-in event; skipped', { position, eventName: skipped.eventName });
    } else if (skipped.why === 'repeated') {
      logger.info('Repeated sign-in record; announced once', { position, eventId: skipped.signIn.eventId });
    } else {
      logger.info('Sign-in not announced', {
        position,
        eventId: skipped.signIn.eventId,
        user: skipped.signIn.userName,
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

function positionOf({ signIn, record }: Candidate) {
  return { position: record.position, eventId: signIn.eventId };
}

function summaryOf(item: Parked) {
  return item.kind === 'sign-in'
    ? { reason: item.reason, error: item.error, eventId: item.eventId }
    : { reason: item.reason, error: item.error };
}

function eventIdsOf(candidates: readonly Candidate[]): string[] {
  return candidates.flatMap(({ signIn }) => (signIn.eventId === undefined ? [] : [signIn.eventId]));
}
