/**
 * A deployed stack for `npm run doctor`, on loopbacks: the template `serverless package` really
 * builds (its resources, alarms and subscription filter, named as CloudFormation names them), a
 * trail that delivers to the log group, a confirmed subscription, alarms that are OK, an empty
 * queue and a notifier without errors. Each test changes what it is about through `World`.
 */
import { randomUUID } from 'node:crypto';
import {
  type LoopbackCloudFormationOptions,
  startLoopbackCloudFormation,
} from '../../testing/cloudformation-loopback.js';
import {
  type LoopbackCloudTrailOptions,
  type SeededTrail,
  startLoopbackCloudTrail,
} from '../../testing/cloudtrail-loopback.js';
import {
  type LoopbackCloudWatchOptions,
  type SeededAlarm,
  type SeededDatapoint,
  startLoopbackCloudWatch,
} from '../../testing/cloudwatch-loopback.js';
import {
  type LoopbackLogsOptions,
  type SeededEvent,
  type SeededSubscriptionFilter,
  startLoopbackLogs,
} from '../../testing/logs-loopback.js';
import {
  type LoopbackSnsOptions,
  type SeededSubscription,
  startLoopbackSns,
} from '../../testing/sns-loopback.js';
import { type LoopbackSqsOptions, startLoopbackSqs } from '../../testing/sqs-loopback.js';
import { cliEnv, runCli, track } from './cli.js';
import { createdResources, packagedTemplate, type Template } from './template.js';

export const REGION = 'eu-west-1';
export const ACCOUNT = '111122223333';
export const STACK = 'console-login-notifier-prod';
export const LOG_GROUP = 'aws-cloudtrail-logs-111122223333-abcd1234';
export const FUNCTION = `${STACK}-notifier`;
export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION}`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:${STACK}-SignInTopic-x1Y2z3`;
export const LOG_GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${LOG_GROUP}:*`;
const MINUTE = 60_000;

/** The template a default deploy with these parameters would upload. */
export const deployedTemplate = () => packagedTemplate('doctor');

/** What differs from a healthy stack; anything left out is healthy. */
export interface World {
  readonly stack?: { status?: string; outputs?: Record<string, string>; template?: unknown };
  readonly trails?: readonly SeededTrail[];
  readonly subscriptionFilters?: readonly SeededSubscriptionFilter[];
  readonly subscriptions?: readonly SeededSubscription[];
  /** Changes the healthy alarms (one per alarm of the template, all OK). */
  readonly alarms?: (alarms: SeededAlarm[]) => SeededAlarm[];
  readonly datapoints?: readonly SeededDatapoint[];
  readonly notifierLogs?: readonly SeededEvent[];
  readonly parked?: readonly string[];
  readonly cloudFormation?: Pick<LoopbackCloudFormationOptions, 'reply'>;
  readonly cloudTrail?: Pick<LoopbackCloudTrailOptions, 'reply'>;
  readonly cloudWatch?: Pick<LoopbackCloudWatchOptions, 'reply'>;
  readonly logs?: Pick<LoopbackLogsOptions, 'reply'>;
  readonly sns?: Pick<LoopbackSnsOptions, 'reply'>;
  readonly sqs?: Pick<LoopbackSqsOptions, 'reply'>;
}

/** A multi-region trail of the stack's region that delivered to the log group 4 minutes ago. */
export const healthyTrail = (): SeededTrail => ({
  name: 'management-events',
  homeRegion: REGION,
  logGroupArn: LOG_GROUP_ARN,
  isLogging: true,
  latestDeliveryTime: new Date(Date.now() - 4 * MINUTE),
});

export const ourFilter: SeededSubscriptionFilter = {
  filterName: STACK,
  filterPattern: '{ $.eventName = "ConsoleLogin" }',
  destinationArn: FUNCTION_ARN,
};

/** The Lambda metric of the notifier, `minutesAgo` back from now. */
export const lambdaMetric = (metricName: string, minutesAgo: number, value: number): SeededDatapoint => ({
  namespace: 'AWS/Lambda',
  metricName,
  dimensions: { FunctionName: FUNCTION },
  timestamp: new Date(Date.now() - minutesAgo * MINUTE),
  value,
});

/** The stack as CloudFormation deployed it: only the resources whose conditions hold. */
export async function startDeployedStack(template: Template, world: World = {}) {
  const resources = Object.entries(createdResources(template)).map(([logicalId, { Type, Properties }]) => ({
    logicalId,
    type: Type,
    physicalId: physicalId(logicalId, Type, Properties),
  }));
  const sqs = track(await startLoopbackSqs(world.sqs));
  for (const body of world.parked ?? []) sqs.send(body);
  const cloudFormation = track(
    await startLoopbackCloudFormation({
      ...world.cloudFormation,
      stacks: [
        {
          name: STACK,
          status: world.stack?.status,
          outputs: {
            TopicArn: TOPIC_ARN,
            FailedDeliveriesQueueUrl: sqs.queueUrl,
            DedupeTableName: `${STACK}-announced`,
            ...world.stack?.outputs,
          },
          resources,
          template: world.stack?.template ?? template,
        },
      ],
    }),
  );
  const alarms = resources
    .filter(({ type }) => type === 'AWS::CloudWatch::Alarm')
    .map(({ logicalId, physicalId: name }): SeededAlarm => {
      const { AlarmDescription, Namespace, MetricName } = template.Resources[logicalId]?.Properties ?? {};
      return {
        name,
        description: String(AlarmDescription),
        namespace: String(Namespace),
        metricName: String(MetricName),
      };
    });
  const cloudWatch = track(
    await startLoopbackCloudWatch({
      ...world.cloudWatch,
      alarms: world.alarms ? world.alarms(alarms) : alarms,
      datapoints: world.datapoints ?? [lambdaMetric('Invocations', 30, 12), lambdaMetric('Errors', 30, 0)],
    }),
  );
  const cloudTrail = track(
    await startLoopbackCloudTrail({
      ...world.cloudTrail,
      region: REGION,
      trails: world.trails ?? [healthyTrail()],
    }),
  );
  const logs = track(
    await startLoopbackLogs({
      ...world.logs,
      groups: { [`/aws/lambda/${FUNCTION}`]: world.notifierLogs ?? [] },
      subscriptionFilters: { [LOG_GROUP]: world.subscriptionFilters ?? [ourFilter] },
    }),
  );
  const sns = track(
    await startLoopbackSns({
      ...world.sns,
      subscriptions: world.subscriptions ?? [{ protocol: 'email', endpoint: 'security@example.com' }],
    }),
  );
  const endpoints = {
    cloudformation: cloudFormation.url,
    cloudtrail: cloudTrail.url,
    cloudwatch: cloudWatch.url,
    logs: logs.url,
    sns: sns.url,
    sqs: sqs.url,
  };
  const doctor = (args: readonly string[] = [], env = cliEnv(endpoints)) => runCli('doctor', args, env);
  return { cloudFormation, cloudTrail, cloudWatch, logs, sns, sqs, endpoints, doctor };
}

/** The names CloudFormation gives: the ones the template sets, else `<stack>-<logical id>-<suffix>`. */
function physicalId(logicalId: string, type: string, properties: Record<string, unknown> = {}): string {
  const name = { 'AWS::Lambda::Function': 'FunctionName', 'AWS::Logs::LogGroup': 'LogGroupName' }[type];
  if (type === 'AWS::SNS::Topic') return TOPIC_ARN;
  if (name && typeof properties[name] === 'string') return properties[name];
  return `${STACK}-${logicalId}-${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
}
