/**
 * Step 5: the fast path's time from an EventBridge event reaching the handler to SNS acknowledging
 * its message, as deployed (dedupe on, loopbacks at 30 ms per request in worker threads), beside the
 * CloudWatch Logs path's for a delivery of the same one sign-in. Goal: the fast path costs no more
 * per sign-in than the CloudWatch Logs path. What EventBridge itself adds in AWS is on paper only
 * (README, "The EventBridge fast path").
 */
import { pipelineOfEnvironment } from '../src/handlers/pipeline-of-environment.js';
import { handleDelivery } from '../src/pipeline/handle-delivery.js';
import { handleEvent } from '../src/pipeline/handle-event.js';
import { handleInvocation } from '../src/pipeline/handle-invocation.js';
import { deliveryOf } from '../testing/deliveries.js';
import { atInfo, distinctSignIns, handlerEnv } from './environment.js';
import { startRemoteLoopback } from './remote-loopback.js';
import { type BenchResult, line, median, ms } from './stats.js';

const LATENCY_MS = 30;
const TABLE = 'bench-fast-path';

export async function fastPath(runs = 9): Promise<BenchResult> {
  const sns = await startRemoteLoopback({ kind: 'sns', latencyMs: LATENCY_MS });
  const dynamo = await startRemoteLoopback({ kind: 'dynamodb', latencyMs: LATENCY_MS, table: TABLE });
  try {
    Object.assign(
      process.env,
      handlerEnv({
        AWS_ENDPOINT_URL_SNS: sns.url,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
        DEDUPE_TABLE_NAME: TABLE,
        ACCOUNT_NAME_LOOKUP: 'off',
      }),
    );
    const pipeline = pipelineOfEnvironment()(undefined);
    // When SNS acknowledged the last PublishBatch of the call: the subscriber has its message.
    let ackedAt = 0;
    pipeline.sns.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        ackedAt = performance.now();
        return result;
      },
      { step: 'initialize', name: 'benchAcknowledged' },
    );
    const toAck = { eventbridge: [] as number[], 'cloudwatch-logs': [] as number[] };
    for (let run = 0; run < runs + 1; run++) {
      for (const via of ['eventbridge', 'cloudwatch-logs'] as const) {
        const [record] = distinctSignIns(1).map((r) => ({ ...r, eventID: `${via}-${run}` }));
        const event =
          via === 'eventbridge'
            ? {
                id: `e-${run}`,
                'detail-type': 'AWS Console Sign In via CloudTrail',
                source: 'aws.signin',
                account: '111122223333',
                region: 'us-east-1',
                time: '',
                resources: [],
                detail: record,
              }
            : deliveryOf([record]);
        const start = performance.now();
        await atInfo(() =>
          handleInvocation(event, undefined, pipeline, via === 'eventbridge' ? handleEvent : handleDelivery),
        );
        if (run > 0) toAck[via].push(ackedAt - start); // the first run opens the connections
      }
    }
    const [fast, slow] = [median(toAck.eventbridge), median(toAck['cloudwatch-logs'])];
    const pass = fast <= slow * 1.1;
    console.log(`5. One sign-in, from the handler to SNS's acknowledgement, ${LATENCY_MS} ms per request`);
    line(`EventBridge event (median of ${runs})`, `${ms(fast)} = ${(fast / LATENCY_MS).toFixed(1)} RTT`);
    line(
      `CloudWatch Logs delivery of it (median of ${runs})`,
      `${ms(slow)} = ${(slow / LATENCY_MS).toFixed(1)} RTT`,
    );
    return {
      step: '5. fast path, event to SNS ack',
      measured: `${ms(fast)} vs ${ms(slow)} on the CloudWatch Logs path`,
      goal: '≤ the CloudWatch Logs path (+10%)',
      pass,
    };
  } finally {
    await Promise.all([sns.close(), dynamo.close()]);
  }
}
