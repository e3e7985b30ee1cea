/**
 * createTrail=true (stack/trail.yml, stack/trail-bucket.yml), in the template `serverless package`
 * builds (see support/template.ts): the trail, its log group and delivery role, and what the
 * notifier, the fallback and the health alarms then read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_REF,
  dimensionsOf,
  KEY_ARN,
  keyStatements,
  LOGS_PERMISSION,
  TRAIL_ARN,
  TRAIL_LOG_GROUP,
} from '../support/stack-expectations.js';
import {
  created,
  createdResources,
  getAtt,
  type PolicyDocument,
  packagedTemplate,
  type Template,
} from '../support/template.js';

const TRAIL_RESOURCES = [
  'Trail',
  'TrailLogGroup',
  'TrailDeliveryRole',
  'TrailBucket',
  'TrailBucketPolicy',
  'TrailAccessLogsBucket',
  'TrailAccessLogsBucketPolicy',
];

describe('stack with createTrail=true', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate('createTrail');
  });

  it('creates a multi-region trail of all management events, validated and encrypted with the key', () => {
    const trail = created(template, 'Trail');

    expect(trail.Properties).toMatchObject({
      TrailName: 'console-login-notifier-prod',
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      S3BucketName: { Ref: 'TrailBucket' },
      KMSKeyId: KEY_ARN,
      CloudWatchLogsLogGroupArn: getAtt('TrailLogGroup'),
      CloudWatchLogsRoleArn: getAtt('TrailDeliveryRole'),
    });
    expect(template.Resources.Trail).toMatchObject({ DependsOn: ['TrailBucketPolicy'] });
  });

  it('delivers to a log group with a retention, through a role only that trail may assume', () => {
    const role = created(template, 'TrailDeliveryRole').Properties;
    const [trust] = (role.AssumeRolePolicyDocument as PolicyDocument).Statement;
    const [policy] = role.Policies as { PolicyDocument: PolicyDocument }[];

    expect(created(template, 'TrailLogGroup').Properties).toEqual({
      LogGroupName: TRAIL_LOG_GROUP,
      RetentionInDays: '90',
    });
    expect(trust).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT_REF, 'aws:SourceArn': TRAIL_ARN } },
    });
    expect(policy?.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: {
          'Fn::Sub':
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
            'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${TrailLogGroup}:log-stream:${AWS::AccountId}_CloudTrail_${AWS::Region}*',
        },
      },
    ]);
  });

  it('lets that trail, and only it, encrypt with the key and describe it', () => {
    const trailStatements = keyStatements(template).filter(
      ({ Principal }) => JSON.stringify(Principal) === '{"Service":"cloudtrail.amazonaws.com"}',
    );

    expect(trailStatements.map(({ Action }) => Action)).toEqual(['kms:GenerateDataKey*', 'kms:DescribeKey']);
    for (const statement of trailStatements) {
      expect(statement.Condition).toMatchObject({ StringEquals: { 'aws:SourceArn': TRAIL_ARN } });
    }
    expect(trailStatements[0]?.Condition).toMatchObject({
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
          'Fn::Sub': 'arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*',
        },
      },
    });
  });

  it('subscribes the notifier to the created log group, once it exists, for this account only', () => {
    const filter = template.Resources.NotifierLogsSubscriptionFilterCloudWatchLog1 as unknown as {
      DependsOn: string[];
      Properties: { LogGroupName: string };
    };
    const permission = created(template, LOGS_PERMISSION).Properties;

    expect(filter.Properties.LogGroupName).toBe(TRAIL_LOG_GROUP);
    expect(filter.DependsOn).toContain('TrailLogGroup');
    expect(JSON.stringify(permission.SourceArn)).toContain(`"${TRAIL_LOG_GROUP}"`);
    expect(permission.SourceAccount).toEqual(ACCOUNT_REF);
  });

  it('counts sign-ins for the fallback in that log group, and watches its subscription', () => {
    expect(created(template, 'ConsoleLoginMetricFilter').Properties.LogGroupName).toEqual({
      Ref: 'TrailLogGroup',
    });
    for (const id of ['SubscriptionDeliveryErrorsAlarm', 'SubscriptionDeliveryThrottlingAlarm']) {
      expect(dimensionsOf(created(template, id).Properties).LogGroupName).toBe(TRAIL_LOG_GROUP);
      expect(created(template, id).Properties.AlarmDescription).toContain(TRAIL_LOG_GROUP);
    }
  });

  it('gives the trail and its bucket as stack outputs', () => {
    const outputs = (template as Template & { Outputs: Record<string, { Value: unknown }> }).Outputs;

    expect(outputs.TrailArn?.Value).toEqual(getAtt('Trail'));
    expect(outputs.TrailBucketName?.Value).toEqual({ Ref: 'TrailBucket' });
  });
});

describe('stack with default parameters (createTrail=false)', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate('default');
  });

  it('creates no trail, bucket, log group or role for it, and the key lets CloudTrail do nothing', () => {
    const resources = Object.keys(createdResources(template));

    for (const id of TRAIL_RESOURCES) expect(resources).not.toContain(id);
    expect(JSON.stringify(keyStatements(template))).not.toContain('cloudtrail');
  });

  it('subscribes to the cloudTrailLogGroup parameter, with no dependency on a created group', () => {
    const filter = template.Resources.NotifierLogsSubscriptionFilterCloudWatchLog1 as unknown as {
      DependsOn: string[];
    };

    expect(filter.DependsOn).toEqual(['NotifierLambdaPermissionLogsSubscriptionFilterCloudWatchLog']);
    expect(created(template, 'ConsoleLoginMetricFilter').Properties.LogGroupName).toBe(
      'CloudTrail/DefaultLogGroup',
    );
  });
});
