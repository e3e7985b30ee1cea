/**
 * One time budget per invocation, split between its phases: claims (fail open when the dedupe
 * table does not answer in time), publishing (stops early enough to park what is left), settling
 * the claims and parking (abandoned, never waited for, past the end). A claim holds a margin past
 * the end, so that it outlives the invocation that made it and lapses before Lambda's retry
 * (a minute later, at the earliest). The commands give each page of work a budget of their own.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-retries.html
 */

export interface Budget {
  /** Epoch ms by which the call must have returned: nothing it starts waits past this. */
  readonly endsAt: number;
  /** Epoch ms after which claims still unanswered are given up: announced without dedupe. */
  readonly claimsBy: number;
  /** Epoch ms after which nothing more is published: what is left is parked. */
  readonly publishBy: number;
  /** Epoch seconds until which a claim holds. */
  readonly claimUntil: number;
}

/** Returning this long before Lambda's timeout leaves time for the last log lines and metrics. */
const RETURN_MARGIN_MS = 1_000;
/** Parking 5000 sign-ins takes about 2 s; the SDK's three attempts at a hung request, about 10 s. */
const PARKING_RESERVE_MS = 15_000;
/** Claims answer in milliseconds; a table that has not answered in this long is unavailable. */
const CLAIMS_MAX_MS = 3_000;
/** A claim outlives the call by this much, and lapses before Lambda's first retry. */
const CLAIM_MARGIN_SECONDS = 15;

/** The budget of a call that has `remainingMs` left (Lambda's getRemainingTimeInMillis). */
export function budgetFor(remainingMs: number, now = Date.now()): Budget {
  const endsAt = now + Math.max(0, remainingMs - RETURN_MARGIN_MS);
  const publishBy = Math.max(now, endsAt - PARKING_RESERVE_MS);
  return {
    endsAt,
    publishBy,
    claimsBy: Math.min(now + CLAIMS_MAX_MS, publishBy),
    claimUntil: Math.ceil(endsAt / 1000) + CLAIM_MARGIN_SECONDS,
  };
}
