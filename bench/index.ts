/**
 * `npm run bench`: measures the notifier against its performance goals, each beside a baseline
 * measured in the same run, and prints PASS or MISS per goal. Informational, not a test: a missed
 * goal exits 0; only a step that could not measure at all (ERROR) exits 1.
 * Bounded to well under two minutes; talks to 127.0.0.1 only.
 */
import './quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { announce } from './announce.js';
import { buildBundles } from './bundles.js';
import { coldInit } from './cold-init.js';
import { decodeFilter } from './decode-filter.js';
import { fastPath } from './fast-path.js';
import { peakRss } from './peak-rss.js';
import { type BenchResult, table } from './stats.js';

async function main(): Promise<void> {
  const started = performance.now();
  // Outside the repository: its package.json says "type": "module", and the bundles are CommonJS.
  const workDir = mkdtempSync(join(tmpdir(), 'console-login-notifier-bench-'));
  const results: BenchResult[] = [];
  let errors = 0;
  const step = async (
    name: string,
    run: () => BenchResult | BenchResult[] | Promise<BenchResult | BenchResult[]>,
  ) => {
    try {
      results.push(...[await run()].flat());
    } catch (error) {
      errors++;
      console.error(`${name}: ERROR ${(error as Error).stack ?? error}`);
      results.push({ step: name, measured: 'ERROR (see above)', goal: '', pass: false });
    }
    console.log('');
  };
  try {
    console.log(`node ${process.version}; bundles in ${workDir}\n`);
    const bundles = await buildBundles(workDir);
    await step('1. cold init', () => coldInit(bundles));
    await step('2. decode + filter', () => decodeFilter());
    await step('3a. announce, SNS alone', () => announce(false, 2));
    await step('3b. announce, as deployed', () => announce(true, 4));
    await step('4. peak RSS', () => peakRss(bundles, workDir));
    await step('5. fast path', () => fastPath());
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  table(results);
  const missed = results.filter((result) => !result.pass).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\n${missed} of ${results.length} goals missed; bench took ${seconds} s`);
  if (errors > 0) process.exitCode = 1;
}

await main();
