/**
 * The EventBridge fast path in the deploy region, with default parameters (stack/fast-path.yml), in
 * the template `serverless package` builds (see support/template.ts): the rule and what it matches,
 * the fastPath function it invokes, and where failures go (the same on-failure queue).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cloudTrailRecord } from '../../testing/events.js';
import { DEFAULT_SIGN_IN_EVENTS, matchesPattern } from '../support/fast-path.js';
import {
  ACCOUNT_REF,
  FAST_PATH_RULE,
  FAST_PATH_RULE_ARN,
  NOTIFIER,
  QUEUE_ARN,
} from '../support/stack-expectations.js';
import {
  created,
  getAtt,
  ofType,
  type PolicyDocument,
  type Props,
  packagedTemplate,
  single,
  type Template,
} from '../support/template.js';

/** An event as EventBridge delivers a CloudTrail sign-in record. */
const eventOf = (detailType: string, detail: Props) => ({
  version: '0',
  'detail-type': detailType,
  source: 'aws.signin',
  account: '111122223333',
  region: 'us-east-1',
  detail,
});

describe('stack with default parameters: the fast path in the deploy region', () => {
  let template: Template;
  let pattern: Props;
  beforeAll(async () => {
    template = await packagedTemplate();
    pattern = created(template, 'FastPathRule').Properties.EventPattern as Props;
  });

  it('matches sign-in events on the default bus by source, eventSource and the announced names', () => {
    const rule = single(template, 'AWS::Events::Rule');

    expect(rule.id).toBe('FastPathRule');
    expect(rule.Properties).toMatchObject({ Name: FAST_PATH_RULE, State: 'ENABLED' });
    expect(rule.Properties).not.toHaveProperty('EventBusName');
    expect(pattern).toEqual({
      source: ['aws.signin'],
      detail: { eventSource: ['signin.amazonaws.com'], eventName: DEFAULT_SIGN_IN_EVENTS },
    });
  });

  it('matches both spellings of the console detail-type and Identity Center’s service events', () => {
    const consoleLogin = cloudTrailRecord('console-login/aws-docs-ct-root-success-no-mfa') as Props;
    const identityCenter = {
      eventSource: 'signin.amazonaws.com',
      eventName: 'UserAuthentication',
      eventType: 'AwsServiceEvent',
    };

    for (const detailType of ['AWS Console Sign In via CloudTrail', 'AWS Console Signin via CloudTrail']) {
      expect(matchesPattern(pattern, eventOf(detailType, consoleLogin)), detailType).toBe(true);
    }
    expect(matchesPattern(pattern, eventOf('AWS Service Event via CloudTrail', identityCenter))).toBe(true);
  });

  it('leaves out the steps of a sign-in, unannounced kinds and other services', () => {
    const step = { eventSource: 'signin.amazonaws.com', eventName: 'CredentialChallenge' };
    const switchRole = cloudTrailRecord('switch-role/davxiao-cross-account') as Props;
    const assumeRole = { eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole' };

    expect(matchesPattern(pattern, eventOf('AWS Service Event via CloudTrail', step))).toBe(false);
    expect(matchesPattern(pattern, eventOf('AWS Console Sign In via CloudTrail', switchRole))).toBe(false);
    expect(
      matchesPattern(pattern, { ...eventOf('AWS API Call via CloudTrail', assumeRole), source: 'aws.sts' }),
    ).toBe(false);
  });

  it('invokes the fastPath function, retries the hand-over for an hour, then parks the event', () => {
    const { Targets } = created(template, 'FastPathRule').Properties;

    expect(Targets).toEqual([
      {
        Id: 'fast-path-notifier',
        Arn: getAtt('FastPathLambdaFunction'),
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: QUEUE_ARN },
      },
    ]);
  });

  it('lets EventBridge invoke the function for that rule of this account only', () => {
    const permissions = Object.values(ofType(template, 'AWS::Lambda::Permission')).filter(
      ({ Properties }) => Properties.Principal === 'events.amazonaws.com',
    );

    expect(permissions.map(({ Properties }) => Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt('FastPathLambdaFunction'),
        Principal: 'events.amazonaws.com',
        SourceAccount: ACCOUNT_REF,
        SourceArn: getAtt('FastPathRule'),
      },
    ]);
  });

  it('runs the EventBridge handler as the notifier runs: same settings, role, retries and queue', () => {
    const fastPath = created(template, 'FastPathLambdaFunction');
    const notifier = created(template, NOTIFIER).Properties;
    const invokeConfig = created(template, 'FastPathLambdaEvConf').Properties;

    expect(template.Resources.FastPathLambdaFunction?.Condition).toBe('FastPath');
    expect(fastPath.Properties).toMatchObject({
      Handler: 'src/handlers/eventbridge.handler',
      FunctionName: 'console-login-notifier-prod-fastPath',
      Environment: notifier.Environment,
      Role: notifier.Role,
      Runtime: notifier.Runtime,
      Architectures: notifier.Architectures,
      MemorySize: notifier.MemorySize,
      Timeout: notifier.Timeout,
    });
    expect(invokeConfig).toMatchObject({
      FunctionName: { Ref: 'FastPathLambdaFunction' },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnFailure: { Destination: QUEUE_ARN } },
    });
  });

  it('gives the function no event source of its own: the rule above is the only way in', () => {
    const aimedAtIt = Object.entries(template.Resources).filter(
      ([id, resource]) =>
        id !== 'FastPathRule' && JSON.stringify(resource).includes('"FastPathLambdaFunction","Arn"'),
    );

    expect(aimedAtIt.map(([id]) => id)).toEqual(['FastPathLambdaPermissionEventBridge']);
  });

  it('lets that rule, and only it, park dead letters in the on-failure queue', () => {
    const { Statement } = created(template, 'FailedDeliveriesQueuePolicy').Properties
      .PolicyDocument as PolicyDocument;

    expect(Statement.find(({ Sid }) => Sid === 'FastPathRuleDeadLetters')).toEqual({
      Sid: 'FastPathRuleDeadLetters',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: QUEUE_ARN,
      Condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT_REF },
        ArnEquals: { 'aws:SourceArn': FAST_PATH_RULE_ARN },
      },
    });
  });

  it('names the rule’s ARN as CloudFormation will give it, and outputs it', () => {
    const outputs = (template as Template & { Outputs: Record<string, { Value: unknown }> }).Outputs;

    // The policies cannot GetAtt the rule (a cycle through the key): the name they build must be its name.
    expect(created(template, 'FastPathRule').Properties.Name).toBe(FAST_PATH_RULE);
    expect(FAST_PATH_RULE_ARN['Fn::Sub']).toMatch(new RegExp(`:rule/${FAST_PATH_RULE}$`));
    expect(outputs.FastPathRuleArn?.Value).toEqual(getAtt('FastPathRule'));
  });
});
