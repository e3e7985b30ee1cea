/**
 * What the doctor says: one finding per line, OK / WARN / FAIL (or ✔ ! ✘ on a UTF-8 terminal),
 * the details and the fix indented under it. Exit code 1 when anything failed; warnings are worth
 * a look but do not fail the run.
 */

export type Status = 'ok' | 'warn' | 'fail';

export interface Finding {
  readonly status: Status;
  readonly text: string;
  /** Lines shown under the finding: examples, the other trails, … */
  readonly details?: readonly string[];
  /** What to do about it, for a warning or a failure. */
  readonly fix?: string;
}

export const ok = (text: string, details?: readonly string[]): Finding => ({ status: 'ok', text, details });
export const warn = (text: string, fix?: string, details?: readonly string[]): Finding => ({
  status: 'warn',
  text,
  fix,
  details,
});
export const fail = (text: string, fix?: string, details?: readonly string[]): Finding => ({
  status: 'fail',
  text,
  fix,
  details,
});

const WORDS: Record<Status, string> = { ok: 'OK  ', warn: 'WARN', fail: 'FAIL' };
const SYMBOLS: Record<Status, string> = { ok: '✔', warn: '!', fail: '✘' };

/** Symbols only where the terminal says it reads UTF-8 (the first of LC_ALL, LC_CTYPE, LANG that is set). */
export function wantsSymbols(ascii: boolean, env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return !ascii && /utf-?8/i.test(locale);
}

export function render(findings: readonly Finding[], symbols: boolean): string[] {
  const marks = symbols ? SYMBOLS : WORDS;
  const indent = ' '.repeat(marks.ok.length + 1);
  return findings.flatMap(({ status, text, details = [], fix }) => [
    `${marks[status]} ${text}`,
    ...details.map((line) => `${indent}  ${line}`),
    ...(fix && status !== 'ok' ? [`${indent}fix: ${fix}`] : []),
  ]);
}

export function summary(findings: readonly Finding[]): string {
  const failed = findings.filter(({ status }) => status === 'fail').length;
  const warned = findings.filter(({ status }) => status === 'warn').length;
  if (failed + warned === 0) return `done: all ${findings.length} checks passed`;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `done: ${plural(failed, 'problem')}, ${plural(warned, 'warning')} (${findings.length} checks)`;
}

export function exitCodeOf(findings: readonly Finding[]): 0 | 1 {
  return findings.some(({ status }) => status === 'fail') ? 1 : 0;
}

/** `2026-03-01T10:04:05Z (4 minutes ago)`: the time as AWS shows it, and how long ago in words. */
export function when(date: Date, now: number): string {
  const minutes = Math.round((now - date.getTime()) / 60_000);
  const ago =
    minutes < 1
      ? 'just now'
      : minutes < 120
        ? `${minutes} minute${minutes === 1 ? '' : 's'} ago`
        : minutes < 48 * 60
          ? `${Math.round(minutes / 60)} hours ago`
          : `${Math.round(minutes / 1440)} days ago`;
  return `${date.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${ago})`;
}
