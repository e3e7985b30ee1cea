/**
 * Lambda entry point for EventBridge events, the fast path (seconds, in the regions it forwards):
 * the same pipeline and dedupe table as the CloudWatch Logs path, so that each sign-in is announced
 * by whichever path brings it first, and suppressed on the other.
 */
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { handleEvent } from '../pipeline/handle-event.js';
import { handleInvocation } from '../pipeline/handle-invocation.js';
import type { AnnounceReport } from '../shared/announce-report.js';
import { pipelineOfEnvironment } from './pipeline-of-environment.js';

const pipelineFor = pipelineOfEnvironment();

export function handler(
  event: EventBridgeEvent<string, unknown>,
  context?: Context,
): Promise<AnnounceReport> {
  return handleInvocation(event, context, pipelineFor(context), handleEvent);
}
