/**
 * The I/O half of the pipeline for a batch of CloudTrail records, within one time budget: claim
 * each sign-in in the dedupe table, publish, confirm or release the claims, park what could not be
 * announced, count it all. Used by the Lambda for a delivery, and by `replay` and `redrive`.
 */
import { type Candidate, planAnnouncements } from '../decide/plan.js';
import { type Parked, parkedSignIn } from '../guarantees/parked-message.js';
import { logPlan, summaryOf } from '../observability/decision-log.js';
import { logger } from '../observability/logger.js';
import { countReport } from '../observability/metrics.js';
import { abortAt } from '../shared/abort-at.js';
import type { AnnounceReport } from '../shared/announce-report.js';
import { ClaimHeldError, type IncompleteError, PublishError, RecordError } from '../shared/errors.js';
import type { Origin, SourceRecord } from '../shared/source-record.js';
import { lookUpAccountNames } from './account-names.js';
import { type ClaimedCandidates, claimCandidates, eventIdsOf } from './claim-candidates.js';
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
  const claimed = await claimCandidates(plan.candidates, pipeline);
  const { announced, failed } = await renderAndPublish(claimed.fresh, pipeline, {
    accountNames: await accountNames,
    via: origin.via,
  });
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
    duplicates: skippedAs('repeated') + claimed.duplicates.length,
    malformed: skippedAs('malformed'),
    otherEvents: skippedAs('other-event'),
    steps: skippedAs('step'),
    notListed: skippedAs('not-listed'),
    parked: pipeline.park ? toPark.length : 0,
    dedupeUnavailable: claimed.unavailable.length,
  };
  countReport(report, {
    announced: announced.map(({ candidate, severity }) => ({ signIn: candidate.signIn, severity })),
    publishFailures: failed.filter(({ reason }) => reason === 'publish-failed').length,
    via: origin.via,
  });
  for (const item of toPark) {
    if (pipeline.park) logger.warn('Parking a sign-in that could not be announced', summaryOf(item));
    else
      logger.warn('Sign-in not announced; the invocation fails so that Lambda retries it', summaryOf(item));
  }

  // Settling the claims and parking go side by side, and neither outlasts the budget.
  const held = (items: readonly { candidate: Candidate }[]) =>
    items.map(({ candidate }) => candidate).filter((candidate) => claimed.holds(candidate));
  const [, parking] = await Promise.allSettled([
    settleClaims(pipeline, claimed, held(announced), held(failed)),
    toPark.length > 0 && pipeline.park ? pipeline.park(toPark, abortAt(pipeline.budget.endsAt)) : undefined,
  ]);
  if (parking.status === 'rejected') throw parking.reason;
  const incomplete =
    toPark.length > 0 && !pipeline.park
      ? notAnnouncedError(failed, plan.oversized, claimed.fresh.length)
      : claimed.inFlight.length > 0
        ? new ClaimHeldError(eventIdsOf(claimed.inFlight))
        : undefined;
  if (incomplete) throw incomplete.withReport(report);
  return report;
}

/** Confirms what was announced, frees what was not; a failure here risks a duplicate, not a loss. */
async function settleClaims(
  { dedupe, budget }: Pipeline,
  { token }: ClaimedCandidates,
  announced: readonly Candidate[],
  notAnnounced: readonly Candidate[],
): Promise<void> {
  if (!dedupe || token === undefined) return;
  const signal = abortAt(budget.endsAt);
  const [unconfirmed, unreleased] = await Promise.all([
    dedupe.confirm(token, eventIdsOf(announced), signal),
    dedupe.release(token, eventIdsOf(notAnnounced), signal),
  ]);
  if (unconfirmed + unreleased > 0) {
    // An unconfirmed claim lapses by itself: a later redelivery may announce its sign-in again.
    logger.warn('Dedupe table not updated: lost, too slow, or the claims are another caller’s now', {
      unconfirmed,
      unreleased,
    });
  }
}

/** Without a parking queue, the call fails: Lambda retries the delivery, then keeps it aside. */
function notAnnouncedError(
  failed: readonly NotAnnounced[],
  oversized: readonly SourceRecord[],
  total: number,
): IncompleteError {
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
