/**
 * The names of the accounts a batch of sign-ins announces, asked for while the dedupe claims are
 * made, so that the time box runs alongside them. Failures are logged and counted
 * (`AccountNameLookupFailures`), and the messages name the bare ID: never a reason to wait longer
 * or not to announce.
 */
import type { Candidate } from '../decide/plan.js';
import { logger } from '../observability/logger.js';
import { count } from '../observability/metrics.js';
import type { Pipeline } from './pipeline.js';

const NONE: ReadonlyMap<string, string> = new Map();

export async function lookUpAccountNames(
  candidates: readonly Candidate[],
  pipeline: Pick<Pipeline, 'accountNames'>,
): Promise<ReadonlyMap<string, string>> {
  if (!pipeline.accountNames || candidates.length === 0) return NONE;
  try {
    const { names, failures } = await pipeline.accountNames.namesOf(
      candidates.map(({ signIn }) => signIn.account),
    );
    count('AccountNameLookupFailures', failures.length);
    for (const { account, source, reason, message } of failures) {
      logger.warn('Account name lookup failed; messages name the account ID alone', {
        account,
        source,
        reason,
        error: message.slice(0, 256),
      });
    }
    return names;
  } catch (error) {
    logger.error('Account name lookup failed unexpectedly', { error });
    return NONE;
  }
}
