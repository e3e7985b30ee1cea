/**
 * Step 3b (information, no goal of its own): the same 200 sign-ins as step 3 through the whole
 * pipeline a deployed notifier runs, with the dedupe table (a loopback DynamoDB) and SNS both
 * answering in 30 ms: claims, PublishBatch, then confirmations. Each run uses fresh eventIDs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createSnsClient } from '../src/aws-clients.js';
import { readConfig } from '../src/config.js';
import { createDynamoDbDedupeStore } from '../src/guarantees/dynamodb-dedupe-store.js';
import { budgetFor } from '../src/pipeline/budget.js';
import { handleDelivery } from '../src/pipeline/handle-delivery.js';
import { deliveryOf } from '../testing/deliveries.js';
import { startLoopbackDynamo } from '../testing/dynamodb-loopback.js';
import { startLoopbackSns } from '../testing/sns-loopback.js';
import { distinctSignIns, TOPIC_ARN } from './environment.js';
import { type BenchResult, line, median, ms } from './stats.js';

const SIGN_INS = 200;
const LATENCY_MS = 30;
const TABLE = 'bench-announced';

export async function announceWithDedupe(runs = 4): Promise<BenchResult> {
  const sns = await startLoopbackSns({ latencyMs: LATENCY_MS });
  const dynamo = await startLoopbackDynamo({
    latencyMs: LATENCY_MS,
    tables: [{ name: TABLE, hashKey: 'pk' }],
  });
  const credentials = { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench-secret' };
  try {
    process.env.AWS_ENDPOINT_URL_SNS = sns.url;
    const pipeline = {
      config: readConfig({ TOPIC_ARN }),
      sns: createSnsClient('us-east-1'),
      dedupe: createDynamoDbDedupeStore(
        new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.url, credentials }),
        TABLE,
      ),
      budget: budgetFor(60_000),
    };
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const records = distinctSignIns(SIGN_INS).map((record) => ({
        ...record,
        eventID: `run-${run}-${record.eventID}`,
      }));
      const start = performance.now();
      const report = await handleDelivery(deliveryOf(records), pipeline);
      times.push(performance.now() - start);
      if (report.announced !== SIGN_INS) throw new Error(`announced ${report.announced} of ${SIGN_INS}`);
    }
    const [first = 0, ...rest] = times;
    const warm = median(rest);
    console.log(
      `3b. The same with the dedupe table, DynamoDB and SNS each ${LATENCY_MS} ms per request (${runs} runs)`,
    );
    line('first run (includes connection setup)', `${ms(first)} = ${(first / LATENCY_MS).toFixed(1)} RTT`);
    line(`median of the other ${rest.length} runs`, `${ms(warm)} = ${(warm / LATENCY_MS).toFixed(1)} RTT`);
    const operations = new Map<string, number>();
    for (const { operation } of dynamo.requests)
      operations.set(operation, (operations.get(operation) ?? 0) + 1);
    line('DynamoDB requests in all runs', [...operations].map(([name, n]) => `${n} ${name}`).join(', '));
    console.log('  (one conditional PutItem per sign-in: on this machine the loopback DynamoDB, dynalite,');
    console.log('   spends ~3 ms of CPU on each, so this figure measures dynalite more than the wire)');
    return {
      step: `3b. the same with dedupe (information)`,
      measured: `${ms(warm)} = ${(warm / LATENCY_MS).toFixed(1)} RTT`,
      goal: 'none',
      pass: true,
    };
  } finally {
    await Promise.all([sns.close(), dynamo.close()]);
  }
}
