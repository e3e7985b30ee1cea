/**
 * Whether a sign-in is announced, by the user's USER_ALLOWLIST and USER_DENYLIST.
 * The denylist wins: a user on both lists is never announced.
 */
import type { Config } from './config.js';
import type { SignIn } from './sign-in.js';
import { matchesAny } from './user-pattern.js';

export type Decision =
  | { readonly announce: true }
  | { readonly announce: false; readonly reason: 'denylisted' | 'not-allowlisted' };

export function decide(signIn: SignIn, config: Pick<Config, 'allowlist' | 'denylist'>): Decision {
  const candidates = [signIn.userName, signIn.arn];
  if (matchesAny(config.denylist, candidates)) return { announce: false, reason: 'denylisted' };
  if (config.allowlist !== undefined && !matchesAny(config.allowlist, candidates)) {
    return { announce: false, reason: 'not-allowlisted' };
  }
  return { announce: true };
}
