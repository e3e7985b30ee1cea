/**
 * What the stack tests expect of the packaged template (see template.ts): the names, references
 * and parameter values they compare against, the health alarms of stack/health-alarms.yml, and
 * readers of the role's data statements, the key policy, alarm dimensions and the dashboard body.
 */
import { expect } from 'vitest';
import {
  actionsOf,
  created,
  createdResources,
  getAtt,
  type PolicyDocument,
  type PolicyStatement,
  type Props,
  roleStatements,
  type Template,
} from './template.js';

/** The subscription filter forwards every sign-in event; the notifier decides (SIGN_IN_EVENTS). */
export const SIGN_IN_FILTER = '{ $.eventSource = "signin.amazonaws.com" }';
/** The fallback alarm stays on ConsoleLogin alone, as in the classic recipe. */
export const FALLBACK_FILTER = '{ $.eventName = "ConsoleLogin" }';
export const DEFAULT_LOG_GROUP = 'CloudTrail/DefaultLogGroup';
export { EMAIL, EXISTING_TOPIC, EXISTING_TOPIC_KEY } from './stack-variants.js';
export const TOPIC_REF = { Ref: 'SignInTopic' };
export const ACCOUNT_REF = { Ref: 'AWS::AccountId' };
export const KEY_ARN = getAtt('NotifierKey');
export const TABLE_ARN = getAtt('AnnouncedSignInsTable');
export const QUEUE_ARN = getAtt('FailedDeliveriesQueue');
/** The CloudWatch Logs path's function, and the permission that lets the logs service invoke it. */
export const NOTIFIER = 'NotifierLambdaFunction';
export const LOGS_PERMISSION = 'NotifierLambdaPermissionLogsSubscriptionFilterCloudWatchLog';
const FUNCTION_REF = { Ref: NOTIFIER };
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
export const ACCOUNT_ROOT = { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } };
export const ALARMS_OF_THIS_REGION = {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
  'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*',
};
export const TRAIL_LOG_GROUP = 'aws-cloudtrail-logs-console-login-notifier-prod';
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
const TRAILS_OF_THIS_REGION = 'arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/';
/** The created trail's ARN, as the policies name it before the trail exists. */
export const TRAIL_ARN = { 'Fn::Sub': `${TRAILS_OF_THIS_REGION}console-login-notifier-prod` };
export const FILTER_NAME = 'console-login-notifier-prod';
/** The fast path's rule in the deploy region, by the name the stack gives it (stack/fast-path.yml). */
export const FAST_PATH_RULE = 'console-login-notifier-prod-fast-path';
export const FAST_PATH_RULE_ARN = {
  'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${FAST_PATH_RULE}`,
};
export const METRICS_NAMESPACE = 'ConsoleLoginNotifier';
export const SERVICE = 'console-login-notifier';
/** What the dedupe calls: conditional PutItem (claim, confirm) and DeleteItem (release). */
export const DEDUPE_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:PutItem'];
/** The self-monitoring alarms: what each watches; every one notifies the topic and recovers to OK. */
export const HEALTH_ALARMS = {
  NotifierErrorsAlarm: {
    watches: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum' },
    dimensions: { FunctionName: FUNCTION_REF },
    toDo: /log group \/aws\/lambda\/console-login-notifier-prod-notifier[\s\S]*`npm run redrive`/,
  },
  NotifierThrottlesAlarm: {
    watches: { Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum' },
    dimensions: { FunctionName: FUNCTION_REF },
    toDo: /reserved concurrency[\s\S]*`npm run redrive`/,
  },
  NotifierDestinationDeliveryFailuresAlarm: {
    watches: { Namespace: 'AWS/Lambda', MetricName: 'DestinationDeliveryFailures', Statistic: 'Sum' },
    dimensions: { FunctionName: FUNCTION_REF },
    toDo: /console-login-notifier-prod-failed-deliveries[\s\S]*KMS key[\s\S]*in no queue[\s\S]*`npm run replay`/,
  },
  NotifierAsyncEventsDroppedAlarm: {
    watches: { Namespace: 'AWS/Lambda', MetricName: 'AsyncEventsDropped', Statistic: 'Sum' },
    dimensions: { FunctionName: FUNCTION_REF },
    toDo: /console-login-notifier-prod-failed-deliveries[\s\S]*in no queue[\s\S]*`npm run replay`/,
  },
  ParkedSignInsAlarm: {
    watches: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum' },
    dimensions: { QueueName: getAtt('FailedDeliveriesQueue', 'QueueName') },
    toDo: /console-login-notifier-prod-failed-deliveries[\s\S]*`npm run redrive`/,
  },
  SubscriptionDeliveryErrorsAlarm: {
    watches: { Namespace: 'AWS/Logs', MetricName: 'DeliveryErrors', Statistic: 'Sum' },
    dimensions: { LogGroupName: DEFAULT_LOG_GROUP, DestinationType: 'Lambda', FilterName: FILTER_NAME },
    toDo: /resource policy[\s\S]*`npm run replay`/,
  },
  SubscriptionDeliveryThrottlingAlarm: {
    watches: { Namespace: 'AWS/Logs', MetricName: 'DeliveryThrottling', Statistic: 'Sum' },
    dimensions: { LogGroupName: DEFAULT_LOG_GROUP, DestinationType: 'Lambda', FilterName: FILTER_NAME },
    toDo: /concurrency[\s\S]*`npm run replay`/,
  },
} as const;

export function dimensionsOf(alarm: Props): Record<string, unknown> {
  const dimensions = (alarm.Dimensions ?? []) as { Name: string; Value: unknown }[];
  return Object.fromEntries(dimensions.map(({ Name, Value }) => [Name, Value]));
}

/** Statements of the role that touch the services holding sign-ins, or grant a bare `*`. */
export function dataStatements(template: Template): PolicyStatement[] {
  return roleStatements(template).filter((statement) =>
    actionsOf(statement).some((action) => action === '*' || /^(sns|sqs|dynamodb|kms):/i.test(action)),
  );
}

export function keyStatements(template: Template): PolicyStatement[] {
  return (created(template, 'NotifierKey').Properties.KeyPolicy as PolicyDocument).Statement;
}

type DashboardMetric = {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  stat?: string;
  /** A metric of another region than the widget's. */
  region?: string;
};

/**
 * The dashboard body as CloudWatch receives it, `Fn::Sub` placeholders filled: the body's own
 * variables (after their conditions) with their values, the rest with stand-ins, after checking
 * that each is a pseudo parameter or a created resource (so Fn::Sub resolves).
 */
export function dashboardBody(template: Template): { widgets: { type: string; properties: Props }[] } {
  const sub = (created(template, 'NotifierDashboard').Properties.DashboardBody as { 'Fn::Sub': unknown })[
    'Fn::Sub'
  ];
  const [body, variables = {}] = (Array.isArray(sub) ? sub : [sub]) as [string, Record<string, unknown>?];
  const resources = Object.keys(createdResources(template));
  const fill = (text: string): string =>
    text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      const variable = variables[name];
      if (variable !== undefined) return fill(typeof variable === 'string' ? variable : subText(variable));
      const resource = name.split('.')[0] as string;
      expect(name.startsWith('AWS::') || resources.includes(resource), `placeholder ${name}`).toBe(true);
      return `<${name}>`;
    });
  return JSON.parse(fill(body));
}

function subText(value: unknown): string {
  const text = (value as { 'Fn::Sub'?: unknown })['Fn::Sub'];
  if (typeof text !== 'string') throw new Error(`not an Fn::Sub string: ${JSON.stringify(value)}`);
  return text;
}

export function dashboardMetrics(template: Template): DashboardMetric[] {
  return dashboardBody(template)
    .widgets.filter((widget) => widget.type === 'metric')
    .flatMap((widget) => widget.properties.metrics as unknown[][])
    .map((row) => {
      const options = (typeof row.at(-1) === 'object' ? row.at(-1) : {}) as {
        stat?: string;
        region?: string;
      };
      const [namespace, name, ...pairs] = row.filter((item) => typeof item === 'string') as string[];
      const dimensions: Record<string, string> = {};
      for (let index = 0; index < pairs.length; index += 2) {
        dimensions[pairs[index] as string] = pairs[index + 1] as string;
      }
      return {
        namespace: namespace as string,
        name: name as string,
        dimensions,
        stat: options.stat,
        ...(options.region ? { region: options.region } : {}),
      };
    });
}
