/**
 * Account names through the real @aws-sdk/client-organizations and @aws-sdk/client-iam, against
 * loopbacks that speak their wire protocols (AWS JSON 1.1; AWS query with XML): found, cached,
 * not in the organization, denied (and not asked again), slow and hanging (the time box answers
 * with what it knows), and the alias of the notifier's own account.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccountNames } from '../../src/accounts/account-names.js';
import { nameSourcesOf } from '../../src/accounts/name-sources.js';
import { lazyLookupClients } from '../../src/aws-clients.js';
import { type IamReply, startLoopbackIam } from '../../testing/iam-loopback.js';
import { type OrganizationsReply, startLoopbackOrganizations } from '../../testing/organizations-loopback.js';
import { closeServed, stubAwsEnvironment } from '../support/loopback-clients.js';

const PROD = '210987654321';
const SANDBOX = '444455556666';
const OWN = '111122223333';

const opened: { close(): Promise<unknown> }[] = [];

beforeEach(stubAwsEnvironment);
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
  await closeServed();
});

/** The lookup as the handler wires it, against loopbacks scripted by `organizations` and `iam`. */
async function lookup(
  organizations: (index: number) => OrganizationsReply = () => ({ kind: 'ok' }),
  iam: (index: number) => IamReply = () => ({ kind: 'ok' }),
  staticNames: Record<string, string> = {},
) {
  const orgs = await startLoopbackOrganizations({
    accounts: { [PROD]: 'prod-payments', [SANDBOX]: 'sandbox' },
    reply: (_request, index) => organizations(index),
  });
  const aliases = await startLoopbackIam({
    aliases: ['acme-security'],
    reply: (_request, index) => iam(index),
  });
  opened.push(orgs, aliases);
  vi.stubEnv('AWS_ENDPOINT_URL_ORGANIZATIONS', orgs.url);
  vi.stubEnv('AWS_ENDPOINT_URL_IAM', aliases.url);
  const clients = lazyLookupClients();
  opened.push({ close: () => clients.destroy() });
  const names = createAccountNames({
    static: new Map(Object.entries(staticNames)),
    sources: nameSourcesOf(clients),
  });
  names.setOwnAccount(OWN);
  return { names, orgs, aliases };
}

describe('account names', () => {
  it('finds names with DescribeAccount, and keeps them for the hour: the second batch asks nothing', async () => {
    const { names, orgs } = await lookup();

    const first = await names.namesOf([PROD, SANDBOX, PROD]);
    const second = await names.namesOf([SANDBOX, PROD]);

    expect(Object.fromEntries(first.names)).toEqual({ [PROD]: 'prod-payments', [SANDBOX]: 'sandbox' });
    expect(first.failures).toEqual([]);
    expect(second.names).toEqual(first.names);
    expect(orgs.requests.map(({ operation, body }) => [operation, body.AccountId]).sort()).toEqual([
      ['DescribeAccount', PROD],
      ['DescribeAccount', SANDBOX],
    ]);
    expect(orgs.requests[0]?.headers['x-amz-target']).toBe('AWSOrganizationsV20161128.DescribeAccount');
  });

  it('puts ACCOUNT_NAMES first and asks nothing for them; skips IDs that are not 12 digits', async () => {
    const { names, orgs } = await lookup(undefined, undefined, { [PROD]: 'payments (static)' });

    const { names: found } = await names.namesOf([PROD, 'xxx', '13371337']);

    expect(Object.fromEntries(found)).toEqual({ [PROD]: 'payments (static)' });
    expect(orgs.requests).toEqual([]);
  });

  it('leaves an account the organization does not have unnamed, without a failure, and does not ask again', async () => {
    const { names, orgs } = await lookup();

    const first = await names.namesOf(['999999999999']);
    await names.namesOf(['999999999999']);

    expect(first).toEqual({ names: new Map(), failures: [] });
    expect(orgs.requests).toHaveLength(1);
  });

  it('remembers access denied: counted once, and Organizations is not asked again', async () => {
    const { names, orgs } = await lookup(() => ({
      kind: 'error',
      status: 400,
      code: 'AccessDeniedException',
    }));

    const first = await names.namesOf([PROD]);
    const second = await names.namesOf([SANDBOX]);

    expect(first.names.size).toBe(0);
    expect(first.failures).toEqual([
      expect.objectContaining({ account: PROD, source: 'organizations', reason: 'denied' }),
    ]);
    expect(second).toEqual({ names: new Map(), failures: [] });
    expect(orgs.requests).toHaveLength(1);
  });

  it('names the own account by its IAM alias when Organizations cannot (not in an organization)', async () => {
    const { names, aliases } = await lookup(() => ({
      kind: 'error',
      status: 400,
      code: 'AWSOrganizationsNotInUseException',
    }));

    const { names: found } = await names.namesOf([OWN, PROD]);

    expect(Object.fromEntries(found)).toEqual({ [OWN]: 'acme-security' });
    expect(aliases.requests.map(({ action }) => action)).toEqual(['ListAccountAliases']);
  });

  it('prefers the organization name of the own account to its alias', async () => {
    const { names } = await lookup();

    const { names: found } = await names.namesOf([PROD]);

    expect(found.get(PROD)).toBe('prod-payments');
  });

  it('remembers an IAM denial as well', async () => {
    const { names, aliases } = await lookup(
      () => ({ kind: 'error', status: 400, code: 'AWSOrganizationsNotInUseException' }),
      () => ({ kind: 'error', status: 403, code: 'AccessDenied' }),
    );

    const first = await names.namesOf([OWN]);

    expect(first.failures.map(({ source, reason }) => [source, reason]).sort()).toEqual([
      ['iam-alias', 'denied'],
      ['organizations', 'denied'],
    ]);
    expect((await names.namesOf([OWN])).failures).toEqual([]);
    expect(aliases.requests).toHaveLength(1);
  });

  it.each<[string, OrganizationsReply]>([
    ['slower than the box (1.5 s)', { kind: 'slow', ms: 1_500 }],
    ['hanging', { kind: 'hang' }],
  ])('answers with what it knows when Organizations is %s, and counts a timeout', async (_label, reply) => {
    const { names, orgs } = await lookup((index) => (index === 0 ? { kind: 'ok' } : reply));

    await names.namesOf([PROD]);
    const result = await names.namesOf([PROD, SANDBOX]);

    expect(Object.fromEntries(result.names)).toEqual({ [PROD]: 'prod-payments' });
    expect(result.failures).toEqual([expect.objectContaining({ account: SANDBOX, reason: 'timeout' })]);
    // The box answered before Organizations did, if it ever does.
    expect(orgs.answered).toEqual([PROD]);
  });
});
