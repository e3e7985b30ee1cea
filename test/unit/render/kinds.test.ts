/**
 * Each kind's own words (src/render/wording.ts, advice.ts): subject, the e-mail's headline and
 * advice, and the JSON document's fields, over real records. Kinds of which no public record was
 * found (a failed CheckMfa, the root recovery and e-mail events) are real records of the nearest
 * kind with the eventName or outcome changed, and say so.
 */
import { describe, expect, it } from 'vitest';
import { severityOf } from '../../../src/decide/severity.js';
import { renderDocument } from '../../../src/render/document.js';
import { renderEmail } from '../../../src/render/email.js';
import { toNotification } from '../../../src/render/notification.js';
import { renderSubject } from '../../../src/render/subject.js';
import { cloudTrailRecord } from '../../../testing/events.js';
import { signInOf } from '../../support/sign-in.js';

const fixture = (name: string, changes: Record<string, unknown> = {}) =>
  signInOf({ ...cloudTrailRecord(name), ...changes });
const PASSWORD_UPDATED = 'root-credentials/aws-docs-ct-password-updated';
const derivedRoot = (eventName: string, outcome = 'Success') =>
  fixture(PASSWORD_UPDATED, { eventName, responseElements: { [eventName]: outcome } });

// biome-ignore format: one row per kind reads as a table.
const KINDS: [label: string, signIn: ReturnType<typeof signInOf>, subject: string, headline: RegExp, advice: RegExp][] = [
  ['CheckMfa failure (derived: a real CheckMfa record, outcome set to Failure)', fixture('check-mfa/aws-docs-ct-u2f', { responseElements: { CheckMfa: 'Failure' } }),
    'Console sign-in FAILED at the MFA step: anaya @ 111122223333 (us-east-1)', /^Console sign-in FAILED at the MFA step: anaya \(password was correct\), account 111122223333\.$/, /Whoever tried knows this password/],
  ['UserAuthentication with a password alone', fixture('user-authentication/aws-docs-sso-unknown-password'),
    'Identity Center sign-in WITHOUT MFA: user1 @ 111122223333 (us-east-1)', /user1 signed in to the access portal of account 111122223333 with a password alone\.$/, /require MFA/],
  ['UserAuthentication with password and TOTP', fixture('user-authentication/aws-docs-idc-identitycenteruser-password-totp'),
    'Identity Center sign-in: 94d00cd8-e9e6-4810-b177-b08e84725435 @ 111122223333 (us-east-1)', /with a password and TOTP\.$/, /access portal/],
  ['CredentialVerification failure of a password', fixture('credential-verification/aws-docs-sso-unknown-password-failure'),
    'Identity Center sign-in FAILED: wrong password: user1 @ 111122223333 (us-east-1)', /^Identity Center sign-in FAILED: wrong password: user1, account 111122223333\.$/, /One failure is a typo/],
  ['CredentialVerification failure of a TOTP code (derived: a real failure, CredentialType set to TOTP)', fixture('credential-verification/aws-docs-sso-unknown-password-failure', { additionalEventData: { CredentialType: 'TOTP' } }),
    'Identity Center sign-in FAILED at the MFA step: user1 @ 111122223333 (us-east-1)', /^Identity Center sign-in FAILED at the MFA step: user1 \(password was correct\), account 111122223333\.$/, /reset their password in Identity Center/],
  ['PasswordUpdated', fixture(PASSWORD_UPDATED),
    'ROOT password changed: root @ 111122223333 (us-east-1)', /^ROOT password changed: root, account 111122223333\.$/, /take over the account/],
  ['PasswordUpdated failure', fixture('root-credentials/panther-root-passwordupdated-failure'),
    'ROOT password change FAILED: root @ 123456789012 (us-east-1)', /^ROOT password change FAILED/, /take over the account/],
  ['PasswordRecoveryRequested (derived from PasswordUpdated)', derivedRoot('PasswordRecoveryRequested'),
    'ROOT password recovery requested: root @ 111122223333 (us-east-1)', /^ROOT password recovery requested/, /"Forgot password\?"/],
  ['PasswordRecoveryCompleted (derived from PasswordUpdated)', derivedRoot('PasswordRecoveryCompleted'),
    'ROOT password reset through recovery: root @ 111122223333 (us-east-1)', /^ROOT password reset through recovery/, /holds the root password now/],
  ['EmailUpdated failure (derived from PasswordUpdated)', derivedRoot('EmailUpdated', 'Failure'),
    'ROOT e-mail address change FAILED: root @ 111122223333 (us-east-1)', /^ROOT e-mail address change FAILED/, /recovery mails now go/],
  ['SwitchRole', fixture('switch-role/davxiao-cross-account'),
    'Console role switch: bob@example.com @ 776613361644 (us-east-1)', /^Console role switch: arn:aws:iam::203016562928:user\/bob@example\.com switched into the role session bob@example\.com/, /trust policy/],
  ['GetSigninToken', fixture('get-signin-token/panther-assumedrole-python-requests'),
    'Console sign-in token issued: session @ 123456789012 (us-east-1)', /^Console sign-in token issued: session, account 123456789012\.$/, /stolen keys/],
  ['ConsoleLogin without an outcome', fixture('console-login/mapbox-consolelogin-minimal-no-identity'),
    'Console sign-in, outcome UNKNOWN: unknown @ unknown (us-east-1)', /the record does not say whether it succeeded\.$/, /rated as a failure, never as a success/],
];

