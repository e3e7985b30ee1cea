/**
 * `npm run doctor` on what the stack itself reports (see doctor.test.ts for the set-up): alarms in
 * ALARM, sign-ins parked in the on-failure queue, and failed invocations of the notifier.
 */
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from '../support/cli.js';
import { findingsOf } from '../support/doctor-output.js';
import { deployedTemplate, FUNCTION, lambdaMetric, startDeployedStack } from '../support/doctor-stack.js';
import type { Template } from '../support/template.js';

let template: Template;
beforeAll(async () => {
  template = await deployedTemplate();
});
afterEach(cleanUp);

describe('doctor on alarms, parked sign-ins and errors', () => {
  it('fails on a health alarm in ALARM with what its description says to do, and warns on the fallback', async () => {
    const updated = new Date(Date.now() - 3 * 60_000);
    const { doctor } = await startDeployedStack(template, {
      alarms: (alarms) =>
        alarms.map((alarm) =>
          /NotifierErrorsAlarm|ConsoleLoginAlarm/.test(alarm.name)
            ? {
                ...alarm,
                state: 'ALARM',
                reason: 'Threshold Crossed: 1 datapoint [2.0] was greater than 0.0',
                updated,
              }
            : alarm,
        ),
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(1);
    const alarms = findingsOf(stdout).filter(({ text }) => /alarms? /.test(text));
    expect(alarms).toMatchObject([
      {
        status: 'WARN',
        text: expect.stringMatching(
          /^alarm console-login-notifier-prod-ConsoleLoginAlarm-\w+ is in ALARM since \S+ \(3 minutes ago\): it counts sign-ins, so someone signed in$/,
        ),
        fix: expect.stringContaining('Fallback of console-login-notifier'),
      },
      {
        status: 'FAIL',
        text: expect.stringMatching(
          /^alarm console-login-notifier-prod-NotifierErrorsAlarm-\w+ is in ALARM since /,
        ),
        details: ['reason: Threshold Crossed: 1 datapoint [2.0] was greater than 0.0'],
        fix: expect.stringContaining(
          'fix the cause, then announce what waits in the queue with `npm run redrive`',
        ),
      },
      { status: 'OK', text: 'the other 8 alarms of the stack are OK' },
    ]);
  });

  it('warns on an alarm without data and on one whose actions are off', async () => {
    const { doctor } = await startDeployedStack(template, {
      alarms: (alarms) =>
        alarms.map((alarm) => {
          if (/ThrottlesAlarm/.test(alarm.name)) return { ...alarm, state: 'INSUFFICIENT_DATA' };
          return /ParkedSignInsAlarm/.test(alarm.name) ? { ...alarm, actionsEnabled: false } : alarm;
        }),
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(0);
    expect(findingsOf(stdout).filter(({ status }) => status === 'WARN')).toMatchObject([
      {
        text: expect.stringMatching(
          /NotifierThrottlesAlarm-\w+ has no data to judge since .* \(INSUFFICIENT_DATA\)$/,
        ),
        fix: expect.stringContaining('its metric AWS/Lambda Throttles exists'),
      },
      {
        text: expect.stringMatching(
          /ParkedSignInsAlarm-\w+ has its actions disabled: when it goes off it tells nobody$/,
        ),
        fix: expect.stringMatching(
          /^aws cloudwatch enable-alarm-actions --alarm-names \S+ParkedSignInsAlarm\S+ --region eu-west-1$/,
        ),
      },
    ]);
  });

  it('fails when sign-ins wait in the on-failure queue, and gives the redrive command', async () => {
    const { doctor, sqs } = await startDeployedStack(template, {
      parked: ['{"format":"one"}', '{"format":"two"}'],
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(1);
    expect(findingsOf(stdout)).toContainEqual({
      status: 'FAIL',
      text: '2 messages of sign-ins not announced wait in the on-failure queue',
      details: [],
      fix: expect.stringContaining(
        `npm run redrive -- --queue-url ${sqs.queueUrl} (a dry run), then again with --execute`,
      ),
    });
    expect(sqs.messages()).toHaveLength(2);
  });

  it('only warns about messages in flight: a redrive is reading them', async () => {
    const { doctor, sqs } = await startDeployedStack(template, { parked: ['{"format":"one"}'] });
    const reader = new SQSClient({
      endpoint: sqs.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDLOOPBACKEXAMPLE', secretAccessKey: 'loopback-secret' },
    });
    await reader.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl, VisibilityTimeout: 30 }));
    reader.destroy();

    const { code, stdout } = await doctor();

    expect(code).toBe(0);
    expect(findingsOf(stdout)).toContainEqual(
      expect.objectContaining({
        status: 'WARN',
        text: '1 message of the on-failure queue is in flight: a redrive is reading it',
      }),
    );
  });

  it('fails on errors of the last hour, with ERROR lines of the notifier as examples', async () => {
    const lambdaLine = `${new Date(Date.now() - 600_000).toISOString()}\tc0ffee\tERROR\tUncaught Exception \t{"errorType":"ConfigError","errorMessage":"Invalid configuration: USER_ALLOWLIST: pattern 2 is empty"}`;
    const { doctor } = await startDeployedStack(template, {
      datapoints: [
        lambdaMetric('Invocations', 20, 5),
        lambdaMetric('Errors', 10, 3),
        lambdaMetric('Errors', 300, 1),
      ],
      notifierLogs: [
        { timestamp: Date.now() - 600_000, message: lambdaLine },
        {
          timestamp: Date.now() - 500_000,
          message: JSON.stringify({
            level: 'ERROR',
            message: 'Delivery failed; Lambda will retry it, then hand it to the on-failure destination',
            error: { name: 'ParkingError', message: 'the queue refused' },
          }),
        },
        {
          timestamp: Date.now() - 400_000,
          message: JSON.stringify({ level: 'INFO', message: 'Delivery processed' }),
        },
      ],
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(1);
    const [errors] = findingsOf(stdout).filter(({ text }) => text.startsWith(`notifier ${FUNCTION}`));
    expect(errors).toEqual({
      status: 'FAIL',
      text: expect.stringMatching(
        /: 4 failed invocations of 5 in the last 24 hours, the last between .* UTC$/,
      ),
      details: [
        expect.stringMatching(
          /Z ERROR Uncaught Exception \{"errorType":"ConfigError","errorMessage":"Invalid configuration: USER_ALLOWLIST/,
        ),
        expect.stringMatching(
          /Z Delivery failed; Lambda will retry it, then hand it to the on-failure destination: ParkingError: the queue refused$/,
        ),
      ],
      fix: expect.stringContaining(`read its log group /aws/lambda/${FUNCTION}`),
    });
  });

  it('only warns about errors older than the last two hours', async () => {
    const { doctor } = await startDeployedStack(template, {
      datapoints: [lambdaMetric('Invocations', 20 * 60, 7), lambdaMetric('Errors', 20 * 60, 2)],
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(0);
    expect(findingsOf(stdout)).toContainEqual(
      expect.objectContaining({
        status: 'WARN',
        text: expect.stringContaining(': 2 failed invocations of 7'),
      }),
    );
  });
});
