/**
 * AWS clients, created once per container and reused by every invocation (connection reuse).
 * The SDK honours AWS_ENDPOINT_URL_SNS / AWS_ENDPOINT_URL, which the tests and the demo point at
 * a loopback SNS.
 */
import { SNSClient } from '@aws-sdk/client-sns';

export function createSnsClient(region: string): SNSClient {
  return new SNSClient({
    region,
    // Standard retry mode: throttling, 5xx and timeouts are retried with jittered backoff.
    maxAttempts: 3,
    // Without a timeout a hung connection would eat the whole invocation. Since @smithy/node-http-handler
    // 4.x requestTimeout only warns unless throwOnRequestTimeout is set; then the SDK retries it.
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
  });
}
