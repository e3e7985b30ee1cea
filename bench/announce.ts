/**
 * Step 3: wall time of announcing 200 sign-ins through the real handler to a loopback SNS that
 * takes 30 ms per request. The SNS client is created when src/handler.ts is first imported, so
 * the environment is set before that import.
 */
import { deliveryOf } from '../testing/deliveries.js';
import { startLoopbackSns } from '../testing/sns-loopback.js';
import { distinctSignIns, handlerEnv } from './environment.js';
import { type BenchResult, line, median, ms } from './stats.js';

const SIGN_INS = 200;
const LATENCY_MS = 30;
const GOAL_RTTS = 10;

export async function announce(runs = 5): Promise<BenchResult> {
  const sns = await startLoopbackSns({ latencyMs: LATENCY_MS });
  try {
    Object.assign(process.env, handlerEnv({ AWS_ENDPOINT_URL_SNS: sns.url, POWERTOOLS_LOG_LEVEL: 'SILENT' }));
    const { handler } = await import('../src/handlers/cloudwatch-logs.js');
    const event = deliveryOf(distinctSignIns(SIGN_INS)) as Parameters<typeof handler>[0];
    const times: number[] = [];
    const requests: number[] = [];
    for (let run = 0; run < runs; run++) {
      const before = sns.requests.length;
      const start = performance.now();
      const report = await handler(event);
      times.push(performance.now() - start);
      requests.push(sns.requests.length - before);
      if (report.announced !== SIGN_INS) throw new Error(`announced ${report.announced} of ${SIGN_INS}`);
    }
    const [first = 0, ...rest] = times;
    const warm = median(rest);
    const rtts = warm / LATENCY_MS;
    const pass = rtts <= GOAL_RTTS;
    console.log(
      `3. Announce ${SIGN_INS} sign-ins, loopback SNS with ${LATENCY_MS} ms per request (${runs} runs)`,
    );
    line('first run (includes connection setup)', `${ms(first)} = ${(first / LATENCY_MS).toFixed(1)} RTT`);
    line(`median of the other ${rest.length} runs`, `${ms(warm)} = ${rtts.toFixed(1)} RTT`);
    line('HTTP requests per run', requests.join(', '));
    line(`goal ≤ ${GOAL_RTTS} RTT = ${GOAL_RTTS * LATENCY_MS} ms`, pass ? 'PASS' : 'MISS');
    return {
      step: `3. announce ${SIGN_INS} sign-ins, ${LATENCY_MS} ms RTT`,
      measured: `${ms(warm)} = ${rtts.toFixed(1)} RTT (first ${ms(first)})`,
      goal: `≤ ${GOAL_RTTS} RTT (${GOAL_RTTS * LATENCY_MS} ms)`,
      pass,
    };
  } finally {
    await sns.close();
  }
}
