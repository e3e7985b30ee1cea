/**
 * A loopback server in a worker thread: the benchmark's SNS or DynamoDB, on the other core, so the
 * CPU it spends answering does not count against the notifier, as a real service's does not.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startLoopbackDynamo } from '../testing/dynamodb-loopback.js';
import { startLoopbackSns } from '../testing/sns-loopback.js';

export interface LoopbackRequest {
  readonly kind: 'sns' | 'dynamodb';
  readonly latencyMs: number;
  readonly table?: string;
}

const { kind, latencyMs, table } = workerData as LoopbackRequest;
const loopback =
  kind === 'sns'
    ? await startLoopbackSns({ latencyMs })
    : await startLoopbackDynamo({ latencyMs, tables: table ? [{ name: table, hashKey: 'pk' }] : [] });

/** What a request did, in the service's own words: its Action (SNS) or operation (DynamoDB). */
const operationOf = (request: unknown) =>
  String(
    (request as { action?: string; operation?: string }).action ??
      (request as { operation: string }).operation,
  );

parentPort?.on('message', async (message: 'stats' | 'close') => {
  if (message === 'close') {
    await loopback.close();
    parentPort?.postMessage({ closed: true });
    return;
  }
  const operations: Record<string, number> = {};
  for (const request of loopback.requests) {
    const name = operationOf(request);
    operations[name] = (operations[name] ?? 0) + 1;
  }
  parentPort?.postMessage({
    requests: loopback.requests.length,
    operations,
    mostInFlight: loopback.mostInFlight(),
  });
});
parentPort?.postMessage({ url: loopback.url });
