/**
 * A loopback stand-in for CloudWatch alarms and metrics as the current SDK speaks to them: AWS
 * JSON 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.<Op>`, timestamps in epoch seconds),
 * query-compatible errors (the query code in `x-amzn-query-error`). DescribeAlarms over seeded
 * alarms (by name, paged); GetMetricData over seeded datapoints, summed (or counted, averaged…)
 * per period. Point the real SDK at it with AWS_ENDPOINT_URL_CLOUDWATCH.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
 */
import type { ServerResponse } from 'node:http';
import {
  type CommonReply,
  errorBody,
  type JsonLoopback,
  type LoopbackOptions,
  qualified,
  sendJson,
  startJsonLoopback,
} from './json-loopback.js';

export type { JsonRequest } from './json-loopback.js';

export interface SeededAlarm {
  readonly name: string;
  readonly description?: string;
  /** Default `OK`. */
  readonly state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  readonly reason?: string;
  readonly updated?: Date;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Default true. */
  readonly actionsEnabled?: boolean;
}

export interface SeededDatapoint {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: Date;
  readonly value: number;
}

export type CloudWatchReply = CommonReply;

export interface LoopbackCloudWatchOptions extends LoopbackOptions<CloudWatchReply> {
  readonly alarms?: readonly SeededAlarm[];
  readonly datapoints?: readonly SeededDatapoint[];
}

type Input = Record<string, unknown>;
type Query = { Id: string; Label?: string; MetricStat?: MetricStat };
type MetricStat = { Metric: Metric; Period: number; Stat: string };
type Metric = { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const NAMESPACE = 'com.amazonaws.cloudwatch';
const PAGE = 50;

export async function startLoopbackCloudWatch(
  options: LoopbackCloudWatchOptions = {},
): Promise<JsonLoopback> {
  const alarms = options.alarms ?? [];
  const datapoints = options.datapoints ?? [];
  return startJsonLoopback<CloudWatchReply>(options, ({ operation, body }, reply, { res }) => {
    if (reply.kind === 'error') return sendError(res, reply.status, reply.code, reply.message);
    if (operation === 'DescribeAlarms') return sendJson(res, 200, CONTENT_TYPE, describeAlarms(alarms, body));
    if (operation === 'GetMetricData') {
      const queries = (body.MetricDataQueries ?? []) as Query[];
      if (queries.some((query) => !query.MetricStat)) {
        return sendError(res, 400, 'InvalidParameterValue', 'The loopback answers MetricStat queries only');
      }
      const range = { start: Number(body.StartTime) * 1000, end: Number(body.EndTime) * 1000 };
      return sendJson(res, 200, CONTENT_TYPE, {
        MetricDataResults: queries.map((query) => result(query, datapoints, range)),
        Messages: [],
      });
    }
    return sendError(res, 400, 'InvalidAction', `The loopback CloudWatch does not implement ${operation}`);
  });
}

function describeAlarms(alarms: readonly SeededAlarm[], input: Input) {
  const names = Array.isArray(input.AlarmNames) ? (input.AlarmNames as string[]) : undefined;
  const selected = alarms.filter(
    (alarm) =>
      (!names || names.includes(alarm.name)) &&
      alarm.name.startsWith(String(input.AlarmNamePrefix ?? '')) &&
      (input.StateValue === undefined || (alarm.state ?? 'OK') === input.StateValue),
  );
  const offset = Number(input.NextToken ?? 0);
  const end = offset + Math.min(Number(input.MaxRecords ?? PAGE), 100);
  return {
    MetricAlarms: selected.slice(offset, end).map((alarm) => ({
      AlarmName: alarm.name,
      AlarmArn: `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${alarm.name}`,
      AlarmDescription: alarm.description,
      ActionsEnabled: alarm.actionsEnabled ?? true,
      StateValue: alarm.state ?? 'OK',
      StateReason: alarm.reason ?? 'Threshold Crossed: no datapoints were received for 1 period.',
      StateUpdatedTimestamp: (alarm.updated ?? new Date('2026-01-05T09:00:00Z')).getTime() / 1000,
      Namespace: alarm.namespace,
      MetricName: alarm.metricName,
      Dimensions: Object.entries(alarm.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })),
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    })),
    CompositeAlarms: [],
    ...(end < selected.length ? { NextToken: String(end) } : {}),
  };
}

/** One query's datapoints per period (aligned to the epoch), newest first, as the default ScanBy. */
function result(query: Query, datapoints: readonly SeededDatapoint[], range: { start: number; end: number }) {
  const { Metric, Period, Stat } = query.MetricStat as MetricStat;
  const wanted = Object.fromEntries((Metric.Dimensions ?? []).map(({ Name, Value }) => [Name, Value]));
  const buckets = new Map<number, number[]>();
  for (const point of datapoints) {
    const time = point.timestamp.getTime();
    if (point.namespace !== Metric.Namespace || point.metricName !== Metric.MetricName) continue;
    if (!sameDimensions(point.dimensions, wanted) || time < range.start || time >= range.end) continue;
    const bucket = Math.floor(time / (Period * 1000)) * Period;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), point.value]);
  }
  const times = [...buckets.keys()].sort((a, b) => b - a);
  return {
    Id: query.Id,
    Label: query.Label ?? Metric.MetricName,
    Timestamps: times,
    Values: times.map((time) => statistic(Stat, buckets.get(time) ?? [])),
    StatusCode: 'Complete',
  };
}

function sameDimensions(have: Readonly<Record<string, string>>, wanted: Record<string, string>): boolean {
  const keys = Object.keys(have);
  return keys.length === Object.keys(wanted).length && keys.every((key) => have[key] === wanted[key]);
}

function statistic(stat: string, values: number[]): number {
  const sum = values.reduce((total, value) => total + value, 0);
  if (stat === 'SampleCount') return values.length;
  if (stat === 'Average') return sum / values.length;
  if (stat === 'Maximum') return Math.max(...values);
  if (stat === 'Minimum') return Math.min(...values);
  return sum;
}

/** As SQS: the Smithy shape in `__type`, the query-protocol code in x-amzn-query-error. */
function sendError(res: ServerResponse, status: number, code: string, message = code): void {
  const fault = status >= 500 ? 'Receiver' : 'Sender';
  sendJson(res, status, CONTENT_TYPE, errorBody(qualified(NAMESPACE, code), message), {
    'x-amzn-query-error': `${code};${fault}`,
  });
}
