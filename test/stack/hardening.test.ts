/**
 * What the template audit hardened, in the template `serverless package` builds with default
 * parameters (see support/template.ts): the deployment bucket, the logs service's permission, the
 * on-failure queue's TLS-only policy, what `serverless remove` keeps, and the runtime.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_DIR } from '../support/serverless-package.js';
import { ACCOUNT_REF, LOGS_PERMISSION, QUEUE_ARN } from '../support/stack-expectations.js';
import {
  created,
  ofType,
  type PolicyDocument,
  type PolicyStatement,
  packagedTemplate,
  single,
  type Template,
} from '../support/template.js';

const TLS_ONLY = { Bool: { 'aws:SecureTransport': 'false' } };

describe('stack with default parameters: hardening', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate('default');
  });

  it('blocks all public access to the deployment bucket, keeps versions, and still denies plain HTTP', () => {
    const bucket = created(template, 'ServerlessDeploymentBucket').Properties;
    const [deny] = (
      created(template, 'ServerlessDeploymentBucketPolicy').Properties.PolicyDocument as PolicyDocument
    ).Statement;

    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    // osls writes the boolean false here; the queue's policy below writes the string.
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Condition: { Bool: { 'aws:SecureTransport': false } },
    });
  });

  it('lets the logs service invoke the notifier for this account’s log group only', () => {
    const permission = created(template, LOGS_PERMISSION).Properties;

    expect(permission.SourceAccount).toEqual(ACCOUNT_REF);
    expect(JSON.stringify(permission.SourceArn)).toContain('{"Ref":"AWS::AccountId"},":log-group:"');
  });

  it('refuses every request to the on-failure queue not over TLS, and lets only the fast path’s rule send', () => {
    const policy = single(template, 'AWS::SQS::QueuePolicy').Properties;
    const statements = (policy.PolicyDocument as PolicyDocument).Statement;

    expect(policy.Queues).toEqual([{ Ref: 'FailedDeliveriesQueue' }]);
    expect(statements).toEqual<PolicyStatement[]>([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:*',
        Resource: QUEUE_ARN,
        Condition: TLS_ONLY,
      },
      // Its dead letters (test/stack/fast-path.test.ts); with fastPath=false the deny stands alone.
      expect.objectContaining({ Sid: 'FastPathRuleDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage' }),
    ]);
  });

  it('keeps the on-failure queue and its key on `serverless remove` and on replacement', () => {
    for (const id of ['FailedDeliveriesQueue', 'NotifierKey']) {
      expect(template.Resources[id], id).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
    // The dedupe keys and the alias go with the stack, so a new deployment can take their names.
    expect(template.Resources.AnnouncedSignInsTable).toMatchObject({ DeletionPolicy: 'Delete' });
    expect(template.Resources.NotifierKeyAlias).not.toHaveProperty('DeletionPolicy');
  });

  it('runs both functions on Lambda’s newest Node.js runtime, with esbuild targeting the same version', async () => {
    const functions = ofType(template, 'AWS::Lambda::Function');
    const config = await readFile(join(SERVICE_DIR, 'serverless.yml'), 'utf8');

    expect(Object.keys(functions).sort()).toEqual(['FastPathLambdaFunction', 'NotifierLambdaFunction']);
    for (const { Properties } of Object.values(functions)) expect(Properties.Runtime).toBe('nodejs24.x');
    expect(config).toMatch(/^\s+target: node24$/m);
  });
});
