/**
 * The doctor's clients, all in the stack's region, with the commands' short retries and a timeout
 * so that a hung endpoint is reported rather than waited on. They honour AWS_ENDPOINT_URL_<SERVICE>,
 * which the tests point at loopbacks.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { COMMAND_RETRIES } from '../shared/command.js';

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly cloudTrail: CloudTrailClient;
  readonly cloudWatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
}

export function createClients(region: string): Clients {
  const config = {
    region,
    ...COMMAND_RETRIES,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
  };
  return {
    cloudFormation: new CloudFormationClient(config),
    cloudTrail: new CloudTrailClient(config),
    cloudWatch: new CloudWatchClient(config),
    logs: new CloudWatchLogsClient(config),
    sns: new SNSClient(config),
    sqs: new SQSClient(config),
  };
}

export function destroyClients(clients: Clients): void {
  for (const client of Object.values(clients)) client.destroy();
}
