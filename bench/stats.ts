/** Small helpers shared by the benchmark steps: medians, formatting and the result rows. */

export interface BenchResult {
  readonly step: string;
  readonly measured: string;
  readonly goal: string;
  readonly pass: boolean;
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const ratio = (value: number): string => `${value.toFixed(2)}×`;
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

/** One indented line of a step's details. */
export function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(58)} ${value}`);
}

export function table(results: readonly BenchResult[]): void {
  const widths = [
    Math.max(4, ...results.map((result) => result.step.length)),
    Math.max(8, ...results.map((result) => result.measured.length)),
    Math.max(4, ...results.map((result) => result.goal.length)),
  ] as const;
  const row = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(row(['step', 'measured', 'goal', 'verdict']));
  console.log(row(widths.map((width) => '-'.repeat(width)).concat('-------')));
  for (const result of results) {
    console.log(row([result.step, result.measured, result.goal, verdict(result.pass)]));
  }
}
