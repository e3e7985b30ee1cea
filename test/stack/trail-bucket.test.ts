/**
 * The buckets of createTrail=true (stack/trail-bucket.yml), in the template `serverless package`
 * builds (see support/template.ts): private, owner-enforced, encrypted, TLS only, expiring, kept on
 * `serverless remove`, and the CloudTrail and access-logging grants with their source conditions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_REF, TRAIL_ARN } from '../support/stack-expectations.js';
import {
  created,
  getAtt,
  type PolicyDocument,
  type PolicyStatement,
  packagedTemplate,
  type Template,
} from '../support/template.js';

const BUCKETS = { TrailBucket: 'TrailBucketPolicy', TrailAccessLogsBucket: 'TrailAccessLogsBucketPolicy' };
const ALL_PUBLIC_ACCESS_BLOCKED = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

describe('stack with createTrail=true: the trail’s buckets', () => {
  let template: Template;
  const statements = (policyId: string): PolicyStatement[] =>
    (created(template, policyId).Properties.PolicyDocument as PolicyDocument).Statement;
  beforeAll(async () => {
    template = await packagedTemplate('createTrail');
  });

  it.each(Object.entries(BUCKETS))(
    'keeps %s private, owner-enforced, encrypted and TLS-only',
    (bucketId, policyId) => {
      const bucket = created(template, bucketId);
      const tlsOnly = statements(policyId).find(({ Effect }) => Effect === 'Deny');

      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: ALL_PUBLIC_ACCESS_BLOCKED,
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
      expect(created(template, policyId).Properties.Bucket).toEqual({ Ref: bucketId });
      expect(tlsOnly).toMatchObject({
        Principal: '*',
        Action: 's3:*',
        Resource: [getAtt(bucketId), { 'Fn::Sub': `\${${bucketId}.Arn}/*` }],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    },
  );

  it.each(Object.keys(BUCKETS))(
    'expires what %s holds after trailRetentionDays, and survives a remove',
    (bucketId) => {
      const bucket = template.Resources[bucketId];
      const rules = (created(template, bucketId).Properties.LifecycleConfiguration as { Rules: object[] })
        .Rules;

      expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(rules).toEqual([expect.objectContaining({ Status: 'Enabled', ExpirationInDays: '365' })]);
    },
  );

  it('versions the log files, expires old versions, and logs the access to them', () => {
    const bucket = created(template, 'TrailBucket').Properties;
    const [rule] = (bucket.LifecycleConfiguration as { Rules: object[] }).Rules;

    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(rule).toMatchObject({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } });
    expect(bucket.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: 'TrailAccessLogsBucket' },
      LogFilePrefix: 'trail-bucket/',
    });
  });

  it('lets only the created trail check the ACL and write its log files, bucket-owner controlled', () => {
    const allowed = statements('TrailBucketPolicy').filter(({ Effect }) => Effect === 'Allow');

    expect(allowed).toEqual([
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: getAtt('TrailBucket'),
        Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
        Resource: { 'Fn::Sub': '${TrailBucket.Arn}/AWSLogs/${AWS::AccountId}/*' },
        Condition: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN },
        },
      },
    ]);
  });

  it('lets S3 log into the access-logs bucket only the requests of the trail’s bucket', () => {
    const allowed = statements('TrailAccessLogsBucketPolicy').filter(({ Effect }) => Effect === 'Allow');

    expect(allowed).toEqual([
      expect.objectContaining({
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
        Resource: { 'Fn::Sub': '${TrailAccessLogsBucket.Arn}/trail-bucket/*' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT_REF },
          ArnLike: { 'aws:SourceArn': getAtt('TrailBucket') },
        },
      }),
    ]);
  });
});
