/**
 * The CloudFormation template that `serverless package` builds, read the way CloudFormation would
 * read it for a given set of deploy parameters: conditions evaluated, `Fn::If` branches chosen.
 */
import { rm } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageService, readPackagedJson } from './support/serverless-package.js';

type Resource = { readonly Type: string; readonly Condition?: string; readonly Properties: Props };
type Props = Record<string, unknown>;
type Template = { readonly Resources: Record<string, Resource>; readonly Conditions: Props };
type PolicyStatement = { readonly Action: string | string[]; readonly Resource: unknown };
type PolicyDocument = { readonly Statement: (PolicyStatement & Props)[] };

const SIGN_IN_FILTER = '{ $.eventName = "ConsoleLogin" }';
const DEFAULT_LOG_GROUP = 'CloudTrail/DefaultLogGroup';
const EXISTING_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:existing';
const EMAIL = 'sec@example.com';
const TOPIC_REF = { Ref: 'SignInTopic' };
const ACCOUNT_REF = { Ref: 'AWS::AccountId' };

async function packagedTemplate(params: Record<string, string> = {}): Promise<Template> {
  const outDir = await packageService(params);
  try {
    return (await readPackagedJson(outDir, 'cloudformation-template-update-stack.json')) as Template;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** The value CloudFormation sees: `Fn::If`, `Fn::Equals`, `Fn::Not` and `Condition` evaluated. */
function resolved(template: Template, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => resolved(template, item));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [name, argument] = entries.length === 1 ? (entries[0] as [string, unknown]) : [];
  const [first, second, third] = (Array.isArray(argument) ? argument : []) as unknown[];
  switch (name) {
    case 'Fn::If':
      return resolved(template, conditionHolds(template, first as string) ? second : third);
    case 'Fn::Equals':
      return JSON.stringify(resolved(template, first)) === JSON.stringify(resolved(template, second));
    case 'Fn::Not':
      return !resolved(template, first);
    case 'Condition':
      return conditionHolds(template, argument as string);
    default:
      return Object.fromEntries(entries.map(([key, item]) => [key, resolved(template, item)]));
  }
}

function conditionHolds(template: Template, name: string): boolean {
  const holds = resolved(template, template.Conditions[name]);
  if (typeof holds !== 'boolean') throw new Error(`condition ${name} does not evaluate to a boolean`);
  return holds;
}

/** The resources a deploy creates, with their properties resolved. */
function createdResources(template: Template): Record<string, Resource> {
  const created: Record<string, Resource> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition !== undefined && !conditionHolds(template, resource.Condition)) continue;
    created[id] = { ...resource, Properties: resolved(template, resource.Properties) as Props };
  }
  return created;
}

/** The one created resource of this type, with its logical id. */
function single(template: Template, type: string): Resource & { id: string } {
  const matches = Object.entries(createdResources(template)).filter(([, resource]) => resource.Type === type);
  expect(matches.map(([id]) => id)).toHaveLength(1);
  const [id, resource] = matches[0] as [string, Resource];
  return { id, ...resource };
}

