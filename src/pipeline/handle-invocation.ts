/**
 * One Lambda invocation: the time it has (its budget, budget.ts), its event (a delivery, or an
 * EventBridge event) through the pipeline, a log line of the outcome, and the metrics flushed. What cannot be announced is
 * parked; if even parking fails, the error is rethrown, so Lambda retries the delivery and finally
 * hands it to the on-failure destination.
 */
import type { Context } from 'aws-lambda';
import { logger } from '../observability/logger.js';
import { publishMetrics } from '../observability/metrics.js';
import type { AnnounceReport } from '../shared/announce-report.js';
import { budgetFor } from './budget.js';
import type { Pipeline } from './pipeline.js';

/** Without a Lambda context (the demo, the tests): the budget of the function's 60 s timeout. */
const DEFAULT_REMAINING_MS = 60_000;

/** What an invocation runs on its event: a CloudWatch Logs delivery, or an EventBridge event. */
export type EventHandler<R extends AnnounceReport> = (event: unknown, pipeline: Pipeline) => Promise<R>;

export async function handleInvocation<R extends AnnounceReport>(
  event: unknown,
  context: Context | undefined,
  pipeline: Omit<Pipeline, 'budget'>,
  handle: EventHandler<R>,
): Promise<R> {
  if (context) logger.addContext(context);
  const budget = budgetFor(context?.getRemainingTimeInMillis() ?? DEFAULT_REMAINING_MS);
  try {
    const report = await handle(event, { ...pipeline, budget });
    logger.info('Event processed', { ...(report as AnnounceReport) });
    return report;
  } catch (error) {
    logger.error('Event failed; Lambda will retry it, then hand it to the on-failure destination', {
      error,
    });
    throw error;
  } finally {
    publishMetrics();
  }
}
