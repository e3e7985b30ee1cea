/**
 * The pipeline a Lambda handler runs, from its environment: the configuration read and checked
 * once, the clients created once, the dedupe store, parking and account names. Both entry points
 * (CloudWatch Logs and EventBridge) build it the same way, once per container, at cold start: a
 * bad configuration fails the init with the variable's name instead of every invocation later.
 */
import type { Context } from 'aws-lambda';
import { createAccountNames } from '../accounts/account-names.js';
import { nameSourcesOf } from '../accounts/name-sources.js';
import { createDynamoClient, createSnsClient, lazyLookupClients, lazySqsClient } from '../aws-clients.js';
import { readConfig } from '../config.js';
import { createDynamoDbDedupeStore } from '../guarantees/dynamodb-dedupe-store.js';
import { park } from '../guarantees/parking.js';
import type { Pipeline } from '../pipeline/pipeline.js';

export function pipelineOfEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const sqs = lazySqsClient();
  const parkingQueueUrl = config.parkingQueueUrl;
  const accountNames = createAccountNames({
    static: config.accountNames,
    sources: config.accountNameLookup === 'organizations' ? nameSourcesOf(lazyLookupClients()) : undefined,
  });
  const pipeline: Omit<Pipeline, 'budget'> = {
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
  /** The pipeline for this invocation: it learns the notifier's own account from the context. */
  return (context: Context | undefined) => {
    // arn:aws:lambda:<region>:<account>:function:<name>: the notifier's own account, with no STS call.
    accountNames.setOwnAccount(context?.invokedFunctionArn?.split(':')[4]);
    return pipeline;
  };
}
