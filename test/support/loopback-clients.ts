/**
 * The real SDK clients pointed at a loopback the way the notifier's clients are
 * (AWS_ENDPOINT_URL_<SERVICE>), with stand-in credentials; and readers of what the SDK did: the
 * attempts it recorded, the error it threw, the MD5s it checks.
 */
import { createHash } from 'node:crypto';
import { vi } from 'vitest';
import type { JsonRequest } from '../../testing/json-loopback.js';

const cleanups: (() => unknown)[] = [];

/** For beforeEach: credentials and a region for the SDK, none of them real. */
export function stubAwsEnvironment(): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
}

/** For afterEach: closes every client and loopback the test served, and restores the environment. */
export async function closeServed(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
}

/** Starts a loopback, points the SDK at it through the environment, and closes both after the test. */
export async function serve<L extends { url: string; close(): Promise<void> }, C extends { destroy(): void }>(
  service: 'SQS' | 'CLOUDWATCH_LOGS' | 'DYNAMODB' | 'CLOUDFORMATION' | 'CLOUDTRAIL' | 'CLOUDWATCH' | 'SNS',
  loopback: Promise<L>,
  createClient: () => C,
): Promise<[L, C]> {
  const started = await loopback;
  cleanups.push(() => started.close());
  vi.stubEnv(`AWS_ENDPOINT_URL_${service}`, started.url);
  const client = createClient();
  cleanups.push(() => client.destroy());
  return [started, client];
}

export const md5 = (text: string) => createHash('md5').update(text).digest('hex');
export const attemptsOf = (requests: JsonRequest[]) =>
  requests.map(({ headers }) => headers['amz-sdk-request']);
export const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error,
  );
