/**
 * Names for account IDs: ACCOUNT_NAMES first, then Organizations, then the IAM alias of the
 * notifier's own account. Answers are cached per container for an hour; every lookup of a call
 * shares one time box (1 s by default), after which the call returns what it knows and the rest is
 * aborted. A denied source is not asked again for the hour (a grant just deployed may take a few
 * seconds to apply, so not for ever); a failed lookup is tried again after 5 minutes.
 * Never rejects: a name is a nicety, the announcement must not wait for it.
 */
import { mapConcurrent } from '../shared/batching.js';
import { isDenied, type NameSources } from './name-sources.js';

export interface LookupFailure {
  readonly account: string;
  readonly source: 'organizations' | 'iam-alias';
  readonly reason: 'denied' | 'timeout' | 'error';
  readonly message: string;
}

export interface AccountNamesResult {
  readonly names: ReadonlyMap<string, string>;
  readonly failures: readonly LookupFailure[];
}

export interface AccountNames {
  /** The names known for these accounts within the time box. */
  namesOf(accounts: Iterable<string>): Promise<AccountNamesResult>;
  /** The notifier's own account (from the Lambda context): its IAM alias may name it. */
  setOwnAccount(accountId: string | undefined): void;
}

export interface AccountNamesOptions {
  readonly static: ReadonlyMap<string, string>;
  /** Absent (ACCOUNT_NAME_LOOKUP=off): the static names alone. */
  readonly sources?: NameSources;
  readonly timeoutMs?: number;
  readonly ttlMs?: number;
  readonly retryAfterMs?: number;
  readonly concurrency?: number;
  readonly now?: () => number;
}

/** Organizations only takes 12-digit IDs; redacted or truncated ones are not asked about. */
const ACCOUNT_ID = /^\d{12}$/;

export function createAccountNames(options: AccountNamesOptions): AccountNames {
  const { sources, timeoutMs = 1_000, ttlMs = 3_600_000, retryAfterMs = 300_000, concurrency = 8 } = options;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { readonly name: string | undefined; readonly until: number }>();
  const deniedUntil = new Map<LookupFailure['source'], number>();
  const denied = (source: LookupFailure['source']) => (deniedUntil.get(source) ?? 0) > now();
  let ownAccount: string | undefined;

  async function lookUp(account: string, signal: AbortSignal, failures: LookupFailure[]) {
    const ask = async (source: LookupFailure['source'], call: () => Promise<string | undefined>) => {
      try {
        return { name: await call(), failed: false, answered: true };
      } catch (error) {
        const reason = isDenied(error) ? 'denied' : signal.aborted ? 'timeout' : 'error';
        if (reason === 'denied') deniedUntil.set(source, now() + ttlMs);
        failures.push({ account, source, reason, message: String((error as Error)?.message ?? error) });
        return { name: undefined, failed: reason !== 'denied', answered: false };
      }
    };
    const { describeAccount, accountAlias } = sources ?? {};
    const [organizations, alias] = await Promise.all([
      describeAccount && !denied('organizations')
        ? ask('organizations', () => describeAccount(account, signal))
        : undefined,
      accountAlias && account === ownAccount && !denied('iam-alias')
        ? ask('iam-alias', () => accountAlias(signal))
        : undefined,
    ]);
    const name = organizations?.name ?? alias?.name;
    const failed = name === undefined && (organizations?.failed || alias?.failed);
    // Nothing asked (every source denied): nothing learnt, so nothing to remember of this account.
    if (organizations?.answered || alias?.answered || failed) {
      cache.set(account, { name, until: now() + (failed ? retryAfterMs : ttlMs) });
    }
    return name;
  }

  return {
    setOwnAccount(accountId) {
      ownAccount = accountId;
    },

    async namesOf(accounts) {
      const names = new Map<string, string>();
      const failures: LookupFailure[] = [];
      const unknown: string[] = [];
      for (const account of new Set(accounts)) {
        const known = options.static.get(account) ?? cached(account);
        if (known !== undefined) names.set(account, known);
        else if (sources && ACCOUNT_ID.test(account) && !cache.has(account)) unknown.push(account);
      }
      if (unknown.length === 0) return { names, failures };

      const box = new AbortController();
      const pending = new Set<string>();
      const work = mapConcurrent(unknown, concurrency, async (account) => {
        if (box.signal.aborted) return;
        pending.add(account);
        const name = await lookUp(account, box.signal, failures);
        pending.delete(account);
        if (name !== undefined && !box.signal.aborted) names.set(account, name);
      });
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<'expired'>((resolve) => {
        timer = setTimeout(() => resolve('expired'), timeoutMs);
      });
      const outcome = await Promise.race([work.then(() => 'done' as const), expired]);
      clearTimeout(timer);
      if (outcome === 'expired') {
        box.abort();
        for (const account of pending) {
          failures.push({
            account,
            source: 'organizations',
            reason: 'timeout',
            message: `no answer in ${timeoutMs} ms`,
          });
          cache.set(account, { name: undefined, until: now() + retryAfterMs });
        }
      }
      return { names: new Map(names), failures: [...failures] };
    },
  };

  /** A cached name; an expired entry is forgotten so that it is asked again. */
  function cached(account: string): string | undefined {
    const entry = cache.get(account);
    if (entry && entry.until <= now()) cache.delete(account);
    return entry && entry.until > now() ? entry.name : undefined;
  }
}
