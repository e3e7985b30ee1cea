/**
 * The dedupe protocol in memory, for one process: what the demo shows the two paths with, where no
 * table exists. Same answers as the DynamoDB store (claimed, duplicate, in-flight), no expiry, no
 * failure; a claim of another token that lapsed is taken over, as there.
 */
import { randomUUID } from 'node:crypto';
import { type Claim, type DedupeStore, dedupeKeyOf } from './dedupe-store.js';

type Item =
  | { readonly state: 'claimed'; readonly token: string; readonly until: number }
  | { readonly state: 'announced' };

export function createMemoryDedupeStore(): DedupeStore {
  const items = new Map<string, Item>();
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const claimOne = (eventId: string, token: string, until: number): Claim => {
    const key = dedupeKeyOf(eventId);
    const item = items.get(key);
    if (item?.state === 'announced') return 'duplicate';
    if (item && item.token !== token && item.until >= nowSeconds()) return 'in-flight';
    items.set(key, { state: 'claimed', token, until });
    return 'claimed';
  };
  const settle = (token: string, eventIds: readonly string[], write: (key: string) => void) => {
    let notOurs = 0;
    for (const key of eventIds.map(dedupeKeyOf)) {
      const item = items.get(key);
      if (item && (item.state !== 'claimed' || item.token !== token)) notOurs++;
      else write(key);
    }
    return Promise.resolve(notOurs);
  };
  return {
    claim: async (eventIds, { until }) => {
      const token = randomUUID();
      return { token, outcomes: new Map(eventIds.map((id) => [id, claimOne(id, token, until)])) };
    },
    confirm: (token, eventIds) => settle(token, eventIds, (key) => items.set(key, { state: 'announced' })),
    release: (token, eventIds) => settle(token, eventIds, (key) => items.delete(key)),
    announcedAmong: async (eventIds) =>
      new Set(eventIds.filter((id) => items.get(dedupeKeyOf(id))?.state === 'announced')),
  };
}
