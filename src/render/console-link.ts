/**
 * A link to the sign-in's event in the CloudTrail console of the region's partition: only for an
 * event ID and a region that make a well-formed URL (CloudTrail's eventIDs are UUIDs); a record
 * that holds anything else gets no link rather than one that names no event, or none that throws.
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
import type { SignIn } from '../sign-ins/sign-in.js';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const EVENT_ID = /^[A-Za-z0-9-]{1,128}$/;

/** The console host of each partition with a public console, by region prefix; the rest have none. */
const CONSOLES: readonly [prefix: string, host: (region: string) => string][] = [
  ['cn-', () => 'console.amazonaws.cn'],
  ['us-gov-', () => 'console.amazonaws-us-gov.com'],
  ['us-iso', () => ''],
  ['eu-iso', () => ''],
];

export function consoleLink({ region, eventId }: Pick<SignIn, 'region' | 'eventId'>): string | undefined {
  if (!eventId || !EVENT_ID.test(eventId) || !REGION.test(region)) return undefined;
  const [, hostOf] = CONSOLES.find(([prefix]) => region.startsWith(prefix)) ?? [
    '',
    (name: string) => `${name}.console.aws.amazon.com`,
  ];
  const host = hostOf(region);
  return host ? `https://${host}/cloudtrailv2/home?region=${region}#/events/${eventId}` : undefined;
}
