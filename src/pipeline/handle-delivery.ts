/**
 * One CloudWatch Logs delivery through the pipeline: decode → parse → decide → render → publish.
 * A delivery that cannot be read, or is over a cap, is parked whole rather than retried in vain.
 */

import { logger } from '../observability/logger.js';
import { count } from '../observability/metrics.js';
import { type AnnounceReport, NOTHING } from '../shared/announce-report.js';
import { DeliveryDecodeError } from '../shared/errors.js';
import { type Delivery, decodeDelivery, recordsOf } from '../sources/cloudwatch-logs.js';
import { announceRecords } from './announce-records.js';
import type { Pipeline } from './pipeline.js';

export interface DeliveryReport extends AnnounceReport {
  readonly messageType: Delivery['messageType'] | 'UNREADABLE';
}

export async function handleDelivery(event: unknown, pipeline: Pipeline): Promise<DeliveryReport> {
  let delivery: Delivery;
  try {
    delivery = decodeDelivery(event);
  } catch (error) {
    if (!(error instanceof DeliveryDecodeError) || !pipeline.park) throw error;
    logger.error('Delivery could not be read; parking it whole', {
      reason: error.message,
      overCap: error.overCap,
    });
    const reason = error.overCap ? 'over-cap' : 'undecodable';
    await pipeline.park([
      { kind: 'delivery', reason, error: { code: error.name, message: error.message }, event },
    ]);
    count('DeliveriesParked', 1);
    return { ...NOTHING, messageType: 'UNREADABLE', parked: 1 };
  }
  if (delivery.messageType === 'CONTROL_MESSAGE') {
    logger.debug('CloudWatch Logs control message acknowledged');
    return { ...NOTHING, messageType: delivery.messageType, records: delivery.logEvents.length };
  }
  const { logGroup, logStream } = delivery;
  const origin = { via: 'cloudwatch-logs', logGroup, logStream } as const;
  const report = await announceRecords(recordsOf(delivery), origin, pipeline);
  return { messageType: delivery.messageType, ...report };
}
