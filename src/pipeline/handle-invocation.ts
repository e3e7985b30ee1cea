/**
 * One Lambda invocation: the time it has (a claim outlives it, publishing stops before its end),
 * the delivery through the pipeline, a log line of the outcome, and the metrics flushed. What cannot
 * be announced is parked; if even parking fails, the error is rethrown, so Lambda retries the
 * delivery and finally hands it to the on-failure destination.
 */
import type { Context } from 'aws-lambda';
import { logger } from '../observability/logger.js';
import { metrics } from '../observability/metrics.js';
import { type DeliveryReport, handleDelivery } from './handle-delivery.js';
import type { Pipeline } from './pipeline.js';

/** A claim outlives the invocation by a margin, and lapses before Lambda's first retry (1 minute later). */
const CLAIM_MARGIN_SECONDS = 15;
const DEFAULT_CLAIM_SECONDS = 75;
/** Publishing stops this long before Lambda's timeout, to leave time to park what is left. */
const PARKING_RESERVE_MS = 15_000;

export async function handleInvocation(
  event: unknown,
  context: Context | undefined,
  pipeline: Omit<Pipeline, 'claimSeconds' | 'publishOptions'>,
): Promise<DeliveryReport> {
  if (context) logger.addContext(context);
  const claimSeconds = context
    ? Math.ceil(context.getRemainingTimeInMillis() / 1000) + CLAIM_MARGIN_SECONDS
    : DEFAULT_CLAIM_SECONDS;
  try {
    const deadline = context
      ? Date.now() + context.getRemainingTimeInMillis() - PARKING_RESERVE_MS
      : undefined;
    const report = await handleDelivery(event, { ...pipeline, claimSeconds, publishOptions: { deadline } });
    logger.info('Delivery processed', { ...report });
    return report;
  } catch (error) {
    logger.error('Delivery failed; Lambda will retry it, then hand it to the on-failure destination', {
      error,
    });
    throw error;
  } finally {
    // A control message counts nothing, and Powertools would warn of empty metrics.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}
