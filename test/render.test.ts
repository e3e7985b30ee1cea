import { describe, expect, it } from 'vitest';
import { readFixture, recordFixtureNames } from '../scripts/deliveries.js';
import { consoleLink, renderDocument, renderEmail, renderSubject } from '../src/render.js';
import { severityOf } from '../src/severity.js';
import { parseRecord, type SignIn } from '../src/sign-in.js';
import { aSignIn } from './support/sign-in.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,100}$/;

function fixtureSignIns(): [string, SignIn][] {
  return recordFixtureNames().flatMap((name) => {
    const parsed = parseRecord(JSON.stringify(readFixture(name)));
    return parsed.kind === 'sign-in' ? [[name, parsed.signIn] as [string, SignIn]] : [];
  });
}

describe('renderSubject', () => {
  it.each(fixtureSignIns())('%s: at most 100 printable ASCII characters, one line', (_name, signIn) => {
    expect(renderSubject(signIn, severityOf(signIn))).toMatch(PRINTABLE_ASCII);
  });

  it.each([
    [
      { outcome: 'Failure', userName: 'kenji', account: '210987654321', region: 'sa-east-1' },
      'Console sign-in FAILED: kenji @ 210987654321 (sa-east-1)',
    ],
    [{ identityType: 'Root', userName: 'root' }, 'ROOT console sign-in: root @ 111122223333 (us-east-1)'],
    [{}, 'Console sign-in WITHOUT MFA: alice @ 111122223333 (us-east-1)'],
    [{ mfaUsed: true }, 'Console sign-in: alice @ 111122223333 (us-east-1)'],
  ] as const)('reads %j as %s', (overrides, subject) => {
    const signIn = aSignIn(overrides);

    expect(renderSubject(signIn, severityOf(signIn))).toBe(subject);
  });

  it('keeps account and region readable when the user name is very long', () => {
    const subject = renderSubject(aSignIn({ userName: 'x'.repeat(300) }), 'high');

    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toContain('@ 111122223333 (us-east-1)');
  });

  it('turns line breaks and non-ASCII into harmless characters', () => {
    const subject = renderSubject(aSignIn({ userName: 'eve\r\nBcc: x@evil\u2028名' }), 'high');

    expect(subject).toMatch(PRINTABLE_ASCII);
    expect(subject).toContain('eve??Bcc: x@evil??');
  });
});

describe('renderEmail', () => {
  it('carries every fact a person needs', () => {
    const signIn = aSignIn({
      outcome: 'Failure',
      failureReason: 'Failed authentication',
      loginTo: 'https://console.aws.amazon.com/',
    });

    const text = renderEmail(signIn, 'medium');

    for (const fact of [
      'FAILED',
      'alice (IAMUser)',
      'arn:aws:iam::111122223333:user/alice',
      'Account:        111122223333',
      'us-east-1',
      '192.0.2.1',
      'MFA:           ',
      '2024-01-01T00:00:00Z',
      'Mozilla/5.0',
      'Failed authentication',
      'e-1',
      'Severity:       medium',
      'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/e-1',
    ]) {
      expect(text).toContain(fact);
    }
  });

  it('explains MFA "No" on a federated sign-in instead of alarming', () => {
    const text = renderEmail(
      aSignIn({ identityType: 'AssumedRole', federation: 'IAM Identity Center' }),
      'info',
    );

    expect(text).toContain('A federated user (IAM Identity Center) signed in');
    expect(text).toMatch(
      /MFA: +No, as CloudTrail reports every federated sign-in: the identity provider does the MFA/,
    );
  });

  it('tells what to do after a root sign-in', () => {
    expect(renderEmail(aSignIn({ identityType: 'Root', userName: 'root' }), 'critical')).toContain(
      'change the root password',
    );
  });

  it('explains the hidden user name of a failed sign-in', () => {
    const text = renderEmail(
      aSignIn({ userName: 'HIDDEN_DUE_TO_SECURITY_REASONS', outcome: 'Failure' }),
      'medium',
    );

    expect(text).toContain('AWS hides the user name');
  });

  it('says when a field is missing rather than leaving a blank', () => {
    const text = renderEmail(aSignIn({ sourceIp: undefined, eventId: undefined, arn: undefined }), 'high');

    expect(text).toMatch(/Source IP: +\(not in the record\)/);
    expect(text).toContain('No CloudTrail console link');
  });

  it('never lets a field forge a line of its own', () => {
    const signIn = aSignIn({
      userAgent: 'x\nSeverity: info\r\nSource IP: 10.0.0.1\u2028\u001b[2J',
      userName: 'a\nb',
    });

    const lines = renderEmail(signIn, 'high').split('\n');

    const severityLines = lines.filter((line) => line.startsWith('Severity:'));
    expect(severityLines).toHaveLength(1);
    expect(severityLines[0]).toMatch(/^Severity: +high$/);
    expect(lines.some((line) => line.startsWith('Source IP: 10.0.0.1'))).toBe(false);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters that must not get through.
    expect(lines.join('')).not.toMatch(/[\r\u2028\u001b]/);
  });

  it('cuts a very long user agent', () => {
    const text = renderEmail(aSignIn({ userAgent: 'A'.repeat(100_000) }), 'high');

    expect(text.length).toBeLessThan(5_000);
    expect(text).toContain('A…');
  });
});

describe('renderDocument', () => {
  it('gives machines one key per fact, null for what the record lacks', () => {
    const document = renderDocument(
      aSignIn({ mfaUsed: true, mfaDevice: 'arn:aws:iam::1:mfa/a', sourceIp: undefined }),
      'info',
    );

    expect(document).toMatchObject({
      event: 'ConsoleLogin',
      outcome: 'Success',
      severity: 'info',
      user: { name: 'alice', type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
      account: '111122223333',
      region: 'us-east-1',
      sourceIp: null,
      mfa: { used: true, device: 'arn:aws:iam::1:mfa/a' },
      time: '2024-01-01T00:00:00.000Z',
      eventId: 'e-1',
    });
  });
});

describe('consoleLink', () => {
  it.each([
    [{ region: 'eu-west-2r' }, undefined],
    [{ region: 'global' }, undefined],
    [{ eventId: undefined }, undefined],
    [
      { eventId: 'a b#c' },
      'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/a%20b%23c',
    ],
    [
      { region: 'ap-southeast-3' },
      'https://ap-southeast-3.console.aws.amazon.com/cloudtrailv2/home?region=ap-southeast-3#/events/e-1',
    ],
  ] as const)('%j → %s', (overrides, link) => {
    expect(consoleLink(aSignIn(overrides))).toBe(link);
  });
});
