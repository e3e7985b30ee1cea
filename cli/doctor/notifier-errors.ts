/**
 * The notifier's failed invocations of the last 24 hours (`AWS/Lambda` `Errors`, hourly sums), with
 * a few of the ERROR lines of its log group as examples. An error in this hour or the one before
 * fails the check (its cause may still be there); older ones are a warning.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { type FilteredLogEvent, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ask, cannotCheck } from './aws-call.js';
import type { Clients } from './clients.js';
import type { DeployedStack } from './locate-stack.js';
import { type Finding, fail, ok, warn } from './report.js';

const HOUR = 3_600_000;
const EXAMPLES = 3;
const EXAMPLE_LENGTH = 240;

export async function checkNotifierErrors(
  clients: Clients,
  stack: DeployedStack,
  now: number,
): Promise<Finding[]> {
  const { functionName } = stack;
  if (!functionName) return [];
  const end = Math.ceil(now / HOUR) * HOUR;
  const start = end - 24 * HOUR;
  const query = (Id: string, MetricName: string) => ({
    Id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName,
        Dimensions: [{ Name: 'FunctionName', Value: functionName }],
      },
      Period: 3600,
      Stat: 'Sum',
    },
  });
  let results: { Id?: string; Timestamps?: Date[]; Values?: number[] }[];
  try {
    ({ MetricDataResults: results = [] } = await ask('cloudwatch:GetMetricData', () =>
      clients.cloudWatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(start),
          EndTime: new Date(end),
          MetricDataQueries: [query('errors', 'Errors'), query('invocations', 'Invocations')],
        }),
      ),
    ));
  } catch (error) {
    return [cannotCheck(`errors of ${functionName}`, error)];
  }
  const series = (id: string) => results.find(({ Id }) => Id === id) ?? {};
  const total = ({ Values = [] }: { Values?: number[] }) => Values.reduce((sum, value) => sum + value, 0);
  const errors = series('errors');
  const failed = total(errors);
  const invocations = total(series('invocations'));
  if (failed === 0) {
    return [
      ok(`notifier ${functionName}: no failed invocation in the last 24 hours (${invocations} invocations)`),
    ];
  }
  const hours = (errors.Timestamps ?? []).filter((_, index) => (errors.Values?.[index] ?? 0) > 0);
  const latest = Math.max(...hours.map((hour) => hour.getTime()));
  const text = `notifier ${functionName}: ${failed} failed invocation${failed === 1 ? '' : 's'} of ${invocations} in the last 24 hours, the last between ${hourOf(latest)} and ${hourOf(latest + HOUR).slice(11)} UTC`;
  const fix = `read its log group ${stack.notifierLogGroup ?? ''} (a ConfigError names the bad variable); once fixed, the on-failure queue and the alarms say what to redrive or replay`;
  const examples = await examplesOf(clients, stack.notifierLogGroup, latest, now);
  const recent = latest >= Math.floor(now / HOUR) * HOUR - HOUR;
  return [recent ? fail(text, fix, examples) : warn(text, fix, examples)];
}

/** A few ERROR lines from the hour of the last error: the notifier's JSON logs and Lambda's own lines. */
async function examplesOf(clients: Clients, logGroup: string | undefined, from: number, now: number) {
  if (!logGroup) return [];
  try {
    const events: FilteredLogEvent[] = [];
    let nextToken: string | undefined;
    // A page of FilterLogEvents may come back empty with a token: follow a few, not the whole day.
    for (let page = 0; page < 5 && events.length === 0; page++) {
      const reply = await ask('logs:FilterLogEvents', () =>
        clients.logs.send(
          new FilterLogEventsCommand({
            logGroupName: logGroup,
            filterPattern: 'ERROR',
            startTime: from,
            endTime: now,
            limit: EXAMPLES,
            nextToken,
          }),
        ),
      );
      events.push(...(reply.events ?? []));
      nextToken = reply.nextToken;
      if (!nextToken) break;
    }
    return events.map(
      ({ timestamp = 0, message = '' }) => `${new Date(timestamp).toISOString()} ${readable(message)}`,
    );
  } catch (error) {
    return [`(no examples: ${cannotCheck(logGroup, error).text})`];
  }
}

/** The message (and error) of a Powertools JSON line, or the text after Lambda's `ERROR` tag. */
function readable(message: string): string {
  let text = message.trim();
  try {
    const line = JSON.parse(text) as { message?: unknown; error?: { name?: string; message?: string } };
    const said = typeof line.message === 'string' ? line.message : JSON.stringify(line.message ?? line);
    text = `${said}${line.error ? `: ${line.error.name}: ${line.error.message}` : ''}`;
  } catch {
    text = text.split('\t').slice(2).join(' ').replace(/\s+/g, ' ');
  }
  return text.length > EXAMPLE_LENGTH ? `${text.slice(0, EXAMPLE_LENGTH)}…` : text;
}

function hourOf(time: number): string {
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ');
}
