/** Parking's test rig: a loopback queue, the SQS client the handler would create for it, and items to park. */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { vi } from 'vitest';
import { lazySqsClient } from '../../src/aws-clients.js';
import type { Parked } from '../../src/guarantees/parked-message.js';
import { type LoopbackSqsOptions, type SqsReply, startLoopbackSqs } from '../../testing/sqs-loopback.js';

const cleanups: (() => unknown)[] = [];

/** For afterEach: closes the queues and clients the test started, and restores the environment. */
export async function closeQueues(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
}

/** A loopback queue and the SQS client the handler would create for it. */
export async function queueAt(
  reply?: (request: { operation: string }, index: number) => SqsReply,
  options: Omit<LoopbackSqsOptions, 'reply'> = {},
) {
  const queue = await startLoopbackSqs({ ...options, reply });
  cleanups.push(() => queue.close());
  vi.stubEnv('AWS_ENDPOINT_URL_SQS', queue.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  const sqs: SQSClient = await lazySqsClient()();
  cleanups.push(() => sqs.destroy());
  return { queue, sqs };
}

/** `count` parked sign-ins whose records are `size` characters long. */
export const parkedItems = (count: number, size = 100): Parked[] =>
  Array.from({ length: count }, (_, n) => ({
    kind: 'sign-in',
    reason: 'publish-failed',
    error: { code: 'InternalErrorException', message: 'We encountered an internal error' },
    eventId: `e-${n}`,
    record: `{"eventID":"e-${n}","padding":"${'x'.repeat(size)}"}`,
    source: {
      via: 'cloudwatch-logs',
      logGroup: 'CloudTrail/DefaultLogGroup',
      logStream: 'stream',
      logEventId: String(n),
    },
  }));
