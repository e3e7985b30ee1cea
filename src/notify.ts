/**
 * One CloudWatch Logs delivery through the pipeline: decode → parse → decide → render → publish.
 * A delivery that cannot be read, or is over a cap, is parked whole rather than retried in vain.
 */
import { type AnnounceReport, announceRecords, type Pipeline } from './announce.js';
import { type Delivery, decodeDelivery } from './awslogs.js';
import { DeliveryDecodeError } from './errors.js';
import { logger } from './logger.js';
import { count } from './metrics.js';

export interface DeliveryReport extends AnnounceReport {
  readonly messageType: Delivery['messageType'] | 'UNREADABLE';
}

const NOTHING: AnnounceReport = {
  records: 0,
  signIns: 0,
  announced: 0,
  filtered: 0,
  duplicates: 0,
  malformed: 0,
  otherEvents: 0,
  parked: 0,
  dedupeUnavailable: 0,
};

export async function notify(event: unknown, pipeline: Pipeline): Promise<DeliveryReport> {
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
  const records = delivery.logEvents.map(({ id, message }, position) => ({
    message,
    position,
    logEventId: id,
  }));
  const report = await announceRecords(records, delivery, pipeline);
  return { messageType: delivery.messageType, ...report };
}
