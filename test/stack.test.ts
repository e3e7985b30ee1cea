/**
 * The CloudFormation template that `serverless package` builds, read the way CloudFormation would
 * read it for a given set of deploy parameters (see support/template.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_DIR } from './support/serverless-package.js';
import {
  actionsOf,
  conditionHolds,
  created,
  createdResources,
  getAtt,
  ofType,
  type PolicyDocument,
  type PolicyStatement,
  type Props,
  packagedTemplate,
  resourcesGranted,
  resourcesOf,
  roleStatements,
  single,
  type Template,
} from './support/template.js';

const SIGN_IN_FILTER = '{ $.eventName = "ConsoleLogin" }';
const DEFAULT_LOG_GROUP = 'CloudTrail/DefaultLogGroup';
const EXISTING_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:existing';
const EXISTING_TOPIC_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const EMAIL = 'sec@example.com';
const TOPIC_REF = { Ref: 'SignInTopic' };
const ACCOUNT_REF = { Ref: 'AWS::AccountId' };
const KEY_ARN = getAtt('NotifierKey');
const TABLE_ARN = getAtt('AnnouncedSignInsTable');
const QUEUE_ARN = getAtt('FailedDeliveriesQueue');
const FUNCTION_REF = { Ref: 'NotifierLambdaFunction' };
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
const ACCOUNT_ROOT = { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } };
const FILTER_NAME = 'console-login-notifier-prod';
const METRICS_NAMESPACE = 'ConsoleLoginNotifier';
const SERVICE = 'console-login-notifier';
/** What the dedupe calls: conditional PutItem, consistent GetItem, BatchWriteItem puts and deletes. */
const DEDUPE_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'];
/** The self-monitoring alarms: what each watches; every one notifies the topic and recovers to OK. */
const HEALTH_ALARMS = {
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

function dimensionsOf(alarm: Props): Record<string, unknown> {
  const dimensions = (alarm.Dimensions ?? []) as { Name: string; Value: unknown }[];
  return Object.fromEntries(dimensions.map(({ Name, Value }) => [Name, Value]));
}

/** Statements of the role that touch the services holding sign-ins, or grant a bare `*`. */
function dataStatements(template: Template): PolicyStatement[] {
  return roleStatements(template).filter((statement) =>
    actionsOf(statement).some((action) => action === '*' || /^(sns|sqs|dynamodb|kms):/i.test(action)),
  );
}

function keyStatements(template: Template): PolicyStatement[] {
  return (created(template, 'NotifierKey').Properties.KeyPolicy as PolicyDocument).Statement;
}

type DashboardMetric = { namespace: string; name: string; dimensions: Record<string, string>; stat?: string };

/**
 * The dashboard body as CloudWatch receives it, `Fn::Sub` placeholders filled with stand-ins, after
 * checking that each placeholder is a pseudo parameter or a created resource (so Fn::Sub resolves).
 */
function dashboardBody(template: Template): { widgets: { type: string; properties: Props }[] } {
  const body = created(template, 'NotifierDashboard').Properties.DashboardBody as { 'Fn::Sub': string };
  const resources = Object.keys(createdResources(template));
  const filled = body['Fn::Sub'].replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    const resource = name.split('.')[0] as string;
    expect(name.startsWith('AWS::') || resources.includes(resource), `placeholder ${name}`).toBe(true);
    return `<${name}>`;
  });
  return JSON.parse(filled);
}

function dashboardMetrics(template: Template): DashboardMetric[] {
  return dashboardBody(template)
    .widgets.filter((widget) => widget.type === 'metric')
    .flatMap((widget) => widget.properties.metrics as unknown[][])
    .map((row) => {
      const options = (typeof row.at(-1) === 'object' ? row.at(-1) : {}) as { stat?: string };
      const [namespace, name, ...pairs] = row.filter((item) => typeof item === 'string') as string[];
      const dimensions: Record<string, string> = {};
      for (let index = 0; index < pairs.length; index += 2) {
        dimensions[pairs[index] as string] = pairs[index + 1] as string;
      }
      return { namespace: namespace as string, name: name as string, dimensions, stat: options.stat };
    });
}

