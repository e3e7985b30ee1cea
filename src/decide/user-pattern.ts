/**
 * User patterns of USER_ALLOWLIST and USER_DENYLIST: exact names or `*` wildcards, matched
 * case-insensitively against a sign-in's display name and against its identity ARN.
 */

/** Characters of IAM names, role session names (e-mail addresses) and ARNs, plus the `*` wildcard. */
const PATTERN_CHARACTERS = /^[A-Za-z0-9+=.@_:/*-]+$/;

export interface UserPattern {
  readonly source: string;
  readonly regex: RegExp;
}

/** Parses one comma-separated list; throws a plain Error that the config module names. */
export function parseUserPatterns(list: string): UserPattern[] {
  return list.split(',').map((raw, index) => {
    const source = raw.trim();
    if (source === '') {
      throw new Error(`pattern ${index + 1} is empty (a stray comma?)`);
    }
    if (!PATTERN_CHARACTERS.test(source)) {
      throw new Error(
        `pattern "${source}" has a character that no IAM name or ARN holds (only * is a wildcard)`,
      );
    }
    const body = source
      .split('*')
      .map((part) => part.replace(/[.+=@/:-]/g, '\\$&'))
      .join('.*');
    return { source, regex: new RegExp(`^${body}$`, 'i') };
  });
}

/** One alternation per list, built once: a sign-in costs one regex test per candidate, not per pattern. */
const combined = new WeakMap<readonly UserPattern[], RegExp>();

/** True when any pattern matches one of the candidates (display name, ARN). */
export function matchesAny(
  patterns: readonly UserPattern[],
  candidates: readonly (string | undefined)[],
): boolean {
  if (patterns.length === 0) return false;
  let regex = combined.get(patterns);
  if (!regex) {
    regex = new RegExp(patterns.map((pattern) => `(?:${pattern.regex.source})`).join('|'), 'i');
    combined.set(patterns, regex);
  }
  const test = regex;
  return candidates.some((candidate) => candidate !== undefined && test.test(candidate));
}
