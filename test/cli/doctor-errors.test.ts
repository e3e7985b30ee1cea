/**
 * `npm run doctor` when it cannot look, or not everywhere (see doctor.test.ts for the set-up): no
 * credentials, credentials AWS rejects, one call refused, a stack that is not in the region, no
 * region, wrong flags.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, cliEnv, withoutCredentials } from '../support/cli.js';
import { findingsOf } from '../support/doctor-output.js';
import { deployedTemplate, FUNCTION, lambdaMetric, startDeployedStack } from '../support/doctor-stack.js';
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

  it('names ListStackResources when it may not list the resources, and skips what needs them', async () => {
    const { doctor, cloudWatch } = await startDeployedStack(template, {
      cloudFormation: {
        reply: ({ action }) => (action === 'ListStackResources' ? denied() : { kind: 'ok' }),
      },
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(1);
    const findings = findingsOf(stdout);
    expect(findings.filter(({ status }) => status !== 'OK').map(({ text }) => text)).toEqual([
      'resources of stack console-login-notifier-prod: cannot check: access denied to cloudformation:ListStackResources (AccessDeniedException)',
    ]);
    expect(findings.map(({ text }) => text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^trail management-events is logging$/)]),
    );
    expect(cloudWatch.requests).toEqual([]);
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
