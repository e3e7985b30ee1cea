import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../src/render/email.js';
import { aSignIn } from '../../support/sign-in.js';

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
