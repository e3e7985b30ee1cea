import { describe, expect, it } from 'vitest';
import { severityOf } from '../../../src/decide/severity.js';
import { aSignIn as signIn } from '../../support/sign-in.js';

describe('severityOf', () => {
  it.each([
    ['root success without MFA', { identityType: 'Root', userName: 'root' }, 'critical'],
    ['root success with MFA', { identityType: 'Root', userName: 'root', mfaUsed: true }, 'critical'],
    ['root failure', { identityType: 'Root', outcome: 'Failure' }, 'high'],
    ['IAM user success without MFA', {}, 'high'],
    ['unidentified success without MFA', { identityType: 'Unknown' }, 'high'],
    ['IAM user failure', { outcome: 'Failure' }, 'medium'],
    ['IAM user failure even with MFA', { outcome: 'Failure', mfaUsed: true }, 'medium'],
    [
      'assumed-role failure',
      { identityType: 'AssumedRole', federation: 'role session', outcome: 'Failure' },
      'medium',
    ],
    ['IAM user success with MFA', { mfaUsed: true }, 'info'],
    ['SSO success (MFAUsed No)', { identityType: 'AssumedRole', federation: 'IAM Identity Center' }, 'info'],
    ['SAML success (MFAUsed No)', { identityType: 'AssumedRole', federation: 'SAML (x)' }, 'info'],
    ['IAM user named root is not root', { userName: 'root', mfaUsed: true }, 'info'],
    ['IAM user named root without MFA', { userName: 'root' }, 'high'],
  ] as const)('%s → %s', (_label, overrides, expected) => {
    expect(severityOf(signIn(overrides))).toBe(expected);
  });
});
