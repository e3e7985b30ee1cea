/**
 * The dedupe protocol: remembers announced sign-ins across invocations, so that a delivery that
 * CloudWatch Logs or Lambda sends again is not announced again. Each eventID is
 *   claimed   before publishing: only one caller may announce it;
 *   confirmed after publishing: it is announced;
 *   released  when publishing failed: a later redrive may announce it.
 * A claim that its caller never confirmed or released (a crash, a timeout) lapses, so Lambda's
 * retry can claim it again. The store behind it is apart: dynamodb-dedupe-store.ts.
 */

/**
 * `claimed`: ours to announce. `duplicate`: already announced. `in-flight`: another invocation holds
 * a live claim (it is announcing it now, or died; its claim lapses before Lambda's retry). `unavailable`:
 * the table could not tell.
 */
export type Claim = 'claimed' | 'duplicate' | 'in-flight' | 'unavailable';

export interface DedupeStore {
  /** Claims each key for `claimSeconds`; says which were claimed, already taken, or not checked. */
  claim(keys: readonly string[], claimSeconds: number): Promise<Map<string, Claim>>;
  /** Marks keys announced. Failing here risks a later duplicate, never a loss: errors are returned. */
  confirm(keys: readonly string[]): Promise<number>;
  /** Frees keys whose sign-in was not announced. Returns how many could not be freed. */
  release(keys: readonly string[]): Promise<number>;
  /** Reads, writing nothing, which keys are already announced (for the commands' dry runs). */
  announcedAmong(keys: readonly string[]): Promise<Set<string>>;
}

/** Long enough for a replay of last month or a redrive of the queue's 14 days. */
export const RETENTION_DAYS = 30;
