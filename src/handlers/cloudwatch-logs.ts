/**
 * Lambda entry point for CloudWatch Logs deliveries. Configuration and AWS clients are set up once
 * per container, at cold start: a bad configuration fails the init with the variable's name
 * instead of every invocation failing later.
 */
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { createDynamoClient, createSnsClient, lazySqsClient } from '../aws-clients.js';
import { readConfig } from '../config.js';
import { createDynamoDbDedupeStore } from '../guarantees/dynamodb-dedupe-store.js';
import { park } from '../guarantees/parking.js';
import type { DeliveryReport } from '../pipeline/handle-delivery.js';
import { handleInvocation } from '../pipeline/handle-invocation.js';
import type { Pipeline } from '../pipeline/pipeline.js';

const config = readConfig();
const sqs = lazySqsClient();
const parkingQueueUrl = config.parkingQueueUrl;
const pipeline = {
  config,
  sns: createSnsClient(config.topicRegion),
  dedupe: config.dedupeTable
    ? createDynamoDbDedupeStore(createDynamoClient(), config.dedupeTable)
    : undefined,
  park: parkingQueueUrl
    ? async (...[items, signal]: Parameters<NonNullable<Pipeline['park']>>) =>
        park(await sqs(), parkingQueueUrl, items, signal)
    : undefined,
};

export function handler(event: CloudWatchLogsEvent, context?: Context): Promise<DeliveryReport> {
  return handleInvocation(event, context, pipeline);
}
