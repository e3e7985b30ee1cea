/**
 * Lambda entry point for CloudWatch Logs deliveries. Configuration and AWS clients are set up once
 * per container, at cold start: a bad configuration fails the init with the variable's name
 * instead of every invocation failing later.
 */
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { createAccountNames } from '../accounts/account-names.js';
import { nameSourcesOf } from '../accounts/name-sources.js';
import { createDynamoClient, createSnsClient, lazyLookupClients, lazySqsClient } from '../aws-clients.js';
import { readConfig } from '../config.js';
import { createDynamoDbDedupeStore } from '../guarantees/dynamodb-dedupe-store.js';
import { park } from '../guarantees/parking.js';
import type { DeliveryReport } from '../pipeline/handle-delivery.js';
import { handleInvocation } from '../pipeline/handle-invocation.js';
import type { Pipeline } from '../pipeline/pipeline.js';

const config = readConfig();
const sqs = lazySqsClient();
const parkingQueueUrl = config.parkingQueueUrl;
const accountNames = createAccountNames({
  static: config.accountNames,
  sources: config.accountNameLookup === 'organizations' ? nameSourcesOf(lazyLookupClients()) : undefined,
});
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
  accountNames,
};

export function handler(event: CloudWatchLogsEvent, context?: Context): Promise<DeliveryReport> {
  // arn:aws:lambda:<region>:<account>:function:<name>: the notifier's own account, with no STS call.
  accountNames.setOwnAccount(context?.invokedFunctionArn?.split(':')[4]);
  return handleInvocation(event, context, pipeline);
}
