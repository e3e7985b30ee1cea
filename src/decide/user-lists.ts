/**
 * Whether a sign-in is announced, by the user's USER_ALLOWLIST and USER_DENYLIST.
 * The denylist wins: a user on both lists is never announced.
 */
import type { SignIn } from '../sign-ins/sign-in.js';
import { matchesAny, type UserPattern } from './user-pattern.js';

export interface UserLists {
  /** Undefined when USER_ALLOWLIST is unset: everyone is announced. */
  readonly allowlist: readonly UserPattern[] | undefined;
  readonly denylist: readonly UserPattern[];
}

export type ListDecision =
  | { readonly announce: true }
  | { readonly announce: false; readonly reason: 'denylisted' | 'not-allowlisted' };

export function decideByUserLists(signIn: SignIn, lists: UserLists): ListDecision {
  const candidates = [signIn.userName, signIn.arn];
  if (matchesAny(lists.denylist, candidates)) return { announce: false, reason: 'denylisted' };
  if (lists.allowlist !== undefined && !matchesAny(lists.allowlist, candidates)) {
    return { announce: false, reason: 'not-allowlisted' };
  }
  return { announce: true };
}
