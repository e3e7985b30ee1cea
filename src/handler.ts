/**
 * Lambda entry point. Configuration and AWS clients are set up once per container, at cold start:
 * a bad configuration fails the init with the variable's name instead of every invocation failing
 * later. What cannot be announced is parked; if even parking fails, the error is rethrown, so
 * Lambda retries the delivery and finally hands it to the on-failure destination.
 */
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import type { Pipeline } from './announce.js';
import { createDynamoClient, createSnsClient, lazySqsClient } from './clients.js';
import { readConfig } from './config.js';
import { createDedupeStore } from './dedupe.js';
import { logger } from './logger.js';
import { metrics } from './metrics.js';
import { type DeliveryReport, notify } from './notify.js';
import { park } from './parking.js';

const config = readConfig();
const sns = createSnsClient(config.topicRegion);
const dedupe = config.dedupeTable ? createDedupeStore(createDynamoClient(), config.dedupeTable) : undefined;
const sqs = lazySqsClient();
const parkingQueueUrl = config.parkingQueueUrl;
const parkItems: Pipeline['park'] = parkingQueueUrl
  ? async (items) => park(await sqs(), parkingQueueUrl, items)
  : undefined;

/** A claim outlives the invocation by a margin, and lapses before Lambda's first retry (1 minute later). */
const CLAIM_MARGIN_SECONDS = 15;
const DEFAULT_CLAIM_SECONDS = 75;
/** Publishing stops this long before Lambda's timeout, to leave time to park what is left. */
const PARKING_RESERVE_MS = 15_000;

export async function handler(event: CloudWatchLogsEvent, context?: Context): Promise<DeliveryReport> {
  if (context) logger.addContext(context);
  const claimSeconds = context
    ? Math.ceil(context.getRemainingTimeInMillis() / 1000) + CLAIM_MARGIN_SECONDS
    : DEFAULT_CLAIM_SECONDS;
  try {
    const deadline = context
      ? Date.now() + context.getRemainingTimeInMillis() - PARKING_RESERVE_MS
      : undefined;
    const report = await notify(event, {
      config,
      sns,
      dedupe,
      park: parkItems,
      claimSeconds,
      publishOptions: { deadline },
    });
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
