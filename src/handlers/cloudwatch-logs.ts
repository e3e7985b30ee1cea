/**
 * Lambda entry point for CloudWatch Logs deliveries, the path every sign-in takes (minutes):
 * the pipeline built once per container, then each delivery through it.
 */
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { type DeliveryReport, handleDelivery } from '../pipeline/handle-delivery.js';
import { handleInvocation } from '../pipeline/handle-invocation.js';
import { pipelineOfEnvironment } from './pipeline-of-environment.js';

const pipelineFor = pipelineOfEnvironment();

export function handler(event: CloudWatchLogsEvent, context?: Context): Promise<DeliveryReport> {
  return handleInvocation(event, context, pipelineFor(context), handleDelivery);
}
