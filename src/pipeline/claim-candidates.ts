/**
 * Claims the candidates of a batch in the dedupe table, within the budget's claim phase, and sorts
 * them by what the table answered: ours to announce (claimed, or not checked in time: fail open),
 * already announced, or held by another caller.
 */
import type { Candidate } from '../decide/plan.js';
import type { Claim } from '../guarantees/dedupe-store.js';
import { idOf, logIds } from '../observability/decision-log.js';
import { abortAt } from '../shared/abort-at.js';
import type { Pipeline } from './pipeline.js';

export interface ClaimedCandidates {
  /** The token of this call's claims, for confirm and release; undefined without dedupe. */
  readonly token: string | undefined;
  /** To announce: claimed, unavailable, or without an eventID (nothing to dedupe on). */
  readonly fresh: Candidate[];
  readonly duplicates: Candidate[];
  readonly inFlight: Candidate[];
  readonly unavailable: Candidate[];
  /** Whether this call holds the claim of a candidate, so it must confirm or release it. */
  holds(candidate: Candidate): boolean;
}

export async function claimCandidates(
  candidates: readonly Candidate[],
  { dedupe, budget }: Pick<Pipeline, 'dedupe' | 'budget'>,
): Promise<ClaimedCandidates> {
  const eventIds = eventIdsOf(candidates);
  const claims =
    dedupe && eventIds.length > 0
      ? await dedupe.claim(eventIds, { until: budget.claimUntil, signal: abortAt(budget.claimsBy) })
      : undefined;
  const claimOf = ({ signIn }: Candidate): Claim | undefined =>
    signIn.eventId === undefined ? undefined : claims?.outcomes.get(signIn.eventId);
  const having = (claim: Claim) => candidates.filter((candidate) => claimOf(candidate) === claim);
  const sorted = {
    token: claims?.token,
    fresh: candidates.filter((candidate) => !['duplicate', 'in-flight'].includes(claimOf(candidate) ?? '')),
    duplicates: having('duplicate'),
    inFlight: having('in-flight'),
    unavailable: having('unavailable'),
    holds: (candidate: Candidate) => claimOf(candidate) === 'claimed',
  };
  logIds('info', 'Sign-ins already announced; suppressed', sorted.duplicates.map(idOf));
  logIds('warn', 'Sign-ins claimed by another invocation; retry later', sorted.inFlight.map(idOf));
  logIds('warn', 'Dedupe table unavailable; announcing anyway', sorted.unavailable.map(idOf));
  return sorted;
}

export function eventIdsOf(candidates: readonly Candidate[]): string[] {
  return candidates.flatMap(({ signIn }) => (signIn.eventId === undefined ? [] : [signIn.eventId]));
}
