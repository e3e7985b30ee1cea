/**
 * The I/O half of the pipeline for a list of CloudTrail records: claim each sign-in in the dedupe
 * table, publish, confirm or release the claims, park what could not be announced, count it all.
 * Used by the Lambda for a delivery, and by `replay` and `redrive`.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Config } from './config.js';
import { logPlan, positionOf, summaryOf } from './decision-log.js';
import type { Claim, DedupeStore } from './dedupe.js';
import { ClaimHeldError, PublishError, RecordError } from './errors.js';
import { logger } from './logger.js';
import { countReport } from './metrics.js';
import { type Parked, parkedSignIn } from './parking.js';
import { type Candidate, planAnnouncements, type SourceRecord } from './plan.js';
import type { PublishOptions } from './publish.js';
import { type NotAnnounced, publishCandidates } from './publish-candidates.js';

export interface Pipeline {
  readonly config: Config;
  readonly sns: SNSClient;
  /** Absent: no dedupe across invocations. */
  readonly dedupe?: DedupeStore;
  /** Absent: what cannot be announced fails the call instead of being parked. */
  readonly park?: (items: readonly Parked[]) => Promise<void>;
  /** How long a claim holds: past the end of this invocation, so a crash's claim lapses before its retry. */
  readonly claimSeconds: number;
  /** Concurrency and retry pacing of PublishBatch; the defaults suit Lambda. */
  readonly publishOptions?: PublishOptions;
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
  const fresh = plan.candidates.filter((candidate) => {
    const claim = claimOf(candidate);
    return claim !== 'duplicate' && claim !== 'in-flight';
  });
  const inFlight = plan.candidates.filter((candidate) => claimOf(candidate) === 'in-flight');
  for (const candidate of plan.candidates) {
    const claim = claimOf(candidate);
    if (claim === 'duplicate') logger.info('Sign-in already announced; suppressed', positionOf(candidate));
    if (claim === 'in-flight')
      logger.warn('Sign-in claimed by another invocation; retry later', positionOf(candidate));
    if (claim === 'unavailable')
      logger.warn('Dedupe table unavailable; announcing anyway', positionOf(candidate));
  }

  const { announced, failed } = await publishCandidates(fresh, pipeline);
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
    duplicates:
      skippedAs('repeated') +
      plan.candidates.filter((candidate) => claimOf(candidate) === 'duplicate').length,
    malformed: skippedAs('malformed'),
    otherEvents: skippedAs('other-event'),
    parked: toPark.length,
    dedupeUnavailable: plan.candidates.filter((candidate) => claimOf(candidate) === 'unavailable').length,
  };
  countReport(report, {
    announced: announced.map(({ candidate, severity }) => ({ signIn: candidate.signIn, severity })),
    publishFailures: failed.filter(({ reason }) => reason === 'publish-failed').length,
  });
  for (const item of toPark) logger.warn('Parking a sign-in that could not be announced', summaryOf(item));

  // Confirming claims and parking go side by side: near the deadline, parking must not wait on DynamoDB.
  const claimedOf = (items: readonly { candidate: Candidate }[]) =>
    eventIdsOf(
      items.map(({ candidate }) => candidate).filter((candidate) => claimOf(candidate) === 'claimed'),
    );
  const [, parking] = await Promise.allSettled([
    settleClaims(pipeline.dedupe, claimedOf(announced), claimedOf(failed)),
    toPark.length > 0 && pipeline.park ? pipeline.park(toPark) : Promise.resolve(),
  ]);
  if (parking.status === 'rejected') throw parking.reason;
  if (toPark.length > 0 && !pipeline.park) throw notAnnouncedError(failed, plan.oversized, fresh.length);
  if (inFlight.length > 0) throw new ClaimHeldError(eventIdsOf(inFlight));
  return report;
}

/** Confirms what was announced, frees what was not; a failure here risks a duplicate, not a loss. */
async function settleClaims(dedupe: DedupeStore | undefined, announced: string[], notAnnounced: string[]) {
  if (!dedupe) return;
  const [unconfirmed, unreleased] = await Promise.all([
    dedupe.confirm(announced),
    dedupe.release(notAnnounced),
  ]);
  if (unconfirmed + unreleased > 0) logger.warn('Dedupe table not updated', { unconfirmed, unreleased });
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

function eventIdsOf(candidates: readonly Candidate[]): string[] {
  return candidates.flatMap(({ signIn }) => (signIn.eventId === undefined ? [] : [signIn.eventId]));
}
