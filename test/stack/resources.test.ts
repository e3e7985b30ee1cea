/**
 * The resources of the stack with default parameters, in the CloudFormation template that
 * `serverless package` builds (see support/template.ts): the function and its event source, the
 * topic, the key, the fallback alarm, the on-failure queue and the dedupe table.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_EVENTS } from '../../src/decide/sign-in-events.js';
import {
  ACCOUNT_REF,
  DEFAULT_LOG_GROUP,
  FALLBACK_FILTER,
  FILTER_NAME,
  KEY_ARN,
  LOGS_PERMISSION,
  METRICS_NAMESPACE,
  NOTIFIER,
  SERVICE,
  SIGN_IN_FILTER,
  TOPIC_REF,
} from '../support/stack-expectations.js';
import {
  actionsOf,
  conditionHolds,
  created,
  createdResources,
  getAtt,
  type PolicyDocument,
  type Props,
  packagedTemplate,
  single,
  type Template,
} from '../support/template.js';

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
    const notifier = { id: NOTIFIER, ...created(template, NOTIFIER) };
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
        SIGN_IN_EVENTS: DEFAULT_SIGN_IN_EVENTS.join(','),
        ACCOUNT_NAMES: '',
        ACCOUNT_NAME_LOOKUP: 'organizations',
        DEDUPE_TABLE_NAME: { Ref: 'AnnouncedSignInsTable' },
        PARKING_QUEUE_URL: { Ref: 'FailedDeliveriesQueue' },
        POWERTOOLS_SERVICE_NAME: SERVICE,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
    });
  });

  it('sends the sign-ins of the CloudTrail log group to the notifier, through a named filter', () => {
    const notifierArn = getAtt(NOTIFIER);
    const filter = single(template, 'AWS::Logs::SubscriptionFilter').Properties;
    const permission = created(template, LOGS_PERMISSION).Properties;

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

  it('keeps the metric filter and alarm of the classic recipe as a fallback', () => {
    const metricFilter = single(template, 'AWS::Logs::MetricFilter').Properties;
    const [metric] = metricFilter.MetricTransformations as Props[];
    const alarm = created(template, 'ConsoleLoginAlarm').Properties;

    expect(metricFilter).toMatchObject({ LogGroupName: DEFAULT_LOG_GROUP, FilterPattern: FALLBACK_FILTER });
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
    const invokeConfig = created(template, 'NotifierLambdaEvConf').Properties;
    const queue = single(template, 'AWS::SQS::Queue');

    expect(invokeConfig).toMatchObject({ FunctionName: { Ref: NOTIFIER }, MaximumRetryAttempts: 2 });
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

  it('subscribes no e-mail address', () => {
    const resources = createdResources(template);

    expect(template.Resources.EmailSubscription).toMatchObject({ Condition: 'SubscribeEmail' });
    expect(conditionHolds(template, 'SubscribeEmail')).toBe(false);
    expect(Object.values(resources).map(({ Type }) => Type)).not.toContain('AWS::SNS::Subscription');
  });
});
