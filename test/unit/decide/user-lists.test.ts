import { describe, expect, it } from 'vitest';
import { decideByUserLists } from '../../../src/decide/user-lists.js';
import { parseUserPatterns } from '../../../src/decide/user-pattern.js';
import { aSignIn } from '../../support/sign-in.js';

const lists = (allow: string | undefined, deny = '') => ({
  allowlist: allow === undefined ? undefined : parseUserPatterns(allow),
  denylist: deny === '' ? [] : parseUserPatterns(deny),
});

describe('decide', () => {
  it('announces everyone when no list is set', () => {
    expect(decideByUserLists(aSignIn({}), lists(undefined))).toEqual({ announce: true });
  });

  it('announces only allowlisted users when an allowlist is set', () => {
    expect(decideByUserLists(aSignIn({ userName: 'alice' }), lists('alice,bob'))).toEqual({ announce: true });
    expect(decideByUserLists(aSignIn({ userName: 'carol', arn: undefined }), lists('alice,bob'))).toEqual({
      announce: false,
      reason: 'not-allowlisted',
    });
  });

  it('never announces denylisted users', () => {
    expect(decideByUserLists(aSignIn({ userName: 'ci-deploy' }), lists(undefined, 'ci-*'))).toEqual({
      announce: false,
      reason: 'denylisted',
    });
  });

  it('lets the denylist win over the allowlist', () => {
    expect(decideByUserLists(aSignIn({ userName: 'alice' }), lists('alice', 'alice')).announce).toBe(false);
  });

  it('matches the ARN as well as the display name', () => {
    const sso = aSignIn({
      userName: 'kenji@example.com',
      arn: 'arn:aws:sts::1:assumed-role/AWSReservedSSO_admin/kenji@example.com',
    });

    expect(decideByUserLists(sso, lists('*:assumed-role/AWSReservedSSO_admin/*')).announce).toBe(true);
    expect(decideByUserLists(sso, lists(undefined, 'KENJI@EXAMPLE.COM')).announce).toBe(false);
  });
});