describe.each(KINDS)('%s', (_label, signIn, subject, headline, advice) => {
  const severity = severityOf(signIn);

  it('has its own subject', () => {
    expect(renderSubject(signIn, severity)).toBe(subject);
  });

  it('opens the e-mail in plain words and says what it means and what to do', () => {
    const text = renderEmail(signIn, severity);

    expect(text.split('\n')[0]).toMatch(headline);
    expect(text).toMatch(advice);
    if (signIn.eventName !== 'ConsoleLogin')
      expect(text).toMatch(/What it means: .*\n(What to do: |If nobody)/);
  });

  it('gives machines the event and the outcome', () => {
    expect(renderDocument(signIn, severity)).toMatchObject({
      event: signIn.eventName,
      outcome: signIn.outcome,
    });
  });
});

describe('the Identity Center facts', () => {
  it('lists the credentials, and keeps the sign-in codes of the portal URL out of the message', () => {
    const signIn = fixture('user-authentication/aws-docs-sso-unknown-password-totp');

    const text = renderEmail(signIn, severityOf(signIn));
    const document = renderDocument(signIn, severityOf(signIn));

    expect(text).toMatch(/Credentials: +PASSWORD, TOTP/);
    expect(text).toMatch(/Signed in to: +https:\/\/d-1234567890\.awsapps\.com\/start\/\n/);
    expect(text).not.toContain('auth_code');
    expect(document).toMatchObject({ credentialTypes: ['PASSWORD', 'TOTP'], mfa: { used: true } });
  });

  it('says the external identity provider does the MFA, rather than "No"', () => {
    const signIn = fixture('user-authentication/aws-docs-idc-identitycenteruser-external-idp');

    expect(renderEmail(signIn, severityOf(signIn))).toMatch(
      /MFA: +No, as AWS sees it: the external identity provider handles MFA/,
    );
    expect(toNotification(signIn, 'k').attributes).toMatchObject({ mfa: 'No', severity: 'info' });
  });
});

describe('the document keys of some kinds only', () => {
  it('carries switchedFrom on a SwitchRole, and neither key on a ConsoleLogin', () => {
    const switched = fixture('switch-role/davxiao-cross-account');
    const login = fixture('console-login/aws-docs-ct-root-failure');

    expect(renderDocument(switched, severityOf(switched))).toMatchObject({
      switchedFrom: 'arn:aws:iam::203016562928:user/bob@example.com',
    });
    expect(renderDocument(login, severityOf(login))).not.toHaveProperty('switchedFrom');
    expect(renderDocument(login, severityOf(login))).not.toHaveProperty('credentialTypes');
  });
});

describe('the account name', () => {
  const signIn = fixture('console-login/aws-docs-iam-user-failure-janedoe', {
    recipientAccountId: '210987654321',
  });

  it('names the account in the subject, the text, the document and an attribute; `account` stays the ID', () => {
    const notification = toNotification(signIn, 'k', { accountName: 'prod-payments' });
    const body = JSON.parse(notification.message) as Record<string, string>;

    expect(notification.subject).toBe(
      'Console sign-in FAILED: JaneDoe @ prod-payments (210987654321), us-east-2',
    );
    expect(body.email).toContain(
      'FAILED to sign in to the AWS console of account prod-payments (210987654321).',
    );
    expect(body.email).toMatch(/Account: +prod-payments \(210987654321\)/);
    expect(JSON.parse(body.sqs ?? '{}')).toMatchObject({
      account: '210987654321',
      accountName: 'prod-payments',
    });
    expect(notification.attributes).toMatchObject({ account: '210987654321', accountName: 'prod-payments' });
  });

  it('leaves the attribute out and the document null when no name is known', () => {
    const notification = toNotification(signIn, 'k');

    expect(notification.attributes).not.toHaveProperty('accountName');
    expect(JSON.parse(JSON.parse(notification.message).sqs)).toMatchObject({ accountName: null });
  });

  it('keeps the subject within 100 printable characters with a long name and user', () => {
    const long = signInOf({
      ...cloudTrailRecord('check-mfa/aws-docs-ct-u2f'),
      responseElements: { CheckMfa: 'Failure' },
    });

    const subject = renderSubject({ ...long, userName: 'u'.repeat(80) }, 'high', 'n'.repeat(80));

    expect(subject).toMatch(/^[\x20-\x7e]{1,100}$/);
    expect(subject).toContain('(111122223333), us-east-1');
  });
});
