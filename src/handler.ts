/**
 * Lambda entry point. Configuration and the SNS client are set up once per container, at cold
 * start: a bad configuration fails the init with the variable's name instead of every invocation
 * failing later. Any error is rethrown, so Lambda retries the delivery and finally hands it to
 * the on-failure queue: a sign-in is never dropped silently.
 */
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { createSnsClient } from './clients.js';
import { readConfig } from './config.js';
import { logger } from './logger.js';
import { type DeliveryReport, notify } from './notify.js';

const config = readConfig();
const sns = createSnsClient(config.topicRegion);

export async function handler(event: CloudWatchLogsEvent, context?: Context): Promise<DeliveryReport> {
  if (context) logger.addContext(context);
  try {
    const report = await notify(event, { config, sns });
    logger.info('Delivery processed', { ...report });
    return report;
  } catch (error) {
    logger.error('Delivery failed; Lambda will retry it, then park it in the on-failure queue', { error });
    throw error;
  }
}
