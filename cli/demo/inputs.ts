/**
 * Inputs of the demo: the built-in sample deliveries (real records of test/events), and the shapes
 * in which people hold CloudTrail records (a record, an array, a log file, an EventBridge event,
 * `aws cloudtrail lookup-events` output), each turned into the delivery CloudWatch Logs would send.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeDelivery } from '../../src/sources/cloudwatch-logs.js';

const CLOUDTRAIL = join(import.meta.dirname, '..', '..', 'test', 'events', 'cloudtrail');
const CLOUDWATCH_LOGS = join(import.meta.dirname, '..', '..', 'test', 'events', 'cloudwatch-logs');

export interface DemoDelivery {
  readonly title: string;
  readonly event: ReturnType<typeof encodeDelivery>;
}

/** A data message of these CloudTrail records (or raw lines), as a subscription filter sends it. */
export function demoDelivery(records: readonly unknown[]): DemoDelivery['event'] {
  return encodeDelivery({
    messageType: 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: 'CloudTrail/DefaultLogGroup',
    logStream: '111122223333_CloudTrail_us-east-1',
    subscriptionFilters: ['console-login-notifier-demo'],
    logEvents: records.map((record, index) => ({
      id: String(index),
      timestamp: Date.now(),
      message: typeof record === 'string' ? record : JSON.stringify(record),
    })),
  });
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const sample = (name: string) => readJson(join(CLOUDTRAIL, `${name}.json`));

/** Each sample sign-in in its own delivery (some share an eventID), then the edge cases. */
export function sampleDeliveries(): DemoDelivery[] {
  const consoleLogins = readdirSync(join(CLOUDTRAIL, 'console-login'))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => `console-login/${file.replace(/\.json$/, '')}`);
  const root = sample('console-login/aws-docs-ct-root-success-mfa');
  return [
    ...consoleLogins.map((name) => ({ title: `sample ${name}`, event: demoDelivery([sample(name)]) })),
    {
      title: 'a delivery with a repeated record, a truncated record and a CheckMfa event',
      event: demoDelivery([
        root,
        '{"eventVersion":"1.03","userIdentity":{"type":"Root"}',
        sample('check-mfa/aws-docs-ct-u2f'),
        root,
      ]),
    },
    {
      title: 'a CloudWatch Logs control message',
      event: encodeDelivery(readJson(join(CLOUDWATCH_LOGS, 'vector-control-message.json'))),
    },
  ];
}

/** The CloudTrail records inside a parsed JSON file, whichever of the usual shapes it has. */
export function recordsOf(input: unknown, source: string): unknown[] {
  if (Array.isArray(input)) return input.flatMap((item) => recordsOf(item, source));
  if (typeof input !== 'object' || input === null) {
    throw new Error(`${source}: expected a CloudTrail record, an array or {"Records": [...]}`);
  }
  const value = input as Record<string, unknown>;
  if (Array.isArray(value.Records)) return value.Records;
  if (Array.isArray(value.Events)) {
    return value.Events.map((event) => JSON.parse((event as { CloudTrailEvent: string }).CloudTrailEvent));
  }
  if (typeof value.detail === 'object' && value.detail !== null) return [value.detail];
  if (typeof value.eventName === 'string') return [value];
  throw new Error(`${source}: no CloudTrail record found (no eventName, Records, Events or detail)`);
}
