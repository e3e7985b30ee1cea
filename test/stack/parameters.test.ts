/**
 * The stack for the other deploy parameters, in the CloudFormation template that `serverless
 * package` builds for them (see support/template.ts): an existing topic (with or without its own
 * key), an e-mail address, user lists and an organisation trail's log group.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_ROOT,
  dimensionsOf,
  EMAIL,
  EXISTING_TOPIC,
  EXISTING_TOPIC_KEY,
  KEY_ARN,
  keyStatements,
  LOGS_PERMISSION,
  NOTIFIER,
} from '../support/stack-expectations.js';
import {
  created,
  createdResources,
  ofType,
  packagedTemplate,
  resourcesGranted,
  single,
  type Template,
} from '../support/template.js';

describe('stack with an existing topic, an e-mail address, user lists and an organisation trail', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate('existingTopic');
  });

  it('creates no topic nor topic policy, and nothing refers to them', () => {
    const resources = createdResources(template);

    expect(Object.keys(resources)).not.toContain('SignInTopic');
    expect(Object.keys(resources)).not.toContain('SignInTopicPolicy');
    expect(JSON.stringify(resources)).not.toContain('"Ref":"SignInTopic"');
  });

  it('publishes, grants and alarms to the given topic', () => {
    const notifier = created(template, NOTIFIER).Properties;

    expect(notifier.Environment).toMatchObject({
      Variables: { TOPIC_ARN: EXISTING_TOPIC, USER_ALLOWLIST: 'alice,bob*', USER_DENYLIST: 'ci-*' },
    });
    expect(resourcesGranted(template, 'sns:Publish')).toEqual([EXISTING_TOPIC]);
    for (const alarm of Object.values(ofType(template, 'AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([EXISTING_TOPIC]);
    }
  });

  it('still encrypts the queue and the table with its key, which only the fast path’s EventBridge rule may use', () => {
    expect(single(template, 'AWS::SQS::Queue').Properties.KmsMasterKeyId).toEqual(KEY_ARN);
    expect(single(template, 'AWS::DynamoDB::Table').Properties.SSESpecification).toMatchObject({
      KMSMasterKeyId: KEY_ARN,
    });
    // No alarm publishes to a topic of this key; EventBridge parks the fast path's dead letters.
    expect(keyStatements(template).map(({ Principal }) => Principal)).toEqual([
      ACCOUNT_ROOT,
      { Service: 'events.amazonaws.com' },
    ]);
    expect(resourcesGranted(template, 'kms:GenerateDataKey')).toEqual([KEY_ARN]);
  });

  it('subscribes the e-mail address to the given topic', () => {
    const subscription = single(template, 'AWS::SNS::Subscription').Properties;

    expect(subscription).toMatchObject({ Protocol: 'email', Endpoint: EMAIL, TopicArn: EXISTING_TOPIC });
  });

  it('reads the sign-ins from the given log group, and watches that subscription', () => {
    const permission = created(template, LOGS_PERMISSION).Properties;

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
    template = await packagedTemplate('existingEncryptedTopic');
  });

  it('lets the notifier use that key too, for publishing, and nothing more', () => {
    expect(resourcesGranted(template, 'kms:GenerateDataKey')).toEqual([KEY_ARN, EXISTING_TOPIC_KEY]);
    expect(resourcesGranted(template, 'kms:Decrypt')).toEqual([KEY_ARN, EXISTING_TOPIC_KEY]);
    expect(resourcesGranted(template, 'sns:Publish')).toEqual([EXISTING_TOPIC]);
    expect(JSON.stringify(resourcesGranted(template, 'sqs:SendMessage'))).not.toContain(EXISTING_TOPIC_KEY);
  });
});
