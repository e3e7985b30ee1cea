/**
 * Decodes the CloudWatch Logs subscription delivery that invokes the notifier:
 * `{"awslogs":{"data": base64(gzip(JSON))}}`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample
 *
 * Modelled on Powertools' CloudWatch Logs schema, with one addition: the gunzip output is capped,
 * because a small delivery can decompress into gigabytes (a gzip bomb is bad input too).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { DeliveryDecodeError } from '../shared/errors.js';
import type { SourceRecord } from '../shared/source-record.js';
import { describeIssues } from './describe-issues.js';

/**
 * Many times what CloudWatch Logs sends (a delivery carries about 1 MB of events), and small enough
 * that the largest delivery accepted fits the function's memory with a fifth to spare: it takes
 * about 9 MiB of heap per decoded MiB (npm run bench, step 4b; test/stack/memory.test.ts). A
 * larger one is parked whole, not retried into the same crash.
 */
export const MAX_DECODED_BYTES = 16 * 1024 * 1024;
/** A PutLogEvents batch holds at most 10,000 events; a delivery of more is not CloudWatch's. */
export const MAX_RECORDS = 10_000;

const envelopeSchema = z.object({
  awslogs: z.object({ data: z.base64().check(z.minLength(1)) }),
});

const logEventSchema = z.object({
  id: z.string(),
  timestamp: z.number(),
  message: z.string(),
});

const deliverySchema = z.object({
  messageType: z.enum(['DATA_MESSAGE', 'CONTROL_MESSAGE']),
  owner: z.string(),
  logGroup: z.string(),
  logStream: z.string(),
  subscriptionFilters: z.array(z.string()),
  logEvents: z.array(logEventSchema),
});

export type LogEvent = z.infer<typeof logEventSchema>;
export type Delivery = z.infer<typeof deliverySchema>;

export function decodeDelivery(event: unknown): Delivery {
  const envelope = envelopeSchema.safeParse(event);
  if (!envelope.success) {
    throw new DeliveryDecodeError(`not a CloudWatch Logs delivery: ${describeIssues(envelope.error)}`, {
      cause: envelope.error,
    });
  }

  let json: string;
  try {
    const compressed = Buffer.from(envelope.data.awslogs.data, 'base64');
    json = gunzipSync(compressed, { maxOutputLength: MAX_DECODED_BYTES }).toString('utf8');
  } catch (error) {
    const overCap = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    const reason = overCap
      ? `decompresses to more than ${MAX_DECODED_BYTES} bytes`
      : `is not gzip (${(error as Error).message})`;
    throw new DeliveryDecodeError(`awslogs.data ${reason}`, { cause: error, overCap });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new DeliveryDecodeError(`awslogs.data is not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }

  const records = (parsed as { logEvents?: unknown } | null)?.logEvents;
  if (Array.isArray(records) && records.length > MAX_RECORDS) {
    throw new DeliveryDecodeError(
      `awslogs.data holds ${records.length} records, over the cap of ${MAX_RECORDS}`,
      {
        overCap: true,
      },
    );
  }
  const delivery = deliverySchema.safeParse(parsed);
  if (!delivery.success) {
    throw new DeliveryDecodeError(`awslogs.data has the wrong shape: ${describeIssues(delivery.error)}`, {
      cause: delivery.error,
    });
  }
  return delivery.data;
}

/** The log events of a data message, as the records the pipeline reads. */
export function recordsOf(delivery: Delivery): SourceRecord[] {
  return delivery.logEvents.map(({ id, message }, position) => ({ message, position, logEventId: id }));
}

/**
 * The inverse of decodeDelivery, as CloudWatch Logs does it: JSON → gzip → base64. The Lambda never
 * calls it (the bundle leaves it out); the demo, the tests and the benchmark build deliveries with it.
 */
export function encodeDelivery(payload: unknown): { awslogs: { data: string } } {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}
