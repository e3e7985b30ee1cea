/**
 * The dashboard of the stack (stack/dashboard.yml), with default parameters and with cisAlarms, in the
 * CloudFormation template that `serverless package` builds (see support/template.ts): the sign-ins
 * and health it charts, only metrics the notifier emits, and every alarm of the stack.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_DIR } from '../support/serverless-package.js';
import {
  dashboardBody,
  dashboardMetrics,
  METRICS_NAMESPACE,
  SERVICE,
} from '../support/stack-expectations.js';
import { ofType, packagedTemplate, type Template } from '../support/template.js';

/**
 * Metrics of issue 9 that the stack charts and alarms on before the notifier's EventBridge source
 * emits them (the lead's branch): the check above skips these, the one below fails once they are
 * emitted, so that the merge empties this list.
 */
describe('stack with default parameters', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
  });

  it('shows sign-ins by outcome and by severity on the dashboard', () => {
    const announced = dashboardMetrics(template).filter((metric) => metric.name === 'SignInsAnnounced');

    for (const metric of announced) expect(metric.namespace).toBe(METRICS_NAMESPACE);
    expect(announced.map(({ dimensions }) => dimensions)).toEqual(
      expect.arrayContaining([
        { service: SERVICE, outcome: 'Success' },
        { service: SERVICE, outcome: 'Failure' },
        ...['critical', 'high', 'medium', 'info'].map((severity) => ({ service: SERVICE, severity })),
      ]),
    );
  });

  it('shows the notifier’s health and latency on the dashboard', () => {
    const metrics = dashboardMetrics(template);
    const custom = (name: string) => metrics.filter((metric) => metric.name === name);

    for (const name of ['Errors', 'Throttles', 'DestinationDeliveryFailures', 'AsyncEventsDropped']) {
      expect(metrics).toContainEqual(
        expect.objectContaining({
          namespace: 'AWS/Lambda',
          name,
          dimensions: { FunctionName: '<NotifierLambdaFunction>' },
        }),
      );
    }
    const counters = [
      ...['SignInsParked', 'DeliveriesParked', 'PublishFailures', 'DedupeUnavailable'],
      ...['DuplicatesSuppressed', 'MalformedRecords', 'SignInsFiltered'],
    ];
    for (const name of counters) {
      expect(custom(name)).toEqual([
        expect.objectContaining({ namespace: METRICS_NAMESPACE, dimensions: { service: SERVICE } }),
      ]);
    }
    // By path: the notifier's metric has the dimension `via` beside `service`.
    expect(custom('AnnounceLatency').map(({ dimensions, stat }) => [dimensions.via, stat])).toEqual([
      ['cloudwatch-logs', 'p50'],
      ['cloudwatch-logs', 'p99'],
      ['cloudwatch-logs', 'Maximum'],
      ['eventbridge', 'p50'],
      ['eventbridge', 'p99'],
      ['eventbridge', 'Maximum'],
    ]);
    for (const { dimensions } of custom('AnnounceLatency')) expect(dimensions.service).toBe(SERVICE);
  });

  it('charts only metrics that the notifier emits', async () => {
    const emitted = await readFile(join(SERVICE_DIR, 'src', 'observability', 'metrics.ts'), 'utf8');
    const custom = dashboardMetrics(template).filter(({ namespace }) => namespace === METRICS_NAMESPACE);

    expect(custom.length).toBeGreaterThan(0);
    for (const { name } of custom) {
      expect(emitted, name).toContain(`'${name}'`);
    }
  });

  it('shows every alarm of the stack on the dashboard, in the deploy region', () => {
    expectEveryAlarmOnTheDashboard(template);
  });
});

describe('stack with cisAlarms=true', () => {
  it('shows the CIS alarms on the dashboard too', async () => {
    const template = await packagedTemplate('cisAlarms');

    expect(Object.keys(ofType(template, 'AWS::CloudWatch::Alarm'))).toContain('RootUsageAlarm');
    expectEveryAlarmOnTheDashboard(template);
  });
});

function expectEveryAlarmOnTheDashboard(template: Template): void {
  const { widgets } = dashboardBody(template);
  const alarmArns = widgets
    .filter(({ type }) => type === 'alarm')
    .flatMap((widget) => widget.properties.alarms as string[]);
  const alarmIds = Object.keys(ofType(template, 'AWS::CloudWatch::Alarm'));

  expect(alarmArns.map((arn) => /:alarm:<(\w+)>$/.exec(arn)?.[1]).sort()).toEqual(alarmIds.sort());
  for (const widget of widgets.filter(({ type }) => type === 'metric')) {
    expect(widget.properties.region).toBe('<AWS::Region>');
  }
}
