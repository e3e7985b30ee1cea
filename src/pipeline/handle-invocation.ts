/**
 * One Lambda invocation: the time it has (its budget, budget.ts), the delivery through the
 * pipeline, a log line of the outcome, and the metrics flushed. What cannot be announced is
 * parked; if even parking fails, the error is rethrown, so Lambda retries the delivery and finally
 * hands it to the on-failure destination.
 */
import type { Context } from 'aws-lambda';
import { logger } from '../observability/logger.js';
import { metrics } from '../observability/metrics.js';
import { budgetFor } from './budget.js';
import { type DeliveryReport, handleDelivery } from './handle-delivery.js';
import type { Pipeline } from './pipeline.js';

/** Without a Lambda context (the demo, the tests): the budget of the function's 60 s timeout. */
const DEFAULT_REMAINING_MS = 60_000;

export async function handleInvocation(
  event: unknown,
  context: Context | undefined,
  pipeline: Omit<Pipeline, 'budget'>,
): Promise<DeliveryReport> {
  if (context) logger.addContext(context);
  const budget = budgetFor(context?.getRemainingTimeInMillis() ?? DEFAULT_REMAINING_MS);
  try {
    const report = await handleDelivery(event, { ...pipeline, budget });
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
