/**
 * Inputs of the demo: the built-in sample deliveries, and the shapes in which people hold
 * CloudTrail records (a record, an array, a log file, an EventBridge event, lookup-events output).
 */
import { awslogsEvent, deliveryOf, deliveryPayload, readFixture, recordFixtureNames } from './deliveries.js';

export interface DemoDelivery {
  readonly title: string;
  readonly event: ReturnType<typeof awslogsEvent>;
}

/** Each sample sign-in in its own delivery (some share an eventID), then the edge cases. */
export function sampleDeliveries(): DemoDelivery[] {
  const signIns = recordFixtureNames()
    .map((name) => ({ name, record: readFixture(name) }))
    .filter(({ record }) => record.eventName === 'ConsoleLogin');
  const root = readFixture('aws-docs-ct-root-success-mfa');
  return [
    ...signIns.map(({ name, record }) => ({ title: `sample ${name}`, event: deliveryOf([record]) })),
    {
      title: 'a delivery with a repeated record, a truncated record and a CheckMfa event',
      event: awslogsEvent(
        deliveryPayload([
          JSON.stringify(root),
          '{"eventVersion":"1.03","userIdentity":{"type":"Root"}',
          JSON.stringify(readFixture('aws-docs-ct-checkmfa-u2f')),
          JSON.stringify(root),
        ]),
      ),
    },
    {
      title: 'a CloudWatch Logs control message',
      event: awslogsEvent(readFixture('cwl-vector-control-message')),
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
