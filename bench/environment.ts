/**
 * Records and environments shared by the benchmark steps. Everything points at 127.0.0.1: dummy
 * credentials from the environment, so the SDK never asks an instance-metadata endpoint.
 */
import { parseRecord } from '../src/sign-ins/parse-record.js';
import { cloudTrailFixtures } from '../testing/events.js';

export const TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:sign-ins';

/** What the notifier needs to start, as Lambda would set it, without the parent's NODE_OPTIONS. */
export function handlerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TOPIC_ARN,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Lookups would leave 127.0.0.1; the benchmark measures the rest.
    ACCOUNT_NAME_LOOKUP: 'off',
    // The SDK warns on node < 22 (Lambda runs 22); the warning would only add noise to the timings.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

/** The rest of what the stack sets: cold init then builds every client a deployed notifier builds. */
export const DEPLOYED_ENV = {
  DEDUPE_TABLE_NAME: 'console-login-notifier-prod-announced',
  // As deployed: the lookup clients are set up, their SDKs load on the first lookup only.
  ACCOUNT_NAME_LOOKUP: 'organizations',
  PARKING_QUEUE_URL:
    'https://sqs.us-east-1.amazonaws.com/111122223333/console-login-notifier-prod-failed-deliveries',
  POWERTOOLS_METRICS_NAMESPACE: 'ConsoleLoginNotifier',
};

/**
 * The ConsoleLogin fixtures, as the subscription filter delivers them. The other kinds are left
 * out so that the figures compare across versions: Identity Center records carry a 2-3 KB
 * `LoginTo`, and 5000 of them would make a delivery far larger than the 1 MB CloudWatch Logs sends.
 */
function signInFixtures(): Record<string, unknown>[] {
  return cloudTrailFixtures()
    .map(({ record }) => record)
    .filter((record) => {
      const parsed = parseRecord(JSON.stringify(record));
      return parsed.kind === 'sign-in' && parsed.signIn.eventName === 'ConsoleLogin';
    });
}

/** `count` distinct sign-in records: the fixtures in turn, each copy with its own eventID. */
export function distinctSignIns(count: number): Record<string, unknown>[] {
  const fixtures = signInFixtures();
  return Array.from({ length: count }, (_, index) => ({
    ...(fixtures[index % fixtures.length] as Record<string, unknown>),
    eventID: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  }));
}

/** What the last `atInfo` call wrote to the log. */
export const logWritten = { lines: 0, bytes: 0 };

/**
 * Runs `work` with the pipeline's logger at the deployed level, INFO, and standard output replaced
 * by a sink that counts what it is given: the cost of formatting each line is measured, the
 * terminal's is not.
 */
export async function atInfo<T>(work: () => T | Promise<T>): Promise<T> {
  const { logger } = await import('../src/observability/logger.js');
  const write = process.stdout.write;
  logWritten.lines = 0;
  logWritten.bytes = 0;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    logWritten.lines += 1;
    logWritten.bytes += chunk.length;
    return true;
  }) as typeof process.stdout.write;
  logger.setLogLevel('INFO');
  try {
    return await work();
  } finally {
    logger.setLogLevel('SILENT');
    process.stdout.write = write;
  }
}
