/** What `npm run doctor` printed, read back as findings, so that tests assert on findings, not on layout. */

export interface PrintedFinding {
  readonly status: string;
  readonly text: string;
  readonly details: string[];
  fix?: string;
}

/** The doctor's standard output read back: one finding per status line, its details and fix under it. */
export function findingsOf(stdout: string): PrintedFinding[] {
  const findings: PrintedFinding[] = [];
  for (const line of stdout.split('\n').filter(Boolean)) {
    const status = /^(OK {2}|WARN|FAIL|✔|!|✘) (.*)$/.exec(line);
    const last = findings.at(-1);
    if (status) findings.push({ status: (status[1] ?? '').trim(), text: status[2] ?? '', details: [] });
    else if (last && /^ +fix: /.test(line)) last.fix = line.replace(/^ +fix: /, '');
    else last?.details.push(line.trim());
  }
  return findings;
}
