/**
 * The dedupe protocol: remembers announced sign-ins across invocations and paths, so that a
 * delivery sent again, a Lambda retry or a command run over the same window announces nothing
 * twice. Each eventID is
 *   claimed   before publishing, under a token of the caller's: only one caller may announce it;
 *   confirmed after publishing: it is announced;
 *   released  when publishing failed: a later redrive may announce it.
 * Confirm and release take the claim's token and change nothing that another caller holds, so a
 * caller whose claim lapsed cannot undo the one that took it over. A claim its caller never
 * settled (a crash, a timeout) lapses at `until`, so Lambda's retry can claim it again.
 * The store behind it is apart: dynamodb-dedupe-store.ts.
 */
import { createHash } from 'node:crypto';

/**
 * `claimed`: ours to announce. `duplicate`: already announced. `in-flight`: another caller holds
 * a live claim (it is announcing it now, or died; its claim lapses before Lambda's retry).
 * `unavailable`: the table could not tell in time.
 */
export type Claim = 'claimed' | 'duplicate' | 'in-flight' | 'unavailable';

export interface Claims {
  /** Names this caller's claims: confirm and release act on the items that carry it only. */
  readonly token: string;
  readonly outcomes: ReadonlyMap<string, Claim>;
}

export interface ClaimOptions {
  /** Epoch seconds until which the claims hold. */
  readonly until: number;
  /** Aborts the claims still unanswered: they are `unavailable` (or the call throws, failing closed). */
  readonly signal?: AbortSignal;
}

export interface DedupeStore {
  /** Claims each eventID; says which were claimed, already taken, or not checked. */
  claim(eventIds: readonly string[], options: ClaimOptions): Promise<Claims>;
  /** Marks eventIDs announced. Failing here risks a later duplicate, never a loss: returns how many were not. */
  confirm(token: string, eventIds: readonly string[], signal?: AbortSignal): Promise<number>;
  /** Frees eventIDs whose sign-in was not announced. Returns how many could not be freed. */
  release(token: string, eventIds: readonly string[], signal?: AbortSignal): Promise<number>;
  /** Reads, writing nothing, which eventIDs are already announced (for the commands' dry runs). */
  announcedAmong(eventIds: readonly string[]): Promise<Set<string>>;
}

/** Long enough for a replay of last month or a redrive of the queue's 14 days. */
export const RETENTION_DAYS = 30;

/** CloudTrail's eventIDs are UUIDs; a longer one is hashed, far below DynamoDB's 2048-byte hash key. */
const MAX_PLAIN_KEY_BYTES = 1024;

const HASHED = 'sha256:';

/**
 * The key an eventID is remembered under, the same for every caller. A record may carry an eventID
 * of any length or content: past a kilobyte, with a lone surrogate (not UTF-8, which DynamoDB
 * stores), or spelled like a hashed key, it is known by its SHA-256 instead.
 */
export function dedupeKeyOf(eventId: string): string {
  const plain =
    Buffer.byteLength(eventId) <= MAX_PLAIN_KEY_BYTES &&
    eventId.isWellFormed() &&
    !eventId.startsWith(HASHED);
  return plain ? eventId : `${HASHED}${createHash('sha256').update(eventId).digest('hex')}`;
}
