/**
 * The I/O half of the pipeline for a list of CloudTrail records: claim each sign-in in the dedupe
 * table, publish, confirm or release the claims, park what could not be announced, count it all.
 * Used by the Lambda for a delivery, and by `replay` and `redrive`.
 */
import { type Candidate, planAnnouncements } from '../decide/plan.js';
import type { Claim, DedupeStore } from '../guarantees/dedupe-store.js';
import { type Parked, parkedSignIn } from '../guarantees/parked-message.js';
import type { AnnounceReport } from '../observability/announce-report.js';
import { logPlan, positionOf, summaryOf } from '../observability/decision-log.js';
import { logger } from '../observability/logger.js';
import { countReport } from '../observability/metrics.js';
import { ClaimHeldError, PublishError, RecordError } from '../shared/errors.js';
import type { Origin, SourceRecord } from '../shared/source-record.js';
import { lookUpAccountNames } from './account-names.js';
import type { Pipeline } from './pipeline.js';
import { type NotAnnounced, renderAndPublish } from './render-and-publish.js';

export async function announceRecords(
  records: readonly SourceRecord[],
  origin: Origin,
  pipeline: Pipeline,
): Promise<AnnounceReport> {
  const plan = planAnnouncements(records, pipeline.config);
  logPlan(plan, origin);
  const accountNames = lookUpAccountNames(plan.candidates, pipeline);
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

  const { announced, failed } = await renderAndPublish(fresh, pipeline, await accountNames);
  const toPark: Parked[] = [
    ...plan.oversized.map((record) =>
      parkedSignIn(
        record,
        undefined,
        'record-too-large',
        { code: 'RecordTooLarge', message: `${record.message.length} characters` },
        origin,
      ),
    ),
    ...failed.map(({ candidate, reason, error }) =>
      parkedSignIn(candidate.record, candidate.signIn.eventId, reason, error, origin),
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
    steps: skippedAs('step'),
    notListed: skippedAs('not-listed'),
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
