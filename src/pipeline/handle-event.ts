/**
 * One EventBridge event through the pipeline, the fast path: decode its CloudTrail record, then
 * the same parse → decide → render → publish as a CloudWatch Logs delivery, under the same dedupe
 * table, so whichever path brings a sign-in first announces it and the other is suppressed. An
 * event that is not an AWS Sign-In event is counted and logged, and the invocation succeeds: a
 * retry would not make it readable.
 */
import { logger } from '../observability/logger.js';
import { count } from '../observability/metrics.js';
import { type AnnounceReport, NOTHING } from '../shared/announce-report.js';
import { EventDecodeError } from '../shared/errors.js';
import { decodeEvent, recordsOfEvent } from '../sources/eventbridge.js';
import { announceRecords } from './announce-records.js';
import type { Pipeline } from './pipeline.js';

export async function handleEvent(event: unknown, pipeline: Pipeline): Promise<AnnounceReport> {
  let records: ReturnType<typeof recordsOfEvent>;
  let region: string;
  try {
    const decoded = decodeEvent(event);
    records = recordsOfEvent(decoded);
    region = decoded.region;
  } catch (error) {
    if (!(error instanceof EventDecodeError)) throw error;
    const { source, 'detail-type': detailType } = (event ?? {}) as Record<string, unknown>;
    logger.warn('Not an AWS Sign-In event; skipped', {
      reason: error.message.slice(0, 512),
      source: String(source).slice(0, 128),
      detailType: String(detailType).slice(0, 128),
    });
    count('ForeignEvents', 1);
    return { ...NOTHING, malformed: 1 };
  }
  return announceRecords(
    records,
    { via: 'eventbridge', logGroup: 'eventbridge', logStream: region },
    pipeline,
  );
}
