/**
 * The metrics of the two paths, as CloudWatch reads them from the EMF lines the notifier prints:
 * AnnounceLatency and SignInsAnnouncedFirst carry `via` beside `service`, so the dashboard can set
 * the fast path against the CloudWatch Logs path and see when the fast one has gone quiet.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aSignIn } from '../../support/sign-in.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function emitted(run: (metrics: typeof import('../../../src/observability/metrics.js')) => void) {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'ConsoleLoginNotifier');
  vi.resetModules();
  const module = await import('../../../src/observability/metrics.js');
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  run(module);
  module.publishMetrics();
  vi.mocked(process.stdout.write).mockRestore();
  return lines
    .flatMap((line) => line.split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** The EMF documents that define `metric`, with their dimension sets. */
const defining = (documents: Record<string, unknown>[], metric: string) =>
  documents.filter((document) =>
    JSON.stringify((document._aws as { CloudWatchMetrics: unknown }).CloudWatchMetrics).includes(
      `"${metric}"`,
    ),
  );

describe('metrics by path', () => {
  it.each(['eventbridge', 'cloudwatch-logs'] as const)(
    'counts what %s announced first, and its latency',
    async (via) => {
      const documents = await emitted(({ countAnnounced }) =>
        countAnnounced(
          [{ signIn: aSignIn({ eventTime: new Date(Date.now() - 4000).toISOString() }), severity: 'info' }],
          via,
        ),
      );

      const [latency] = defining(documents, 'AnnounceLatency');
      expect(latency).toMatchObject({ service: 'console-login-notifier', via, SignInsAnnouncedFirst: 1 });
      expect((latency?.AnnounceLatency as number) >= 4000).toBe(true);
      expect(JSON.stringify(latency?._aws)).toContain('["service","via"]');
    },
  );
});
