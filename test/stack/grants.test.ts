/**
 * What the stack with default parameters lets whom do, in the CloudFormation template that
 * `serverless package` builds (see support/template.ts): the notifier's role, least privilege on
 * the resources holding sign-ins, and the key policy.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_REF,
  ACCOUNT_ROOT,
  ALARMS_OF_THIS_REGION,
  DEDUPE_ACTIONS,
  dataStatements,
  FAST_PATH_RULE_ARN,
  KEY_ARN,
  keyStatements,
  QUEUE_ARN,
  TABLE_ARN,
  TOPIC_REF,
} from '../support/stack-expectations.js';
import {
  actionsOf,
  packagedTemplate,
  resourcesGranted,
  resourcesOf,
  roleStatements,
  type Template,
} from '../support/template.js';

describe('stack with default parameters', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
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

  it('lets the account administer the key, this account’s alarms and the fast path’s rule use it, and no one else', () => {
    const statements = keyStatements(template);
    const [admin, alarms, deadLetters] = statements;

    expect(statements).toHaveLength(3);
    expect(admin).toMatchObject({
      Effect: 'Allow',
      Principal: ACCOUNT_ROOT,
      Action: 'kms:*',
      Resource: '*',
    });
    expect(alarms).toMatchObject({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' } });
    expect(alarms && actionsOf(alarms).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    // The topic policy's conditions: this account's alarms, in this region (stack/topic.yml).
    expect(alarms?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT_REF },
      ArnLike: { 'aws:SourceArn': ALARMS_OF_THIS_REGION },
    });
    // The fast path's rule parks dead letters in the encrypted queue: that rule alone.
    expect(deadLetters).toMatchObject({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' } });
    expect(deadLetters && actionsOf(deadLetters).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(deadLetters?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT_REF },
      ArnEquals: { 'aws:SourceArn': FAST_PATH_RULE_ARN },
    });
    for (const statement of statements) {
      const principal = JSON.stringify(statement.Principal);
      expect(principal === '"*"' || principal.includes('"AWS":"*"')).toBe(false);
      if (principal.includes('Service')) expect(statement.Condition).toBeDefined();
    }
  });
});
