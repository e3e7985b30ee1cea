/**
 * Metrics in CloudWatch Embedded Metric Format (Powertools Metrics): printed as log lines, turned
 * into metrics by CloudWatch with no API call. Namespace from POWERTOOLS_METRICS_NAMESPACE.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format.html
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Severity } from '../decide/severity.js';
import type { AnnounceReport } from '../shared/announce-report.js';
import { eventTimeOf } from '../sign-ins/event-time.js';
import type { SignIn } from '../sign-ins/sign-in.js';

// The namespace comes from POWERTOOLS_METRICS_NAMESPACE, which the stack sets; Powertools reads it.
export const metrics = new Metrics({ serviceName: 'console-login-notifier' });

export type Counter =
  | 'SignInsSeen'
  | 'SignInsFiltered'
  | 'MalformedRecords'
  | 'PublishFailures'
  | 'SignInsParked'
  | 'DeliveriesParked'
  | 'DuplicatesSuppressed'
  | 'DedupeUnavailable'
  | 'SignInStepsSkipped'
  | 'SignInEventsNotListed'
  | 'AccountNameLookupFailures';

export function count(name: Counter, value: number): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/** SignInsAnnounced by outcome and by severity (two dimension sets), and eventTime-to-publish latency. */
export function countAnnounced(announced: readonly { signIn: SignIn; severity: Severity }[]): void {
  const now = Date.now();
  const tally = new Map<string, number>();
  for (const { signIn, severity } of announced) {
    for (const dimension of [`outcome=${signIn.outcome}`, `severity=${severity}`]) {
      tally.set(dimension, (tally.get(dimension) ?? 0) + 1);
    }
    const time = eventTimeOf(signIn);
    if (time)
      metrics.addMetric('AnnounceLatency', MetricUnit.Milliseconds, Math.max(0, now - time.getTime()));
  }
  for (const [dimension, value] of tally) {
    const [name, dimensionValue] = dimension.split('=') as [string, string];
    const single = metrics.singleMetric();
    single.addDimension(name, dimensionValue);
    single.addMetric('SignInsAnnounced', MetricUnit.Count, value);
  }
}

/** The counts of one call of the pipeline (zero counts are not sent). */
export function countReport(
  report: AnnounceReport,
  {
    announced,
    publishFailures,
  }: { announced: readonly { signIn: SignIn; severity: Severity }[]; publishFailures: number },
): void {
  count('SignInsSeen', report.signIns);
  count('SignInsFiltered', report.filtered);
  count('MalformedRecords', report.malformed);
  count('DuplicatesSuppressed', report.duplicates);
  count('DedupeUnavailable', report.dedupeUnavailable);
  count('SignInStepsSkipped', report.steps);
  count('SignInEventsNotListed', report.notListed);
  count('PublishFailures', publishFailures);
  count('SignInsParked', report.parked);
  countAnnounced(announced);
}
