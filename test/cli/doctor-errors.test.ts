/**
 * `npm run doctor` when it cannot look, or not everywhere (see doctor.test.ts for the set-up): no
 * credentials, credentials AWS rejects, one call refused, a stack that is not in the region, no
 * region, wrong flags; and the log group named by the operator or by a stack output.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, cliEnv, withoutCredentials } from '../support/cli.js';
import { findingsOf } from '../support/doctor-output.js';
import {
  deployedTemplate,
  FUNCTION,
  LOG_GROUP,
  lambdaMetric,
  startDeployedStack,
} from '../support/doctor-stack.js';
import type { Template } from '../support/template.js';

let template: Template;
beforeAll(async () => {
  template = await deployedTemplate();
});
afterEach(cleanUp);

const denied = (message = 'User: arn:aws:iam::111122223333:user/ops is not authorized') =>
  ({ kind: 'error', status: 400, code: 'AccessDeniedException', message }) as const;

describe('doctor without access', () => {
  it('says how to provide credentials when there are none, and calls nothing', async () => {
    const { doctor, endpoints, cloudFormation } = await startDeployedStack(template);

    const { code, stdout, stderr } = await doctor([], withoutCredentials(endpoints));

    expect(code).toBe(1);
    expect(stderr).toContain('doctor: No AWS credentials found: set AWS_PROFILE');
    expect(stdout).toBe('');
    expect(cloudFormation.requests).toEqual([]);
  });

  it('says when AWS rejects the credentials', async () => {
    const { doctor } = await startDeployedStack(template, {
      cloudFormation: {
        reply: () => ({ kind: 'error', status: 403, code: 'InvalidClientTokenId', message: 'bad' }),
      },
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(1);
    expect(findingsOf(stdout)).toEqual([
      {
        status: 'FAIL',
        text: 'stack console-login-notifier-prod: AWS rejected the credentials (InvalidClientTokenId): they are expired or belong to no account',
        details: [],
        fix: 'refresh them (`aws sso login`, or new access keys) and run the doctor again',
      },
    ]);
  });

  it('names the call and the permission refused, and still makes every other check', async () => {
    const { doctor } = await startDeployedStack(template, {
      cloudTrail: { reply: ({ operation }) => (operation === 'GetTrailStatus' ? denied() : { kind: 'ok' }) },
      sns: {
        reply: () => ({ kind: 'error', status: 403, code: 'AuthorizationError', message: 'not authorized' }),
      },
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(1);
    const findings = findingsOf(stdout);
    expect(findings.filter(({ status }) => status === 'FAIL')).toEqual([
      {
        status: 'FAIL',
        text: 'trail management-events: cannot check: access denied to cloudtrail:GetTrailStatus (AccessDeniedException)',
        details: [],
        fix: 'allow cloudtrail:GetTrailStatus to whoever runs the doctor; the README lists them: "Checking a deployed stack", Permissions',
      },
      expect.objectContaining({
        text: expect.stringMatching(
          /^topic .*: cannot check: access denied to sns:ListSubscriptionsByTopic \(AuthorizationError\)$/,
        ),
      }),
    ]);
    expect(findings.filter(({ status }) => status === 'OK')).toHaveLength(8);
  });

  it('says so when it may not read error examples from the log group of the notifier', async () => {
    const { doctor } = await startDeployedStack(template, {
      datapoints: [lambdaMetric('Errors', 5, 1)],
      logs: { reply: ({ operation }) => (operation === 'FilterLogEvents' ? denied() : { kind: 'ok' }) },
    });

    const { stdout } = await doctor();

    const [errors] = findingsOf(stdout).filter(({ text }) => text.includes('failed invocation'));
    expect(errors?.details).toEqual([
      `(no examples: /aws/lambda/${FUNCTION}: cannot check: access denied to logs:FilterLogEvents (AccessDeniedException))`,
    ]);
  });

  it('asks for --log-group when it may not read the template, and checks that log group when given', async () => {
    const refuseTemplate = {
      reply: ({ action }: { action: string }) =>
        action === 'GetTemplate' ? denied() : { kind: 'ok' as const },
    };
    const { doctor, cloudFormation } = await startDeployedStack(template, { cloudFormation: refuseTemplate });

    const without = await doctor();
    const named = await doctor(['--log-group', LOG_GROUP]);

    expect(without.code).toBe(1);
    expect(findingsOf(without.stdout)).toContainEqual({
      status: 'FAIL',
      text: 'the CloudTrail log group of console-login-notifier-prod: cannot check: access denied to cloudformation:GetTemplate (AccessDeniedException)',
      details: [],
      fix: expect.stringMatching(/^allow cloudformation:GetTemplate .*; or name it with --log-group$/),
    });
    expect(findingsOf(without.stdout).filter(({ text }) => /^trail|subscription filter/.test(text))).toEqual(
      [],
    );
    expect(named.code).toBe(0);
    expect(
      findingsOf(named.stdout).filter(({ text }) => /^trail|subscription filter/.test(text)),
    ).toHaveLength(6);
    expect(cloudFormation.requests.filter(({ action }) => action === 'GetTemplate')).toHaveLength(1);
  });

  it('reads the log group from a CloudTrailLogGroupName output when the stack has one', async () => {
    const { doctor, cloudFormation } = await startDeployedStack(template, {
      stack: { outputs: { CloudTrailLogGroupName: LOG_GROUP }, template: 'not the template' },
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(0);
    expect(stdout).toContain(`delivers to log group ${LOG_GROUP}`);
    expect(cloudFormation.requests.map(({ action }) => action)).not.toContain('GetTemplate');
  });
});

describe('doctor on the wrong stack or region', () => {
  it.each([
    ['a stage that was not deployed', ['--stage', 'dev'], 'console-login-notifier-dev', 'eu-west-1'],
    ['another region', ['--region', 'us-west-2'], 'console-login-notifier-prod', 'us-west-2'],
  ])('says the stack does not exist in %s, and what to check', async (_case, args, stack, region) => {
    const { doctor, cloudTrail, sns } = await startDeployedStack(template);

    const { code, stdout } = await doctor(args);

    expect(code).toBe(1);
    expect(findingsOf(stdout)).toEqual([
      {
        status: 'FAIL',
        text: `stack ${stack} does not exist in ${region}: nothing else can be checked`,
        details: [],
        fix: 'check --stage (default prod: the stack is console-login-notifier-<stage>), --stack-name and --region (the region you deployed to)',
      },
    ]);
    expect([...cloudTrail.requests, ...sns.requests]).toEqual([]);
  });

  it('exits 2 and says so when no region is given anywhere', async () => {
    const { doctor, endpoints, cloudFormation } = await startDeployedStack(template);
    const { AWS_REGION: _region, ...env } = cliEnv(endpoints);

    const { code, stderr } = await doctor([], env);

    expect(code).toBe(2);
    expect(stderr).toContain('doctor: no region: pass --region with the region the stack was deployed to');
    expect(stderr).toContain('usage: npm run doctor --');
    expect(cloudFormation.requests).toEqual([]);
  });

  it.each([
    ['an unknown flag', ['--stack', 'prod']],
    ['both --stage and --stack-name', ['--stage', 'dev', '--stack-name', 'console-login-notifier-dev']],
    ['a stage that is not one', ['--stage', 'prod; rm']],
  ])('exits 2 with the usage on %s', async (_case, args) => {
    const { doctor, cloudFormation } = await startDeployedStack(template);

    const { code, stderr } = await doctor(args);

    expect(code).toBe(2);
    expect(stderr).toContain(
      'usage: npm run doctor -- [--stage STAGE | --stack-name NAME] [--region REGION]',
    );
    expect(cloudFormation.requests).toEqual([]);
  });

  it('prints the usage and exits 0 with --help', async () => {
    const { doctor } = await startDeployedStack(template);

    const { code, stdout } = await doctor(['--help']);

    expect(code).toBe(0);
    expect(stdout).toContain(
      'Exit codes: 0 nothing failed (warnings allowed), 1 a check failed or AWS refused, 2 bad usage.',
    );
  });
});
