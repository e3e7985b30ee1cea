/**
 * Builds CloudWatch Logs `awslogs` deliveries from readable fixtures at test time, the way
 * CloudWatch Logs does: JSON → gzip → base64.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'cloudtrail');

export function readFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name.endsWith('.json') ? name : `${name}.json`), 'utf8'));
}

/** Every CloudTrail record fixture (the `cwl-*` files are CloudWatch Logs payloads, not records). */
export function recordFixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json') && !name.startsWith('cwl-'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
}

export interface DeliveryOptions {
  readonly messageType?: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  readonly logGroup?: string;
}

/** The decoded payload CloudWatch Logs would send for these messages. */
export function deliveryPayload(messages: readonly string[], options: DeliveryOptions = {}) {
  return {
    messageType: options.messageType ?? 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: options.logGroup ?? 'CloudTrail/DefaultLogGroup',
    logStream: '111122223333_CloudTrail_us-east-1',
    subscriptionFilters: ['console-login-notifier-prod-NotifierLogsSubscriptionFilter'],
    logEvents: messages.map((message, index) => ({
      id: String(37000000000000000000000000000000000000000000000000000000n + BigInt(index)),
      timestamp: 1700000000000 + index,
      message,
    })),
  };
}

/** A Lambda event as CloudWatch Logs delivers it: `{"awslogs":{"data":base64(gzip(json))}}`. */
export function awslogsEvent(payload: unknown): { awslogs: { data: string } } {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

/** Shorthand: a delivery of these CloudTrail records, each serialised as CloudTrail writes it. */
export function deliveryOf(records: readonly unknown[], options?: DeliveryOptions) {
  return awslogsEvent(
    deliveryPayload(
      records.map((record) => JSON.stringify(record)),
      options,
    ),
  );
}
