/**
 * THE one place where linter findings that stay are accepted, each with its reason (see
 * test/stack/lint.test.ts). A finding is matched by its exact rule id (cdk-nag v3 reports one
 * finding per wildcard, e.g. `AwsSolutions-IAM5[Resource::…]`) and logical id. An entry that no
 * longer matches any finding of any packaged variant fails the test: remove it.
 */
export interface Acknowledgment {
  readonly ruleId: string;
  readonly logicalId: string;
  readonly reason: string;
}

const LAMBDA_LOGS =
  'arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/console-login-notifier-prod*';
/**
 * The forwarder regions of each deploy region that a variant packages (support/stack-variants.ts):
 * the StackSet's execution role names the StackSet's stacks in each.
 */
const FORWARDER_REGIONS: Record<string, readonly string[]> = {
  'us-east-1': ['ap-south-2', 'ap-southeast-2', 'eu-north-1', 'eu-west-3', 'us-east-2'],
  'eu-west-1': ['ap-southeast-2', 'eu-north-1', 'us-east-1', 'us-east-2'],
};
const forwarderStacks = (deployRegion: string, region: string) =>
  `arn:<AWS::Partition>:cloudformation:${region}:<AWS::AccountId>:stack/StackSet-console-login-notifier-prod-fast-path-${deployRegion}-*/*`;
const TRAIL_STREAMS =
  'arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<TrailLogGroup>:log-stream:<AWS::AccountId>_CloudTrail_<AWS::Region>*';

export const ACKNOWLEDGMENTS: readonly Acknowledgment[] = [
  {
    ruleId: 'AwsSolutions-S1',
    logicalId: 'ServerlessDeploymentBucket',
    reason:
      'osls’ deployment bucket holds only the packaged template and zip; access logs would need a bucket of their own',
  },
  {
    ruleId: 'AwsSolutions-DDB3',
    logicalId: 'AnnouncedSignInsTable',
    reason:
      'no point-in-time recovery by design: dedupe keys expire in 30 days and losing them costs a duplicate message',
  },
  {
    ruleId: 'AwsSolutions-SQS3',
    logicalId: 'FailedDeliveriesQueue',
    reason:
      'the queue is itself the dead-letter queue (parking and Lambda’s on-failure destination), drained by npm run redrive',
  },
  {
    ruleId: 'Serverless-SQSRedrivePolicy',
    logicalId: 'FailedDeliveriesQueue',
    reason:
      'as AwsSolutions-SQS3: a dead-letter queue of the dead-letter queue would hide parked sign-ins from redrive',
  },
  {
    ruleId: 'Serverless-LambdaDLQ',
    logicalId: 'NotifierLambdaFunction',
    reason:
      'failed invocations go to the on-failure destination (NotifierLambdaEvConf), which replaces a DeadLetterConfig',
  },
  {
    ruleId: 'Serverless-LambdaTracing',
    logicalId: 'NotifierLambdaFunction',
    reason:
      'no X-Ray: logs and EMF metrics cover each decision and latency; tracing would grant xray:Put* on "*"',
  },
  {
    ruleId: 'Serverless-LambdaDLQ',
    logicalId: 'FastPathLambdaFunction',
    reason:
      'as the notifier: failed invocations go to the on-failure destination (FastPathLambdaEvConf), the same queue',
  },
  {
    ruleId: 'Serverless-LambdaTracing',
    logicalId: 'FastPathLambdaFunction',
    reason: 'as the notifier: no X-Ray; AnnounceLatency by `via` and the logs time the fast path',
  },
  {
    ruleId: 'Serverless-EventBusDLQ',
    logicalId: 'ForwardSignInsRule',
    reason:
      'a forwarder region’s dead-letter queue would be watched and redriven by nothing; an event not forwarded within the hour reaches the notifier through CloudWatch Logs',
  },
  ...Object.entries(FORWARDER_REGIONS).flatMap(([deployRegion, regions]) =>
    regions.map((region) => ({
      ruleId: `AwsSolutions-IAM5[Resource::${forwarderStacks(deployRegion, region)}]`,
      logicalId: 'FastPathStackSetExecutionRole',
      reason:
        'StackSets names each instance’s stack StackSet-<stack set name>-<id>, the id made at creation: this StackSet’s stacks only',
    })),
  ),
  {
    ruleId: 'Serverless-SNSRedrivePolicy',
    logicalId: 'EmailSubscription',
    reason:
      'an e-mail subscription’s failures are the mailbox’s; a dead-letter queue of SNS envelopes is read by no tool here',
  },
  ...[`${LAMBDA_LOGS}:*`, `${LAMBDA_LOGS}:*:*`].map((resource) => ({
    ruleId: `AwsSolutions-IAM5[Resource::${resource}]`,
    logicalId: 'IamRoleLambdaExecution',
    reason:
      'osls’ grant on the function’s own log group; CloudWatch Logs names the streams, so they are a wildcard',
  })),
  {
    ruleId: `AwsSolutions-IAM5[Resource::${TRAIL_STREAMS}]`,
    logicalId: 'TrailDeliveryRole',
    reason:
      'CloudTrail names its streams <account>_CloudTrail_<region>[_n] in the one log group, as its guide’s policy has it',
  },
  {
    ruleId: 'AwsSolutions-IAM5[Resource::*]',
    logicalId: 'AccountNameLookupPolicy',
    reason: 'iam:ListAccountAliases has no resource-level permissions: IAM takes only *',
  },
  {
    ruleId: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:organizations::*:account/o-*/*]',
    logicalId: 'AccountNameLookupPolicy',
    reason:
      'an account ARN holds the management account and the organization ID, which the stack cannot know',
  },
];