function roleStatements(template: Template): PolicyStatement[] {
  const policies = single(template, 'AWS::IAM::Role').Properties.Policies as {
    PolicyDocument: PolicyDocument;
  }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

function actionsOf(statement: PolicyStatement): string[] {
  return typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
}

/** The resources of every role statement that grants this action. */
function resourcesGranted(template: Template, action: string): unknown[] {
  return roleStatements(template)
    .filter((statement) => actionsOf(statement).includes(action))
    .map((statement) => statement.Resource);
}

describe('stack with default parameters', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
  });

  it('runs the notifier on a current Node.js runtime, arm64, with little memory and its settings', () => {
    const notifier = single(template, 'AWS::Lambda::Function');
    const { Runtime, Architectures, MemorySize } = notifier.Properties;

    expect(Number(/^nodejs(\d+)\.x$/.exec(String(Runtime))?.[1])).toBeGreaterThanOrEqual(22);
    expect(Architectures).toEqual(['arm64']);
    expect(MemorySize).toBeLessThanOrEqual(512);
    expect(JSON.stringify(template.Resources[notifier.id])).toContain('"TOPIC_ARN":{"Fn::If":');
    expect(notifier.Properties.Environment).toMatchObject({
      Variables: { TOPIC_ARN: TOPIC_REF, USER_ALLOWLIST: '', USER_DENYLIST: '' },
    });
  });

  it('lets the role publish to the topic only, with no SNS wildcard anywhere', () => {
    const snsStatements = roleStatements(template).filter((statement) =>
      actionsOf(statement).some((action) => action === '*' || action.toLowerCase().startsWith('sns:')),
    );

    expect(snsStatements.length).toBeGreaterThan(0);
    for (const statement of snsStatements) {
      expect(actionsOf(statement).filter((action) => action.includes('*'))).toEqual([]);
      expect(JSON.stringify(statement.Resource)).not.toContain('*');
    }
    expect(resourcesGranted(template, 'sns:Publish')).toEqual([TOPIC_REF]);
  });

  it('sends the sign-ins of the CloudTrail log group to the notifier', () => {
    const notifierArn = { 'Fn::GetAtt': [single(template, 'AWS::Lambda::Function').id, 'Arn'] };
    const filter = single(template, 'AWS::Logs::SubscriptionFilter').Properties;
    const permission = single(template, 'AWS::Lambda::Permission').Properties;

    expect(filter).toMatchObject({ LogGroupName: DEFAULT_LOG_GROUP, DestinationArn: notifierArn });
    expect(filter.FilterPattern).toMatch(/\$\.eventName\s*=\s*"ConsoleLogin"/);
    expect(permission).toMatchObject({ Action: 'lambda:InvokeFunction', FunctionName: notifierArn });
    expect(JSON.stringify(permission.Principal)).toContain('"logs."');
    expect(JSON.stringify(permission.SourceArn)).toContain(JSON.stringify(DEFAULT_LOG_GROUP));
  });

  it('creates the topic, which this account’s alarms may publish to', () => {
    const policy = single(template, 'AWS::SNS::TopicPolicy').Properties;
    const alarmsPublish = (policy.PolicyDocument as PolicyDocument).Statement.find(
      (statement) => JSON.stringify(statement.Principal) === '{"Service":"cloudwatch.amazonaws.com"}',
    );

    expect(single(template, 'AWS::SNS::Topic').id).toBe('SignInTopic');
    expect(policy.Topics).toEqual([TOPIC_REF]);
    expect(alarmsPublish).toMatchObject({ Effect: 'Allow', Resource: TOPIC_REF });
    expect(alarmsPublish && actionsOf(alarmsPublish)).toEqual(['sns:Publish']);
    expect(alarmsPublish?.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': ACCOUNT_REF } });
  });

  it('keeps the metric filter and alarm of the classic recipe as a fallback', () => {
    const metricFilter = single(template, 'AWS::Logs::MetricFilter').Properties;
    const [metric] = metricFilter.MetricTransformations as Props[];
    const alarm = single(template, 'AWS::CloudWatch::Alarm').Properties;

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

  it('retries a failed delivery twice, then parks it in an encrypted queue kept 14 days', () => {
    const notifier = single(template, 'AWS::Lambda::Function');
    const invokeConfig = single(template, 'AWS::Lambda::EventInvokeConfig').Properties;
    const queue = single(template, 'AWS::SQS::Queue');
    const queueArn = { 'Fn::GetAtt': [queue.id, 'Arn'] };

    expect(invokeConfig).toMatchObject({ FunctionName: { Ref: notifier.id }, MaximumRetryAttempts: 2 });
    expect(invokeConfig.DestinationConfig).toEqual({ OnFailure: { Destination: queueArn } });
    expect(queue.Properties.MessageRetentionPeriod).toBe(1209600);
    expect(queue.Properties).toSatisfy(({ SqsManagedSseEnabled, KmsMasterKeyId }: Props) =>
      Boolean(SqsManagedSseEnabled === true || KmsMasterKeyId),
    );
    expect(resourcesGranted(template, 'sqs:SendMessage')).toEqual([queueArn]);
  });

  it('subscribes no e-mail address', () => {
    const created = createdResources(template);

    expect(template.Resources.EmailSubscription).toMatchObject({ Condition: 'SubscribeEmail' });
    expect(conditionHolds(template, 'SubscribeEmail')).toBe(false);
    expect(Object.values(created).map(({ Type }) => Type)).not.toContain('AWS::SNS::Subscription');
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
    const created = createdResources(template);

    expect(Object.keys(created)).not.toContain('SignInTopic');
    expect(Object.keys(created)).not.toContain('SignInTopicPolicy');
    expect(JSON.stringify(created)).not.toContain('"Ref":"SignInTopic"');
  });

  it('publishes, grants and alarms to the given topic', () => {
    const notifier = single(template, 'AWS::Lambda::Function').Properties;

    expect(notifier.Environment).toMatchObject({
      Variables: { TOPIC_ARN: EXISTING_TOPIC, USER_ALLOWLIST: 'alice,bob*', USER_DENYLIST: 'ci-*' },
    });
    expect(resourcesGranted(template, 'sns:Publish')).toEqual([EXISTING_TOPIC]);
    expect(single(template, 'AWS::CloudWatch::Alarm').Properties.AlarmActions).toEqual([EXISTING_TOPIC]);
  });

  it('subscribes the e-mail address to the given topic', () => {
    const subscription = single(template, 'AWS::SNS::Subscription').Properties;

    expect(subscription).toMatchObject({ Protocol: 'email', Endpoint: EMAIL, TopicArn: EXISTING_TOPIC });
  });

  it('reads the sign-ins from the given log group', () => {
    const permission = single(template, 'AWS::Lambda::Permission').Properties;

    expect(single(template, 'AWS::Logs::SubscriptionFilter').Properties.LogGroupName).toBe('org/trail');
    expect(single(template, 'AWS::Logs::MetricFilter').Properties.LogGroupName).toBe('org/trail');
    expect(JSON.stringify(permission.SourceArn)).toContain('"org/trail"');
  });
});
