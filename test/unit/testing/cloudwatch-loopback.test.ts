/**
 * The loopback CloudWatch against the REAL CloudWatch client, which speaks AWS JSON 1.0 with
 * query-compatible errors (AWS_ENDPOINT_URL_CLOUDWATCH): alarms by name, page by page; metric
 * statistics per period; and the error names the SDK reads from the wire.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type LoopbackCloudWatchOptions,
  type SeededDatapoint,
  startLoopbackCloudWatch,
} from '../../../testing/cloudwatch-loopback.js';
import { caught, closeServed, serve, stubAwsEnvironment } from '../../support/loopback-clients.js';

beforeEach(stubAwsEnvironment);
afterEach(closeServed);

const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 1);
const FUNCTION = { FunctionName: 'console-login-notifier-prod-notifier' };
const errors = (offset: number, value: number, dimensions = FUNCTION): SeededDatapoint => ({
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimensions,
  timestamp: new Date(START + offset),
  value,
});
const cloudWatchAt = (options: LoopbackCloudWatchOptions = {}) =>
  serve('CLOUDWATCH', startLoopbackCloudWatch(options), () => new CloudWatchClient({}));

describe('loopback CloudWatch', () => {
  it('describes the alarms asked for by name, page by page, with their state and its time', async () => {
    const updated = new Date('2026-03-01T09:30:00Z');
    const alarms = Array.from({ length: 5 }, (_, n) => ({ name: `alarm-${n}` }));
    const [cloudWatch, client] = await cloudWatchAt({
      alarms: [...alarms, { name: 'parked', state: 'ALARM', reason: 'Threshold Crossed', updated }],
    });

    const pages = [];
    const AlarmNames = ['alarm-0', 'alarm-2', 'alarm-4', 'parked'];
    for await (const page of paginateDescribeAlarms({ client }, { AlarmNames, MaxRecords: 3 }))
      pages.push(page);

    expect(pages.map(({ MetricAlarms = [] }) => MetricAlarms.map(({ AlarmName }) => AlarmName))).toEqual([
      ['alarm-0', 'alarm-2', 'alarm-4'],
      ['parked'],
    ]);
    expect(pages[1]?.MetricAlarms?.[0]).toMatchObject({
      StateValue: 'ALARM',
      StateReason: 'Threshold Crossed',
      StateUpdatedTimestamp: updated,
      ActionsEnabled: true,
    });
    expect(cloudWatch.requests[0]?.headers['x-amz-target']).toBe(
      'GraniteServiceVersion20100801.DescribeAlarms',
    );
  });

  it('sums the datapoints of one metric and its dimensions per period, newest first', async () => {
    const [, client] = await cloudWatchAt({
      datapoints: [
        errors(10_000, 1),
        errors(20_000, 2),
        errors(2 * HOUR + 5, 4),
        errors(2 * HOUR + 6, 8, { FunctionName: 'another-function' }),
        errors(30 * HOUR, 16),
      ],
    });

    const { MetricDataResults = [] } = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(START),
        EndTime: new Date(START + 24 * HOUR),
        MetricDataQueries: [
          {
            Id: 'errors',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Lambda',
                MetricName: 'Errors',
                Dimensions: [{ Name: 'FunctionName', Value: FUNCTION.FunctionName }],
              },
              Period: 3600,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );

    expect(MetricDataResults).toEqual([
      {
        Id: 'errors',
        Label: 'Errors',
        Timestamps: [new Date(START + 2 * HOUR), new Date(START)],
        Values: [4, 3],
        StatusCode: 'Complete',
      },
    ]);
  });

  it('sends errors the SDK names from the wire, the query code included', async () => {
    const [, client] = await cloudWatchAt({
      reply: () => ({ kind: 'error', status: 403, code: 'AccessDenied', message: 'not authorized' }),
    });

    const error = await caught(client.send(new DescribeAlarmsCommand({})));

    expect(error).toMatchObject({ name: 'AccessDenied', message: 'not authorized', Code: 'AccessDenied' });
  });
});