describe('stack with default parameters', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
  });

  it('gives the names that the replay and redrive commands need as stack outputs', () => {
    const outputs = (template as Template & { Outputs: Record<string, { Value: unknown }> }).Outputs;

    expect(outputs.FailedDeliveriesQueueUrl?.Value).toEqual({ Ref: 'FailedDeliveriesQueue' });
    expect(outputs.DedupeTableName?.Value).toEqual({ Ref: 'AnnouncedSignInsTable' });
    expect(outputs.TopicArn?.Value).toEqual({ 'Fn::If': ['CreateTopic', { Ref: 'SignInTopic' }, ''] });
  });

  it('runs the notifier on a current Node.js runtime, arm64, with little memory and its settings', () => {
    const notifier = single(template, 'AWS::Lambda::Function');
    const { Runtime, Architectures, MemorySize } = notifier.Properties;

    expect(Number(/^nodejs(\d+)\.x$/.exec(String(Runtime))?.[1])).toBeGreaterThanOrEqual(22);
    expect(Architectures).toEqual(['arm64']);
    expect(MemorySize).toBeLessThanOrEqual(512);
    expect(JSON.stringify(template.Resources[notifier.id])).toContain('"TOPIC_ARN":{"Fn::If":');
    expect(notifier.Properties.Environment).toMatchObject({
      Variables: {
        TOPIC_ARN: TOPIC_REF,
        USER_ALLOWLIST: '',
        USER_DENYLIST: '',
        DEDUPE_TABLE_NAME: { Ref: 'AnnouncedSignInsTable' },
        PARKING_QUEUE_URL: { Ref: 'FailedDeliveriesQueue' },
        POWERTOOLS_SERVICE_NAME: SERVICE,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
    });
  });

  it('grants no wildcard action and no "*" resource to the notifier', () => {
    const statements = roleStatements(template);

    for (const statement of statements) {
      expect(actionsOf(statement).filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
      expect(resourcesOf(statement)).not.toContain('*');
    }
    expect(dataStatements(template).length).toBeGreaterThan(0);
    for (const statement of dataStatements(template)) {
      expect(actionsOf(statement).filter((action) => action.includes('*'))).toEqual([]);
      expect(JSON.stringify(statement.Resource)).not.toContain('*');
    }
  });

  it('lets the notifier publish, dedupe, park and use the key on its own resources only', () => {
    const granted = dataStatements(template).flatMap(actionsOf);

    expect([...new Set(granted)].sort()).toEqual(
      ['kms:Decrypt', 'kms:GenerateDataKey', 'sns:Publish', 'sqs:SendMessage', ...DEDUPE_ACTIONS].sort(),
    );
    expect(resourcesGranted(template, 'sns:Publish')).toEqual([TOPIC_REF]);
    for (const action of DEDUPE_ACTIONS) expect(resourcesGranted(template, action)).toEqual([TABLE_ARN]);
    // SendMessageBatch, used to park sign-ins, is authorised by sqs:SendMessage.
    const parking = resourcesGranted(template, 'sqs:SendMessage').map((resource) => JSON.stringify(resource));
    expect(new Set(parking)).toEqual(new Set([JSON.stringify(QUEUE_ARN)]));
    expect(resourcesGranted(template, 'kms:GenerateDataKey')).toEqual([KEY_ARN]);
    expect(resourcesGranted(template, 'kms:Decrypt')).toEqual([KEY_ARN]);
  });

  it('sends the sign-ins of the CloudTrail log group to the notifier, through a named filter', () => {
    const notifierArn = getAtt(single(template, 'AWS::Lambda::Function').id);
    const filter = single(template, 'AWS::Logs::SubscriptionFilter').Properties;
    const permission = single(template, 'AWS::Lambda::Permission').Properties;

    expect(filter).toMatchObject({ LogGroupName: DEFAULT_LOG_GROUP, DestinationArn: notifierArn });
    expect(filter).toMatchObject({ FilterName: FILTER_NAME, FilterPattern: SIGN_IN_FILTER });
    expect(permission).toMatchObject({ Action: 'lambda:InvokeFunction', FunctionName: notifierArn });
    expect(JSON.stringify(permission.Principal)).toContain('"logs."');
    expect(JSON.stringify(permission.SourceArn)).toContain(JSON.stringify(DEFAULT_LOG_GROUP));
  });

  it('creates the topic, encrypted with the stack’s key, which this account’s alarms may publish to', () => {
    const policy = single(template, 'AWS::SNS::TopicPolicy').Properties;
    const alarmsPublish = (policy.PolicyDocument as PolicyDocument).Statement.find(
      (statement) => JSON.stringify(statement.Principal) === '{"Service":"cloudwatch.amazonaws.com"}',
    );

    expect(single(template, 'AWS::SNS::Topic')).toMatchObject({
      id: 'SignInTopic',
      Properties: { KmsMasterKeyId: KEY_ARN },
    });
    expect(policy.Topics).toEqual([TOPIC_REF]);
    expect(alarmsPublish).toMatchObject({ Effect: 'Allow', Resource: TOPIC_REF });
    expect(alarmsPublish && actionsOf(alarmsPublish)).toEqual(['sns:Publish']);
    expect(alarmsPublish?.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': ACCOUNT_REF } });
  });

  it('creates a rotated customer-managed key with an alias', () => {
    const key = single(template, 'AWS::KMS::Key');
    const alias = single(template, 'AWS::KMS::Alias').Properties;

    expect(key.id).toBe('NotifierKey');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(alias).toEqual({ AliasName: 'alias/console-login-notifier-prod', TargetKeyId: { Ref: key.id } });
  });

  it('lets the account administer the key and this account’s alarms use it, and no one else', () => {
    const statements = keyStatements(template);
    const [admin, alarms] = statements;

    expect(statements).toHaveLength(2);
    expect(admin).toMatchObject({
      Effect: 'Allow',
      Principal: ACCOUNT_ROOT,
      Action: 'kms:*',
      Resource: '*',
    });
    expect(alarms).toMatchObject({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' } });
    expect(alarms && actionsOf(alarms).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(alarms?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': ACCOUNT_REF } });
    for (const statement of statements) {
      const principal = JSON.stringify(statement.Principal);
      expect(principal === '"*"' || principal.includes('"AWS":"*"')).toBe(false);
      if (principal.includes('Service')) expect(statement.Condition).toBeDefined();
    }
  });

  it('keeps the metric filter and alarm of the classic recipe as a fallback', () => {
    const metricFilter = single(template, 'AWS::Logs::MetricFilter').Properties;
    const [metric] = metricFilter.MetricTransformations as Props[];
    const alarm = created(template, 'ConsoleLoginAlarm').Properties;

    expect(metricFilter).toMatchObject({ LogGroupName: DEFAULT_LOG_GROUP, FilterPattern: SIGN_IN_FILTER });
    expect(alarm).toMatchObject({ Namespace: metric?.MetricNamespace, MetricName: metric?.MetricName });
    expect(alarm).toMatchObject({
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(alarm).toMatchObject({ Period: 300, EvaluationPeriods: 1, DatapointsToAlarm: 1 });
    expect(alarm).toMatchObject({ TreatMissingData: 'notBreaching', AlarmActions: [TOPIC_REF] });
    expect(alarm.AlarmDescription).toMatch(/message per sign-in should have/i);
    const queueName = single(template, 'AWS::SQS::Queue').Properties.QueueName as string;
    expect(alarm.AlarmDescription).toContain(queueName);
    expect(alarm.AlarmDescription).toContain('/aws/lambda/console-login-notifier-prod-notifier');
  });

  it('retries a failed invocation twice, then hands it to the parking queue, kept 14 days under the key', () => {
    const notifier = single(template, 'AWS::Lambda::Function');
    const invokeConfig = single(template, 'AWS::Lambda::EventInvokeConfig').Properties;
    const queue = single(template, 'AWS::SQS::Queue');

    expect(invokeConfig).toMatchObject({ FunctionName: { Ref: notifier.id }, MaximumRetryAttempts: 2 });
    expect(invokeConfig.DestinationConfig).toEqual({ OnFailure: { Destination: getAtt(queue.id) } });
    expect(queue.Properties).toMatchObject({
      QueueName: 'console-login-notifier-prod-failed-deliveries',
      MessageRetentionPeriod: 1209600,
      MaximumMessageSize: 1048576,
      KmsMasterKeyId: KEY_ARN,
      KmsDataKeyReusePeriodSeconds: 300,
    });
    expect(queue.Properties).not.toHaveProperty('SqsManagedSseEnabled');
  });

  it('remembers announced eventIDs in a table encrypted with the key, expired by TTL', () => {
    const table = single(template, 'AWS::DynamoDB::Table');

    expect(table).toMatchObject({ id: 'AnnouncedSignInsTable', DeletionPolicy: 'Delete' });
    expect(table.Properties).toMatchObject({
      TableName: 'console-login-notifier-prod-announced',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: KEY_ARN },
    });
  });

  it.each(Object.entries(HEALTH_ALARMS))(
    'alarms on %s, telling what broke and what to do',
    (id, expected) => {
      const alarm = created(template, id);

      expect(alarm.Type).toBe('AWS::CloudWatch::Alarm');
      expect(alarm.Properties).toMatchObject({
        ...expected.watches,
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TOPIC_REF],
        OKActions: [TOPIC_REF],
      });
      expect(dimensionsOf(alarm.Properties)).toEqual(expected.dimensions);
      expect(alarm.Properties.AlarmDescription).toMatch(expected.toDo);
      // CloudWatch refuses a longer description, and with it the deploy.
      expect(String(alarm.Properties.AlarmDescription).length).toBeLessThanOrEqual(1024);
    },
  );

  it('says that a failed invocation means parking failed, and what Lambda then does with the event', () => {
    const description = String(created(template, 'NotifierErrorsAlarm').Properties.AlarmDescription);

    // The notifier parks what it cannot announce and succeeds: Lambda parks nothing itself.
    expect(description).not.toMatch(/Lambda[^.]*\bparks\b/);
    expect(description).toMatch(/parking itself failed/);
    expect(description).toMatch(/retries the event twice[\s\S]*on-failure/);
    expect(description).toContain('NotifierDestinationDeliveryFailuresAlarm');
  });

  it('tells a dropped event that reached the on-failure queue from one that did not', () => {
    const description = String(
      created(template, 'NotifierAsyncEventsDroppedAlarm').Properties.AlarmDescription,
    );

    expect(description).toMatch(/ParkedSignInsAlarm[\s\S]*`npm run redrive`/);
    expect(description).toContain('NotifierDestinationDeliveryFailuresAlarm');
  });

  it('watches the subscription filter under the name the filter really has', () => {
    const filter = single(template, 'AWS::Logs::SubscriptionFilter').Properties;

    for (const id of ['SubscriptionDeliveryErrorsAlarm', 'SubscriptionDeliveryThrottlingAlarm']) {
      expect(dimensionsOf(created(template, id).Properties)).toMatchObject({
        LogGroupName: filter.LogGroupName,
        FilterName: filter.FilterName,
      });
    }
  });

  it('has no alarm besides the fallback and the health alarms, all notifying the topic', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm');

    expect(Object.keys(alarms).sort()).toEqual(['ConsoleLoginAlarm', ...Object.keys(HEALTH_ALARMS)].sort());
    for (const alarm of Object.values(alarms)) {
      expect(alarm.Properties).toMatchObject({ TreatMissingData: 'notBreaching', AlarmActions: [TOPIC_REF] });
    }
  });

  it('shows sign-ins by outcome and by severity on the dashboard', () => {
    const announced = dashboardMetrics(template).filter((metric) => metric.name === 'SignInsAnnounced');

    for (const metric of announced) expect(metric.namespace).toBe(METRICS_NAMESPACE);
    expect(announced.map(({ dimensions }) => dimensions)).toEqual(
      expect.arrayContaining([
        { service: SERVICE, outcome: 'Success' },
        { service: SERVICE, outcome: 'Failure' },
        ...['critical', 'high', 'medium', 'info'].map((severity) => ({ service: SERVICE, severity })),
      ]),
    );
  });

  it('shows the notifier’s health and latency on the dashboard', () => {
    const metrics = dashboardMetrics(template);
    const custom = (name: string) => metrics.filter((metric) => metric.name === name);

    for (const name of ['Errors', 'Throttles', 'DestinationDeliveryFailures', 'AsyncEventsDropped']) {
      expect(metrics).toContainEqual(
        expect.objectContaining({
          namespace: 'AWS/Lambda',
          name,
          dimensions: { FunctionName: '<NotifierLambdaFunction>' },
        }),
      );
    }
    const counters = [
      ...['SignInsParked', 'DeliveriesParked', 'PublishFailures', 'DedupeUnavailable'],
      ...['DuplicatesSuppressed', 'MalformedRecords', 'SignInsFiltered'],
    ];
    for (const name of counters) {
      expect(custom(name)).toEqual([
        expect.objectContaining({ namespace: METRICS_NAMESPACE, dimensions: { service: SERVICE } }),
      ]);
    }
    expect(custom('AnnounceLatency').map(({ stat }) => stat)).toEqual(['p50', 'p99', 'Maximum']);
  });

  it('charts only metrics that the notifier emits', async () => {
    const emitted = await readFile(join(SERVICE_DIR, 'src', 'metrics.ts'), 'utf8');
    const custom = dashboardMetrics(template).filter(({ namespace }) => namespace === METRICS_NAMESPACE);

    expect(custom.length).toBeGreaterThan(0);
    for (const { name } of custom) expect(emitted, name).toContain(`'${name}'`);
  });

  it('shows every alarm of the stack on the dashboard, in the deploy region', () => {
    const { widgets } = dashboardBody(template);
    const alarmArns = widgets
      .filter(({ type }) => type === 'alarm')
      .flatMap((widget) => widget.properties.alarms as string[]);
    const alarmIds = Object.keys(ofType(template, 'AWS::CloudWatch::Alarm'));

    expect(alarmArns.map((arn) => /:alarm:<(\w+)>$/.exec(arn)?.[1]).sort()).toEqual(alarmIds.sort());
    for (const widget of widgets.filter(({ type }) => type === 'metric')) {
      expect(widget.properties.region).toBe('<AWS::Region>');
    }
  });

  it('subscribes no e-mail address', () => {
    const resources = createdResources(template);

    expect(template.Resources.EmailSubscription).toMatchObject({ Condition: 'SubscribeEmail' });
    expect(conditionHolds(template, 'SubscribeEmail')).toBe(false);
    expect(Object.values(resources).map(({ Type }) => Type)).not.toContain('AWS::SNS::Subscription');
  });
});

describe('stack with an existing topic, an e-mail address, user lists and an organisation trail', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate({
      topicArn: EXISTING_TOPIC,
      email: EMAIL,
      userAllowlist: 'alice,bob*',
      userDenylist: 'ci-*',
      cloudTrailLogGroup: 'org/trail',
    });
  });

  it('creates no topic nor topic policy, and nothing refers to them', () => {
    const resources = createdResources(template);

    expect(Object.keys(resources)).not.toContain('SignInTopic');
    expect(Object.keys(resources)).not.toContain('SignInTopicPolicy');
    expect(JSON.stringify(resources)).not.toContain('"Ref":"SignInTopic"');
  });

  it('publishes, grants and alarms to the given topic', () => {
    const notifier = single(template, 'AWS::Lambda::Function').Properties;

    expect(notifier.Environment).toMatchObject({
      Variables: { TOPIC_ARN: EXISTING_TOPIC, USER_ALLOWLIST: 'alice,bob*', USER_DENYLIST: 'ci-*' },
    });
    expect(resourcesGranted(template, 'sns:Publish')).toEqual([EXISTING_TOPIC]);
    for (const alarm of Object.values(ofType(template, 'AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([EXISTING_TOPIC]);
    }
  });

  it('still encrypts the queue and the table with its key, which no service principal may use', () => {
    expect(single(template, 'AWS::SQS::Queue').Properties.KmsMasterKeyId).toEqual(KEY_ARN);
    expect(single(template, 'AWS::DynamoDB::Table').Properties.SSESpecification).toMatchObject({
      KMSMasterKeyId: KEY_ARN,
    });
    expect(keyStatements(template).map(({ Principal }) => Principal)).toEqual([ACCOUNT_ROOT]);
    expect(resourcesGranted(template, 'kms:GenerateDataKey')).toEqual([KEY_ARN]);
  });

  it('subscribes the e-mail address to the given topic', () => {
    const subscription = single(template, 'AWS::SNS::Subscription').Properties;

    expect(subscription).toMatchObject({ Protocol: 'email', Endpoint: EMAIL, TopicArn: EXISTING_TOPIC });
  });

  it('reads the sign-ins from the given log group, and watches that subscription', () => {
    const permission = single(template, 'AWS::Lambda::Permission').Properties;

    expect(single(template, 'AWS::Logs::SubscriptionFilter').Properties.LogGroupName).toBe('org/trail');
    expect(single(template, 'AWS::Logs::MetricFilter').Properties.LogGroupName).toBe('org/trail');
    expect(JSON.stringify(permission.SourceArn)).toContain('"org/trail"');
    for (const id of ['SubscriptionDeliveryErrorsAlarm', 'SubscriptionDeliveryThrottlingAlarm']) {
      expect(dimensionsOf(created(template, id).Properties).LogGroupName).toBe('org/trail');
    }
  });
});

describe('stack with an existing topic encrypted with its own key', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate({ topicArn: EXISTING_TOPIC, topicKmsKeyArn: EXISTING_TOPIC_KEY });
  });

  it('lets the notifier use that key too, for publishing, and nothing more', () => {
    expect(resourcesGranted(template, 'kms:GenerateDataKey')).toEqual([KEY_ARN, EXISTING_TOPIC_KEY]);
    expect(resourcesGranted(template, 'kms:Decrypt')).toEqual([KEY_ARN, EXISTING_TOPIC_KEY]);
    expect(resourcesGranted(template, 'sns:Publish')).toEqual([EXISTING_TOPIC]);
    expect(JSON.stringify(resourcesGranted(template, 'sqs:SendMessage'))).not.toContain(EXISTING_TOPIC_KEY);
  });
});
