/**
 * AWS clients, created once per container and reused by every invocation (connection reuse).
 * The SDK honours AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL, which the tests point at
 * loopback servers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Sockets enough for a wave of all of a delivery's claims (MAX_IN_FLIGHT of the dedupe store) or of
 * its PublishBatch requests at once: the default of 50 would queue the rest behind the first.
 */
const AGENT = { keepAlive: true, maxSockets: 256 };

const COMMON = {
  // Standard retry mode: throttling, 5xx and timeouts are retried with jittered backoff.
  maxAttempts: 3,
  // Without a timeout a hung connection would eat the whole invocation. Since @smithy/node-http-handler
  // 4.x requestTimeout only warns unless throwOnRequestTimeout is set; then the SDK retries it. The
  // invocation's budget (pipeline/budget.ts) also aborts what is still waiting at each phase's end.
  requestHandler: {
    connectionTimeout: 2_000,
    requestTimeout: 3_000,
    throwOnRequestTimeout: true,
    httpAgent: AGENT,
    httpsAgent: AGENT,
  },
} as const;

export function createSnsClient(region: string): SNSClient {
  return new SNSClient({ region, ...COMMON });
}

/** In the Lambda the region comes from AWS_REGION; the commands may name it. */
export function createDynamoClient(region?: string): DynamoDBClient {
  return new DynamoDBClient({ ...COMMON, ...(region ? { region } : {}) });
}

/** SQS is only needed to park, which is rare: load its SDK on first use, not at cold start. */
export function lazySqsClient(region?: string): () => Promise<SQSClient> {
  let client: Promise<SQSClient> | undefined;
  return () => {
    client ??= import('@aws-sdk/client-sqs').then(
      ({ SQSClient }) => new SQSClient({ ...COMMON, ...(region ? { region } : {}) }),
    );
    return client;
  };
}
