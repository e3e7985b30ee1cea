/**
 * Step 4: peak RSS of a fresh node process that loads the handler bundle and announces one
 * delivery, as deployed: the dedupe table and SNS on loopbacks in worker threads of this process,
 * logs at INFO. 4a: 5000 sign-ins; 4b: the largest delivery the decoder accepts (MAX_RECORDS
 * records that decompress to nearly MAX_DECODED_BYTES), which must fit the function's memory with
 * margin. When V8 collects garbage varies from run to run, so the peak does too: median of a few.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DECODED_BYTES, MAX_RECORDS } from '../src/sources/cloudwatch-logs.js';
import { deliveryOf } from '../testing/deliveries.js';
import type { Bundles } from './bundles.js';
import { RESULT_PREFIX, runNode } from './child.js';
import { DEPLOYED_ENV, distinctSignIns, handlerEnv } from './environment.js';
import { startRemoteLoopback } from './remote-loopback.js';
import { type BenchResult, line, median, mib } from './stats.js';

const GOAL_MIB = 160;
/** The function's memory (serverless.yml) and the share of it the largest delivery may take. */
const FUNCTION_MIB = 512;
const CAP_SHARE = 0.8;

const ANNOUNCE_ONE_DELIVERY = `
const { readFileSync } = require('node:fs');
const { handler } = require(process.env.BENCH_BUNDLE);
const event = JSON.parse(readFileSync(process.env.BENCH_EVENT, 'utf8'));
handler(event).then((report) => {
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write('${RESULT_PREFIX}' + JSON.stringify({ maxRssKiB, report }) + '\\n');
}, (error) => {
  process.stdout.write('${RESULT_PREFIX}' + JSON.stringify({ error: String(error) }) + '\\n');
});
`;

/** The records of the largest delivery the decoder accepts: each padded to its share of the cap. */
function largestAccepted(): Record<string, unknown>[] {
  const records = distinctSignIns(MAX_RECORDS);
  const size = JSON.stringify(records[0]).length;
  // JSON escaping of each message in the payload, and the payload's own fields, take about a third.
  const pad = Math.floor((MAX_DECODED_BYTES * 0.75) / MAX_RECORDS) - size;
  return records.map((record) => ({ ...record, userAgent: `${'x'.repeat(Math.max(0, pad))}` }));
}

async function peakOf(bundles: Bundles, file: string, count: number, runs: number): Promise<number[]> {
  const peaks: number[] = [];
  // A new table each run: the same sign-ins announced again would be duplicates.
  for (let run = 0; run < runs; run++) peaks.push(await peakOfOne(bundles, file, count));
  return peaks;
}

async function peakOfOne(bundles: Bundles, file: string, count: number): Promise<number> {
  const sns = await startRemoteLoopback({ kind: 'sns', latencyMs: 0 });
  const dynamo = await startRemoteLoopback({
    kind: 'dynamodb',
    latencyMs: 0,
    table: DEPLOYED_ENV.DEDUPE_TABLE_NAME,
  });
  try {
    const env = handlerEnv({
      ...DEPLOYED_ENV,
      PARKING_QUEUE_URL: '',
      AWS_ENDPOINT_URL_SNS: sns.url,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
      ACCOUNT_NAME_LOOKUP: 'off',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      BENCH_BUNDLE: bundles.handler.path,
      BENCH_EVENT: file,
    });
    const result = JSON.parse(await runNode(ANNOUNCE_ONE_DELIVERY, env, 120_000)) as {
      maxRssKiB: number;
      report?: { announced: number };
      error?: string;
    };
    if (result.error) throw new Error(result.error);
    if (result.report?.announced !== count) throw new Error(`announced ${JSON.stringify(result.report)}`);
    return result.maxRssKiB * 1024;
  } finally {
    await Promise.all([sns.close(), dynamo.close()]);
  }
}

export async function peakRss(bundles: Bundles, workDir: string, runs = 3): Promise<BenchResult[]> {
  const typical = join(workDir, 'delivery-5000.json');
  writeFileSync(
    typical,
    JSON.stringify(deliveryOf(distinctSignIns(5000).map((r, n) => ({ ...r, eventID: `rss-${n}` })))),
  );
  const largest = join(workDir, 'delivery-largest.json');
  writeFileSync(largest, JSON.stringify(deliveryOf(largestAccepted())));
  console.log('4. Peak RSS of the bundled handler, as deployed (fresh node each run)');
  const typicalPeaks = await peakOf(bundles, typical, 5000, runs);
  const largestPeaks = await peakOf(bundles, largest, MAX_RECORDS, runs);
  const [a, b] = [median(typicalPeaks), median(largestPeaks)];
  const capGoal = FUNCTION_MIB * CAP_SHARE;
  line('4a. 5000 sign-ins: maxRSS of each run', typicalPeaks.map(mib).join(', '));
  line(
    `4b. ${MAX_RECORDS} records, ${mib(MAX_DECODED_BYTES)} decoded: each run`,
    largestPeaks.map(mib).join(', '),
  );
  return [
    {
      step: '4a. peak RSS, 5000 sign-ins',
      measured: `${mib(a)} (median of ${runs})`,
      goal: `≤ ${GOAL_MIB} MiB`,
      pass: a <= GOAL_MIB * 1024 * 1024,
    },
    {
      step: '4b. peak RSS, the largest accepted delivery',
      measured: `${mib(b)} (median of ${runs})`,
      goal: `≤ ${capGoal} MiB (${CAP_SHARE * 100}% of ${FUNCTION_MIB})`,
      pass: b <= capGoal * 1024 * 1024,
    },
  ];
}
