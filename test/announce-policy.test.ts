import { describe, expect, it } from 'vitest';
import { decide } from '../src/announce-policy.js';
import { parseUserPatterns } from '../src/user-pattern.js';
import { aSignIn } from './support/sign-in.js';

const lists = (allow: string | undefined, deny = '') => ({
  allowlist: allow === undefined ? undefined : parseUserPatterns(allow),
  denylist: deny === '' ? [] : parseUserPatterns(deny),
});

describe('decide', () => {
  it('announces everyone when no list is set', () => {
    expect(decide(aSignIn({}), lists(undefined))).toEqual({ announce: true });
  });

  it('announces only allowlisted users when an allowlist is set', () => {
    expect(decide(aSignIn({ userName: 'alice' }), lists('alice,bob'))).toEqual({ announce: true });
    expect(decide(aSignIn({ userName: 'carol', arn: undefined }), lists('alice,bob'))).toEqual({
      announce: false,
      reason: 'not-allowlisted',
    });
  });

  it('never announces denylisted users', () => {
    expect(decide(aSignIn({ userName: 'ci-deploy' }), lists(undefined, 'ci-*'))).toEqual({
      announce: false,
      reason: 'denylisted',
    });
  });

  it('lets the denylist win over the allowlist', () => {
    expect(decide(aSignIn({ userName: 'alice' }), lists('alice', 'alice')).announce).toBe(false);
  });

  it('matches the ARN as well as the display name', () => {
    const sso = aSignIn({
      userName: 'kenji@example.com',
      arn: 'arn:aws:sts::1:assumed-role/AWSReservedSSO_admin/kenji@example.com',
    });

    expect(decide(sso, lists('*:assumed-role/AWSReservedSSO_admin/*')).announce).toBe(true);
    expect(decide(sso, lists(undefined, 'KENJI@EXAMPLE.COM')).announce).toBe(false);
  });
});
