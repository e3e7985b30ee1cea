/**
 * The cache and memory of createAccountNames (src/accounts/account-names.ts), with scripted sources
 * and a clock the test moves: names kept for the hour, a denial not asked again for the hour, a
 * failed lookup tried again after 5 minutes. The wire behaviour is in test/wire/account-names.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createAccountNames } from '../../../src/accounts/account-names.js';

const PROD = '210987654321';
const MINUTE = 60_000;

function scripted(answer: (call: number) => Promise<string | undefined>) {
  let time = 0;
  const calls: string[] = [];
  const names = createAccountNames({
    static: new Map(),
    now: () => time,
    sources: {
      describeAccount: async (account) => {
        calls.push(account);
        return answer(calls.length);
      },
    },
  });
  const advance = (ms: number) => {
    time += ms;
  };
  return { names, calls, advance };
}

const denied = () => Promise.reject(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));
const broken = () => Promise.reject(Object.assign(new Error('boom'), { name: 'InternalException' }));

describe('createAccountNames', () => {
  it('keeps a name for an hour, then asks again', async () => {
    const { names, calls, advance } = scripted(async () => 'prod-payments');

    await names.namesOf([PROD]);
    advance(59 * MINUTE);
    const cached = await names.namesOf([PROD]);
    advance(2 * MINUTE);
    await names.namesOf([PROD]);

    expect(cached.names.get(PROD)).toBe('prod-payments');
    expect(calls).toEqual([PROD, PROD]);
  });

  it('does not ask a source that denied for an hour, then tries it again', async () => {
    const { names, calls, advance } = scripted((call) => (call === 1 ? denied() : Promise.resolve('prod')));

    const first = await names.namesOf([PROD]);
    advance(30 * MINUTE);
    const meanwhile = await names.namesOf(['444455556666']);
    advance(31 * MINUTE);
    const later = await names.namesOf(['444455556666']);

    expect(first.failures.map(({ reason }) => reason)).toEqual(['denied']);
    expect(meanwhile).toEqual({ names: new Map(), failures: [] });
    expect(later.names.get('444455556666')).toBe('prod');
    expect(calls).toEqual([PROD, '444455556666']);
  });

  it('tries a failed lookup again after 5 minutes, not before', async () => {
    const { names, calls, advance } = scripted((call) => (call === 1 ? broken() : Promise.resolve('prod')));

    const first = await names.namesOf([PROD]);
    advance(4 * MINUTE);
    await names.namesOf([PROD]);
    advance(2 * MINUTE);
    const retried = await names.namesOf([PROD]);

    expect(first.failures).toEqual([expect.objectContaining({ reason: 'error', message: 'boom' })]);
    expect(retried.names.get(PROD)).toBe('prod');
    expect(calls).toEqual([PROD, PROD]);
  });

  it('never rejects, and asks nothing without sources (ACCOUNT_NAME_LOOKUP=off)', async () => {
    const names = createAccountNames({ static: new Map([[PROD, 'static']]) });

    expect(await names.namesOf([PROD, '444455556666'])).toEqual({
      names: new Map([[PROD, 'static']]),
      failures: [],
    });
  });
});
