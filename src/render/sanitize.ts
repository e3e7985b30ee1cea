/**
 * Makes strings from a CloudTrail record safe to show. A user agent or user name is chosen by
 * whoever signs in: it may carry CR/LF to forge lines of the e-mail, terminal escapes, or megabytes.
 */

// C0 and C1 controls, DEL, the Unicode line/paragraph separators and bidi overrides, the noncharacters
// U+FFFE and U+FFFF (SNS and SQS reject them), lone surrogates.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Longest value of a field from the record in the e-mail and the JSON document. */
export const FIELD_MAX = 512;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One line of text: unsafe characters shown as escapes (`\n`, `\u001b`), cut to `max` characters. */
export function cleanLine(value: string, max: number): string {
  const escaped = value.replace(
    UNSAFE,
    (char) => ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return truncate(escaped, max);
}

/** Printable ASCII only (SNS subjects allow nothing else); other characters become `?`. */
export function asciiLine(value: string, max: number): string {
  return truncate(value.replace(/[^\x20-\x7e]/g, '?').replace(/ {2,}/g, ' '), max, '...');
}

/** `value` cut to `max` characters, its end shown as `ellipsis`. */
export function truncate(value: string, max: number, ellipsis = '…'): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - ellipsis.length);
  // Never leave half of a surrogate pair at the cut.
  const safe = /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${safe}${ellipsis}`;
}
