/**
 * How the fast path is watched, with default parameters, in the template `serverless package`
 * builds (see support/template.ts): the alarm on a quiet fast path, the alarm on dead letters that
 * reached no queue, the parking alarm, and the dashboard's latency and counts by path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dashboardMetrics,
  dimensionsOf,
  FAST_PATH_RULE,
  METRICS_NAMESPACE,
  SERVICE,
  TOPIC_REF,
} from '../support/stack-expectations.js';
import { created, type Props, packagedTemplate, type Template } from '../support/template.js';

type MetricQuery = {
  Id: string;
  Expression?: string;
  ReturnData: boolean;
  MetricStat?: { Metric: Props; Period: number; Stat: string };
};

describe('stack with default parameters: watching the fast path', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
  });

  it('alarms when, over an hour, CloudWatch Logs brought sign-ins first and EventBridge none', () => {
    const alarm = created(template, 'FastPathQuietAlarm').Properties;
    const [quiet, ...counts] = alarm.Metrics as MetricQuery[];

    expect(quiet).toEqual({
      Id: 'quiet',
      Label: 'Sign-ins that only the CloudWatch Logs path brought',
      Expression: 'IF(FILL(logs, 0) > 0 AND FILL(eventbridge, 0) == 0, 1, 0)',
      ReturnData: true,
    });
    expect(counts.map(({ Id, ReturnData, MetricStat }) => [Id, ReturnData, MetricStat])).toEqual(
      [
        ['logs', 'cloudwatch-logs'],
        ['eventbridge', 'eventbridge'],
      ].map(([id, via]) => [
        id,
        false,
        {
          Metric: {
            Namespace: METRICS_NAMESPACE,
            MetricName: 'SignInsAnnouncedFirst',
            Dimensions: [
              { Name: 'service', Value: SERVICE },
              { Name: 'via', Value: via },
            ],
          },
          Period: 3600,
          Stat: 'Sum',
        },
      ]),
    );
    expect(alarm).toMatchObject({
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [TOPIC_REF],
      OKActions: [TOPIC_REF],
    });
  });

  it('says what a quiet fast path can mean and where to look', () => {
    const description = String(created(template, 'FastPathQuietAlarm').Properties.AlarmDescription);

    expect(description).toMatch(/outside fastPathRegions[\s\S]*add it to\s+fastPathRegions/);
    expect(description).toContain('/aws/lambda/console-login-notifier-prod-fastPath');
    expect(description).toContain(`rule ${FAST_PATH_RULE}`);
    expect(description).toMatch(/StackSet\s+console-login-notifier-prod-fast-path-us-east-1/);
    expect(description).toContain('console-login-notifier-prod-to-us-east-1');
    expect(description).toMatch(/best-effort/);
    expect(description.length).toBeLessThanOrEqual(1024);
  });

  it('alarms on dead letters that EventBridge could not park, and says how to recover', () => {
    const alarm = created(template, 'FastPathDeadLettersLostAlarm').Properties;
    const description = String(alarm.AlarmDescription);

    expect(alarm).toMatchObject({
      Namespace: 'AWS/Events',
      MetricName: 'InvocationsFailedToBeSentToDlq',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [TOPIC_REF],
      OKActions: [TOPIC_REF],
    });
    expect(dimensionsOf(alarm)).toEqual({ RuleName: FAST_PATH_RULE });
    expect(description).toMatch(
      /console-login-notifier-prod-failed-deliveries[\s\S]*alias\/console-login-notifier-prod/,
    );
    expect(description).toMatch(/CloudWatch Logs path announces[\s\S]*`npm run replay`/);
    expect(description.length).toBeLessThanOrEqual(1024);
  });

  it('tells, when sign-ins are parked, that the fast path parks there too', () => {
    const description = String(created(template, 'ParkedSignInsAlarm').Properties.AlarmDescription);

    expect(description).toContain('/aws/lambda/console-login-notifier-prod-fastPath');
    expect(description).toMatch(/ERROR_CODE[\s\S]*`npm run redrive`/);
    expect(description.length).toBeLessThanOrEqual(1024);
  });

  it('charts the sign-ins each path announced first, and the fast path’s deliveries', () => {
    const metrics = dashboardMetrics(template);
    const first = metrics.filter(({ name }) => name === 'SignInsAnnouncedFirst');
    const rule = metrics.filter(
      ({ namespace, region }) => namespace === 'AWS/Events' && region === undefined,
    );
    const fastPath = metrics.filter(
      ({ dimensions }) => dimensions.FunctionName === '<FastPathLambdaFunction>',
    );
    const forwarders = metrics.filter(({ region }) => region !== undefined);

    expect(first.map(({ namespace, dimensions }) => [namespace, dimensions])).toEqual([
      [METRICS_NAMESPACE, { service: SERVICE, via: 'eventbridge' }],
      [METRICS_NAMESPACE, { service: SERVICE, via: 'cloudwatch-logs' }],
    ]);
    expect(rule.map(({ name, dimensions }) => [name, dimensions.RuleName])).toEqual(
      ['Invocations', 'FailedInvocations', 'InvocationsSentToDlq', 'InvocationsFailedToBeSentToDlq'].map(
        (name) => [name, FAST_PATH_RULE],
      ),
    );
    expect(fastPath.map(({ name }) => name)).toEqual([
      'Errors',
      'Throttles',
      'DestinationDeliveryFailures',
      'AsyncEventsDropped',
    ]);
    expect(forwarders.map(({ region }) => region)).toEqual(['ap-southeast-2', 'eu-north-1', 'us-east-2']);
  });
});
