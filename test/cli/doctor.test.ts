/**
 * `npm run doctor` end to end: the command in a child process against loopback CloudFormation,
 * CloudTrail, CloudWatch, CloudWatch Logs, SNS and SQS holding the stack that `serverless package`
 * builds. A healthy stack, then the topic's subscriptions (doctor-health: alarms, queue, errors;
 * doctor-trail: the trail and the subscription filter; doctor-errors: what stops the doctor).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, cliEnv } from '../support/cli.js';
import { findingsOf } from '../support/doctor-output.js';
import { deployedTemplate, FUNCTION, startDeployedStack, TOPIC_ARN } from '../support/doctor-stack.js';
import type { Template } from '../support/template.js';

let template: Template;
beforeAll(async () => {
  template = await deployedTemplate();
});
afterEach(cleanUp);

const PENDING = 'PendingConfirmation';

describe('doctor on a healthy stack', () => {
  it('says every check is OK, exits 0, and makes only the read-only calls the README lists', async () => {
    const stack = await startDeployedStack(template);

    const { code, stdout, stderr } = await stack.doctor();

    expect(code).toBe(0);
    const findings = findingsOf(stdout);
    expect(findings.map(({ status }) => status)).toEqual(Array(findings.length).fill('OK'));
    expect(findings.map(({ text }) => text)).toEqual([
      'stack console-login-notifier-prod in eu-west-1: UPDATE_COMPLETE',
      'trail management-events (home eu-west-1) delivers to log group aws-cloudtrail-logs-111122223333-abcd1234',
      'trail management-events records every region',
      'trail management-events is logging',
      expect.stringMatching(/^trail management-events delivered to CloudWatch Logs \S+Z \(4 minutes ago\)$/),
      'trail management-events records management events, sign-ins included',
      `subscription filter console-login-notifier-prod on aws-cloudtrail-logs-111122223333-abcd1234 sends { $.eventName = "ConsoleLogin" } to ${FUNCTION}`,
      `topic ${TOPIC_ARN.split(':').pop()} has 1 confirmed subscription: email security@example.com`,
      'all 10 alarms of the stack are OK',
      'nothing is parked in the on-failure queue',
      `notifier ${FUNCTION}: no failed invocation in the last 24 hours (12 invocations)`,
    ]);
    expect(stderr).toContain('done: all 11 checks passed');
    const calls = [
      ...stack.cloudFormation.requests.map(({ action }) => `cloudformation:${action}`),
      ...stack.cloudTrail.requests.map(({ operation }) => `cloudtrail:${operation}`),
      ...stack.logs.requests.map(({ operation }) => `logs:${operation}`),
      ...stack.sns.requests.map(({ action }) => `sns:${action}`),
      ...stack.cloudWatch.requests.map(({ operation }) => `cloudwatch:${operation}`),
      ...stack.sqs.requests.map(({ operation }) => `sqs:${operation}`),
    ];
    expect(new Set(calls)).toEqual(
      new Set([
        'cloudformation:DescribeStacks',
        'cloudformation:ListStackResources',
        'cloudformation:GetTemplate',
        'cloudtrail:DescribeTrails',
        'cloudtrail:GetTrailStatus',
        'cloudtrail:GetEventSelectors',
        'logs:DescribeSubscriptionFilters',
        'sns:ListSubscriptionsByTopic',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:GetMetricData',
        'sqs:GetQueueAttributes',
      ]),
    );
  });

  it('marks the lines ✔ on a UTF-8 terminal, and OK again with --ascii', async () => {
    const { doctor, endpoints } = await startDeployedStack(template);
    const utf8 = { ...cliEnv(endpoints), LANG: 'en_US.UTF-8' };

    const symbols = await doctor([], utf8);
    const words = await doctor(['--ascii'], utf8);

    expect(new Set(findingsOf(symbols.stdout).map(({ status }) => status))).toEqual(new Set(['✔']));
    expect(new Set(findingsOf(words.stdout).map(({ status }) => status))).toEqual(new Set(['OK']));
  });
});

describe('doctor on the stack', () => {
  it('warns when the last update was rolled back, and fails when the stack never came up', async () => {
    const rolledBack = await startDeployedStack(template, { stack: { status: 'UPDATE_ROLLBACK_COMPLETE' } });
    const warned = await rolledBack.doctor();
    await cleanUp();
    const failed = await (
      await startDeployedStack(template, { stack: { status: 'ROLLBACK_COMPLETE' } })
    ).doctor();

    expect(warned.code).toBe(0);
    expect(findingsOf(warned.stdout)[0]).toMatchObject({
      status: 'WARN',
      text: 'stack console-login-notifier-prod in eu-west-1: UPDATE_ROLLBACK_COMPLETE: the last update was rolled back, the previous version runs',
      fix: 'read what failed: aws cloudformation describe-stack-events --stack-name console-login-notifier-prod --region eu-west-1',
    });
    expect(failed.code).toBe(1);
    expect(findingsOf(failed.stdout)[0]).toMatchObject({
      status: 'FAIL',
      text: expect.stringContaining('ROLLBACK_COMPLETE: the stack does not run as deployed'),
    });
  });
});

describe('doctor on the topic', () => {
  it('fails when the only subscription is an e-mail waiting for confirmation, and says how to confirm', async () => {
    const { doctor } = await startDeployedStack(template, {
      subscriptions: [{ protocol: 'email', endpoint: 'security@example.com', subscriptionArn: PENDING }],
    });

    const { code, stdout, stderr } = await doctor();

    expect(code).toBe(1);
    const topic = findingsOf(stdout).filter(({ text }) => text.startsWith('topic '));
    expect(topic).toEqual([
      {
        status: 'FAIL',
        text: expect.stringContaining(
          'email security@example.com has not confirmed its subscription: it receives nothing, and nobody else is subscribed',
        ),
        details: [],
        fix: expect.stringContaining(
          `follow "Confirm subscription"; the link is valid for three days. For a new one: aws sns subscribe --topic-arn ${TOPIC_ARN} --protocol email --notification-endpoint security@example.com --region eu-west-1`,
        ),
      },
    ]);
    expect(stderr).toContain('done: 1 problem, 0 warnings');
  });

  it('only warns about a pending e-mail when another subscription is confirmed', async () => {
    const { doctor } = await startDeployedStack(template, {
      subscriptions: [
        { protocol: 'email', endpoint: 'oncall@example.com', subscriptionArn: PENDING },
        { protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:111122223333:siem' },
      ],
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(0);
    expect(findingsOf(stdout).filter(({ text }) => text.startsWith('topic '))).toMatchObject([
      {
        status: 'OK',
        text: expect.stringContaining(
          '1 confirmed subscription: sqs arn:aws:sqs:eu-west-1:111122223333:siem',
        ),
      },
      { status: 'WARN', text: expect.stringContaining('email oncall@example.com has not confirmed') },
    ]);
  });

  it('fails when nobody is subscribed at all', async () => {
    const { doctor } = await startDeployedStack(template, { subscriptions: [] });

    const { code, stdout } = await doctor();

    expect(code).toBe(1);
    expect(findingsOf(stdout)).toContainEqual(
      expect.objectContaining({
        status: 'FAIL',
        text: expect.stringContaining('has no subscription: every sign-in is announced to nobody'),
      }),
    );
  });
});
