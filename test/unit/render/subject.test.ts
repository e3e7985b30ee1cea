import { describe, expect, it } from 'vitest';
import { severityOf } from '../../../src/decide/severity.js';
import { renderSubject } from '../../../src/render/subject.js';
import { aSignIn, fixtureSignIns } from '../../support/sign-in.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,100}$/;

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
