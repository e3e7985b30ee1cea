/** CloudWatch Logs filter patterns, the subset the notifier and its commands use, for the loopback. */

export type Pattern = (message: string) => boolean;

/**
 * The subset of the filter pattern syntax the notifier and its commands use: empty (everything),
 * JSON terms `$.a.b = "value"` / `!=`, values quoted or bare, `*` as a wildcard, joined by `&&`;
 * or terms of unstructured events, words or "quoted phrases" that must all appear, case-sensitive
 * (`ERROR`, as the doctor reads the notifier's own log group). Anything else is rejected the way
 * AWS rejects a malformed pattern.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export function parsePattern(pattern: unknown): Pattern | undefined {
  const text = typeof pattern === 'string' ? pattern.trim() : '';
  if (text === '') return () => true;
  if (/^(?:\w+|"[^"]+")(?:\s+(?:\w+|"[^"]+"))*$/.test(text)) return termsPattern(text);
  const body = /^\{(.*)\}$/s.exec(text)?.[1];
  if (body === undefined) return undefined;
  const terms = body
    .split('&&')
    .map((term) => /^\s*\$((?:\.[A-Za-z_][\w-]*)+)\s*(!=|=)\s*(?:"([^"]*)"|([\w.*-]+))\s*$/.exec(term));
  if (terms.some((term) => term === null)) return undefined;
  const tests = (terms as RegExpExecArray[]).map(([, path = '', operator, quoted, bare]) => {
    const value = new RegExp(`^${(quoted ?? bare ?? '').split('*').map(escapeRegExp).join('.*')}$`);
    const keys = path.slice(1).split('.');
    return (json: unknown) => {
      const field = keys.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), json);
      if (field === undefined || field === null || typeof field === 'object') return false;
      return value.test(String(field)) === (operator === '=');
    };
  });
  return (message) => {
    const json = parseJson(message);
    return json !== undefined && tests.every((test) => test(json));
  };
}

/** Each word or phrase must appear, bounded by non-word characters (or the ends of the event). */
function termsPattern(text: string): Pattern {
  const terms = [...text.matchAll(/\w+|"([^"]+)"/g)].map(([term, phrase]) => phrase ?? term);
  const tests = terms.map((term) => new RegExp(`(?:^|\\W)${escapeRegExp(term)}(?:\\W|$)`));
  return (message) => tests.every((test) => test.test(message));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
