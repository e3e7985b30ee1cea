/**
 * Account names in what subscribers receive: the Lambda handler as a cold start loads it, with
 * ACCOUNT_NAME_LOOKUP's default, the real SDKs and loopback SNS, Organizations and IAM. A name
 * found rides in the subject, the text, the document and the `accountName` attribute; a hanging
 * Organizations never holds the announcement back past the time box, nor blocks it.
 */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliveryOf } from '../../testing/deliveries.js';
import { cloudTrailRecord } from '../../testing/events.js';
import { startLoopbackIam } from '../../testing/iam-loopback.js';
import { type OrganizationsReply, startLoopbackOrganizations } from '../../testing/organizations-loopback.js';
import { startLoopbackSns } from '../../testing/sns-loopback.js';

const FAILED_MFA = {
  ...cloudTrailRecord('credential-verification/aws-docs-sso-unknown-password-failure'),
  recipientAccountId: '210987654321',
};
const OWN_SIGN_IN = cloudTrailRecord('root-credentials/aws-docs-ct-password-updated'); // account 111122223333
const CONTEXT = {
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:console-login-notifier-prod-notifier',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
  vi.unstubAllEnvs();
});

async function coldStart(organizations: OrganizationsReply, env: Record<string, string> = {}) {
  const events: string[] = [];
  const sns = await startLoopbackSns({
    reply: () => {
      events.push('sns');
      return { kind: 'ok' };
    },
  });
  const orgs = await startLoopbackOrganizations({
    accounts: { '210987654321': 'prod-payments' },
    reply: () => organizations,
  });
  const iam = await startLoopbackIam({ aliases: ['acme-security'] });
  opened.push(sns, orgs, iam);
  const environment = {
    AWS_ENDPOINT_URL_SNS: sns.url,
    AWS_ENDPOINT_URL_ORGANIZATIONS: orgs.url,
    AWS_ENDPOINT_URL_IAM: iam.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:console-sign-ins',
    USER_ALLOWLIST: '',
    USER_DENYLIST: '',
    ...env,
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  vi.resetModules();
  const { handler } = await import('../../src/handlers/cloudwatch-logs.js');
  return { handler, sns, orgs, iam, events };
}

describe('account names in the messages', () => {
  it('names a member account from Organizations and the own account by its alias', async () => {
    const { handler, sns } = await coldStart({
      kind: 'error',
      status: 400,
      code: 'AccountNotFoundException',
    });

    await handler(deliveryOf([FAILED_MFA, OWN_SIGN_IN]), CONTEXT);

    const [member, own] = sns.delivered;
    expect(member?.attributes.accountName?.value).toBeUndefined();
    expect(own?.attributes.accountName?.value).toBe('acme-security');
    expect(own?.subject).toBe('ROOT password changed: root @ acme-security (111122223333), us-east-1');
  });

  it('carries a name found in the subject, the text, the document and the accountName attribute', async () => {
    const { handler, sns } = await coldStart({ kind: 'ok' });

    await handler(deliveryOf([FAILED_MFA]), CONTEXT);

    const [message] = sns.delivered;
    const body = JSON.parse(message?.message ?? '{}') as Record<string, string>;
    expect(message?.subject).toBe(
      'Identity Center sign-in FAILED: wrong password: user1 @ prod-payments (210987654321), us-east-1',
    );
    expect(message?.attributes.accountName).toEqual({ dataType: 'String', value: 'prod-payments' });
    expect(message?.attributes.account?.value).toBe('210987654321');
    expect(body.email).toMatch(/Account: +prod-payments \(210987654321\)/);
    expect(JSON.parse(body.sqs ?? '{}')).toMatchObject({
      account: '210987654321',
      accountName: 'prod-payments',
    });
  });

  it('announces with the bare ID when Organizations hangs: the box ends the wait, no answer is needed', async () => {
    const { handler, sns, orgs, events } = await coldStart({ kind: 'hang' });

    const report = await handler(deliveryOf([FAILED_MFA]), CONTEXT);

    expect(report.announced).toBe(1);
    expect(sns.delivered[0]?.subject).toBe(
      'Identity Center sign-in FAILED: wrong password: user1 @ 210987654321 (us-east-1)',
    );
    expect(sns.delivered[0]?.attributes).not.toHaveProperty('accountName');
    expect(orgs.requests).toHaveLength(1);
    expect(orgs.answered).toEqual([]);
    expect(events).toEqual(['sns']);
  });

  it('asks nothing with ACCOUNT_NAME_LOOKUP=off, and still uses ACCOUNT_NAMES', async () => {
    const { handler, sns, orgs, iam } = await coldStart(
      { kind: 'ok' },
      { ACCOUNT_NAME_LOOKUP: 'off', ACCOUNT_NAMES: '111122223333=security' },
    );

    await handler(deliveryOf([FAILED_MFA, OWN_SIGN_IN]), CONTEXT);

    expect(sns.delivered.map((message) => message.attributes.accountName?.value)).toEqual([
      undefined,
      'security',
    ]);
    expect(orgs.requests).toEqual([]);
    expect(iam.requests).toEqual([]);
  });
});
