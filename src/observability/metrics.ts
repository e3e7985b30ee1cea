/**
 * Metrics in CloudWatch Embedded Metric Format (Powertools Metrics): printed as log lines, turned
 * into metrics by CloudWatch with no API call. Namespace from POWERTOOLS_METRICS_NAMESPACE.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format.html
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Severity } from '../decide/severity.js';
import type { AnnounceReport } from '../shared/announce-report.js';
import type { Via } from '../shared/source-record.js';
import { eventTimeOf } from '../sign-ins/event-time.js';
import type { SignIn } from '../sign-ins/sign-in.js';

const SERVICE = 'console-login-notifier';

// The namespace comes from POWERTOOLS_METRICS_NAMESPACE, which the stack sets; Powertools reads it.
export const metrics = new Metrics({ serviceName: SERVICE });

/** AnnounceLatency and SignInsAnnouncedFirst carry the path (`via`) as a dimension besides `service`. */
const byVia = new Map<Via, Metrics>();
function metricsOf(via: Via): Metrics {
  const found = byVia.get(via) ?? new Metrics({ serviceName: SERVICE, defaultDimensions: { via } });
  byVia.set(via, found);
  return found;
}

/** Prints what the invocation stored, once; nothing when it stored nothing (Powertools would warn). */
export function publishMetrics(): void {
  for (const each of [metrics, ...byVia.values()]) if (each.hasStoredMetrics()) each.publishStoredMetrics();
}

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
  | 'AccountNameLookupFailures'
  | 'ForeignEvents';

export function count(name: Counter, value: number): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/**
 * SignInsAnnounced by outcome and by severity (two dimension sets), and by the path that announced
 * them first (SignInsAnnouncedFirst: the other path's twin is a duplicate); eventTime-to-publish
 * latency by path.
 */
export function countAnnounced(announced: readonly { signIn: SignIn; severity: Severity }[], via: Via): void {
  const now = Date.now();
  const ofPath = metricsOf(via);
  if (announced.length > 0) ofPath.addMetric('SignInsAnnouncedFirst', MetricUnit.Count, announced.length);
  const tally = new Map<string, number>();
  for (const { signIn, severity } of announced) {
    for (const dimension of [`outcome=${signIn.outcome}`, `severity=${severity}`]) {
      tally.set(dimension, (tally.get(dimension) ?? 0) + 1);
    }
    const time = eventTimeOf(signIn);
    if (time) ofPath.addMetric('AnnounceLatency', MetricUnit.Milliseconds, Math.max(0, now - time.getTime()));
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
    via,
  }: { announced: readonly { signIn: SignIn; severity: Severity }[]; publishFailures: number; via: Via },
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
  countAnnounced(announced, via);
}
