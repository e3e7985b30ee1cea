/**
 * Step 1: cold init, the time `require` of the bundle takes in a fresh node process, as the Lambda
 * runtime does at a cold start. Samples of the two bundles are interleaved so that drift of the
 * machine hits both alike.
 */
import type { Bundles } from './bundles.js';
import { RESULT_PREFIX, runNode } from './child.js';
import { DEPLOYED_ENV, handlerEnv } from './environment.js';
import { type BenchResult, kib, line, median, ms, ratio } from './stats.js';

const GOAL = 1.25;

const MEASURE_REQUIRE = `
const start = performance.now();
require(process.env.BENCH_BUNDLE);
const elapsed = performance.now() - start;
process.stdout.write('${RESULT_PREFIX}' + elapsed + '\\n');
`;

async function initMs(bundle: string): Promise<number> {
  return Number(await runNode(MEASURE_REQUIRE, handlerEnv({ BENCH_BUNDLE: bundle, ...DEPLOYED_ENV })));
}

export async function coldInit(bundles: Bundles, samples = 15): Promise<BenchResult> {
  const handler: number[] = [];
  const snsClient: number[] = [];
  await initMs(bundles.handler.path); // page the bundles and node itself into the file cache
  await initMs(bundles.snsClient.path);
  for (let sample = 0; sample < samples; sample++) {
    handler.push(await initMs(bundles.handler.path));
    snsClient.push(await initMs(bundles.snsClient.path));
  }
  const factor = median(handler) / median(snsClient);
  console.log(`1. Cold init (require of the bundle in a fresh node, median of ${samples} interleaved)`);
  line(`handler bundle (${kib(bundles.handler.bytes)})`, ms(median(handler)));
  line(`bare SNS client bundle (${kib(bundles.snsClient.bytes)})`, ms(median(snsClient)));
  line(`ratio of medians (goal ≤ ${ratio(GOAL)})`, `${ratio(factor)}  ${factor <= GOAL ? 'PASS' : 'MISS'}`);
  return {
    step: '1. cold init vs bare SNS client',
    measured: `${ratio(factor)} (${ms(median(handler))} vs ${ms(median(snsClient))})`,
    goal: `≤ ${ratio(GOAL)}`,
    pass: factor <= GOAL,
  };
}
