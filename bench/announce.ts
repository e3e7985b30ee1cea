/**
 * Step 3: fan-out. 200 sign-ins in one delivery through the pipeline the handler runs, to SNS and
 * DynamoDB loopbacks that take 30 ms per request, each in a worker thread on the other core (their
 * CPU is not the notifier's, as a real service's is not). 3a: SNS alone; 3b: as deployed, with the
 * dedupe table: claims, publishing and confirmations. Logs at the deployed level, INFO, written to a
 * sink. Each run uses fresh eventIDs; the first run opens the connections.
 */
import { pipelineOfEnvironment } from '../src/handlers/pipeline-of-environment.js';
import { handleDelivery } from '../src/pipeline/handle-delivery.js';
import { handleInvocation } from '../src/pipeline/handle-invocation.js';
import { deliveryOf } from '../testing/deliveries.js';
import { atInfo, distinctSignIns, handlerEnv } from './environment.js';
import { type RemoteLoopback, startRemoteLoopback } from './remote-loopback.js';
import { type BenchResult, line, median, ms } from './stats.js';

const SIGN_INS = 200;
const LATENCY_MS = 30;
const TABLE = 'bench-announced';

export async function announce(withDedupe: boolean, goalRtts: number, runs = 5): Promise<BenchResult> {
  const loopbacks: RemoteLoopback[] = [await startRemoteLoopback({ kind: 'sns', latencyMs: LATENCY_MS })];
  if (withDedupe)
    loopbacks.push(await startRemoteLoopback({ kind: 'dynamodb', latencyMs: LATENCY_MS, table: TABLE }));
  const [sns, dynamo] = loopbacks as [RemoteLoopback, RemoteLoopback | undefined];
  try {
    // The SDK reads its endpoints and credentials from process.env, as in Lambda.
    Object.assign(
      process.env,
      handlerEnv({
        AWS_ENDPOINT_URL_SNS: sns.url,
        ...(dynamo ? { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, DEDUPE_TABLE_NAME: TABLE } : {}),
        ACCOUNT_NAME_LOOKUP: 'off',
      }),
    );
    if (!dynamo) delete process.env.DEDUPE_TABLE_NAME;
    const pipeline = pipelineOfEnvironment()(undefined);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const records = distinctSignIns(SIGN_INS).map((record) => ({
        ...record,
        eventID: `${run}-${record.eventID}`,
      }));
      const event = deliveryOf(records);
      const start = performance.now();
      const report = await atInfo(() => handleInvocation(event, undefined, pipeline, handleDelivery));
      times.push(performance.now() - start);
      if (report.announced !== SIGN_INS) throw new Error(`announced ${report.announced} of ${SIGN_INS}`);
    }
    const [first = 0, ...rest] = times;
    const warm = median(rest);
    const rtts = warm / LATENCY_MS;
    const pass = rtts <= goalRtts;
    const name = withDedupe ? '3b. as deployed, with the dedupe table' : '3a. SNS alone';
    console.log(`${name}: announce ${SIGN_INS} sign-ins, ${LATENCY_MS} ms per request (${runs} runs)`);
    line('first run (opens the connections)', `${ms(first)} = ${(first / LATENCY_MS).toFixed(1)} RTT`);
    line(`median of the other ${rest.length} runs`, `${ms(warm)} = ${rtts.toFixed(1)} RTT`);
    for (const [service, loopback] of [
      ['SNS', sns],
      ['DynamoDB', dynamo],
    ] as const) {
      if (!loopback) continue;
      const { operations, mostInFlight } = await loopback.stats();
      const counts = Object.entries(operations).map(([operation, n]) => `${n / runs} ${operation}`);
      line(`${service} requests per run; most in flight`, `${counts.join(', ')}; ${mostInFlight}`);
    }
    line(`goal ≤ ${goalRtts} RTT = ${goalRtts * LATENCY_MS} ms`, pass ? 'PASS' : 'MISS');
    return {
      step: `${name.split(':')[0]}, ${SIGN_INS} sign-ins`,
      measured: `${ms(warm)} = ${rtts.toFixed(1)} RTT (first ${ms(first)})`,
      goal: `≤ ${goalRtts} RTT`,
      pass,
    };
  } finally {
    await Promise.all(loopbacks.map((loopback) => loopback.close()));
  }
}
