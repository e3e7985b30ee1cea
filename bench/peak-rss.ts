/**
 * Step 4: peak RSS of a fresh node process that loads the handler bundle and announces one
 * 5000-record delivery to a loopback SNS without latency. Logs stay at the deployed level (INFO).
 * When V8 collects garbage varies from run to run, so the peak does too: median of a few runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deliveryOf } from '../testing/deliveries.js';
import { startLoopbackSns } from '../testing/sns-loopback.js';
import type { Bundles } from './bundles.js';
import { RESULT_PREFIX, runNode } from './child.js';
import { distinctSignIns, handlerEnv } from './environment.js';
import { type BenchResult, line, median, mib } from './stats.js';

const RECORDS = 5000;
const GOAL_MIB = 160;

const ANNOUNCE_ONE_DELIVERY = `
const { readFileSync } = require('node:fs');
const { handler } = require(process.env.BENCH_BUNDLE);
const event = JSON.parse(readFileSync(process.env.BENCH_EVENT, 'utf8'));
handler(event).then((report) => {
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write('${RESULT_PREFIX}' + JSON.stringify({ maxRssKiB, announced: report.announced }) + '\\n');
});
`;

interface ChildResult {
  readonly maxRssKiB: number;
  readonly announced: number;
}

export async function peakRss(bundles: Bundles, workDir: string, runs = 3): Promise<BenchResult> {
  const eventFile = join(workDir, `delivery-${RECORDS}.json`);
  writeFileSync(eventFile, JSON.stringify(deliveryOf(distinctSignIns(RECORDS))));
  const sns = await startLoopbackSns();
  try {
    const env = handlerEnv({
      AWS_ENDPOINT_URL_SNS: sns.url,
      BENCH_BUNDLE: bundles.handler.path,
      BENCH_EVENT: eventFile,
    });
    const peaks: number[] = [];
    for (let run = 0; run < runs; run++) {
      const before = sns.requests.length;
      const result = JSON.parse(await runNode(ANNOUNCE_ONE_DELIVERY, env, 60_000)) as ChildResult;
      const requests = sns.requests.length - before;
      if (result.announced !== RECORDS) throw new Error(`announced ${result.announced} of ${RECORDS}`);
      peaks.push(result.maxRssKiB * 1024);
      sns.requests.length = 0; // what the loopback keeps is the parent's memory, not the child's
      sns.delivered.length = 0;
      if (run === 0) {
        console.log(
          `4. Peak RSS, bundled handler announcing one ${RECORDS}-record delivery (fresh node each run)`,
        );
        line(`announced ${result.announced} sign-ins, PublishBatch requests per run`, String(requests));
      }
    }
    const peak = median(peaks);
    const pass = peak <= GOAL_MIB * 1024 * 1024;
    line(`maxRSS of ${runs} runs`, peaks.map(mib).join(', '));
    line(`median maxRSS (goal ≤ ${GOAL_MIB} MiB)`, `${mib(peak)}  ${pass ? 'PASS' : 'MISS'}`);
    return {
      step: `4. peak RSS, ${RECORDS}-record delivery`,
      measured: `${mib(peak)} (median of ${runs})`,
      goal: `≤ ${GOAL_MIB} MiB`,
      pass,
    };
  } finally {
    await sns.close();
  }
}
