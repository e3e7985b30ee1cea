/**
 * Sign-ins parked in the on-failure queue were not announced: the notifier parked them, or Lambda
 * handed over an invocation that failed all its attempts. `npm run redrive` announces them.
 * Messages in flight are being read right now (a redrive, or the doctor's own earlier dry run).
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { AwsCallError, ask, cannotCheck } from './aws-call.js';
import type { Clients } from './clients.js';
import type { DeployedStack } from './locate-stack.js';
import { type Finding, fail, ok, warn } from './report.js';
import { redeploy, type Target } from './target.js';

export async function checkQueue(clients: Clients, stack: DeployedStack, target: Target): Promise<Finding[]> {
  const { queueUrl } = stack;
  if (!queueUrl) {
    return [
      fail(
        `stack ${stack.name} has no FailedDeliveriesQueueUrl output`,
        `deploy it again: ${redeploy(target)}`,
      ),
    ];
  }
  let attributes: Record<string, string>;
  try {
    ({ Attributes: attributes = {} } = await ask('sqs:GetQueueAttributes', () =>
      clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      ),
    ));
  } catch (error) {
    if (error instanceof AwsCallError && /NonExistentQueue|QueueDoesNotExist/.test(error.cause.name)) {
      return [
        fail(
          `the on-failure queue ${queueUrl} does not exist`,
          `deploy the stack again: ${redeploy(target)}`,
        ),
      ];
    }
    return [cannotCheck('on-failure queue', error)];
  }
  const waiting = Number(attributes.ApproximateNumberOfMessages ?? 0);
  const inFlight = Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  const redrive = `npm run redrive -- --queue-url ${queueUrl} (a dry run), then again with --execute`;
  if (waiting > 0) {
    return [
      fail(
        `${waiting === 1 ? '1 message of sign-ins not announced waits' : `${waiting} messages of sign-ins not announced wait`} in the on-failure queue${inFlight > 0 ? ` (and ${inFlight} in flight)` : ''}`,
        `fix what made them fail (the alarms and the notifier's errors say), then ${redrive}`,
      ),
    ];
  }
  if (inFlight > 0) {
    return [
      warn(
        `${inFlight} message${inFlight === 1 ? '' : 's'} of the on-failure queue ${inFlight === 1 ? 'is' : 'are'} in flight: a redrive is reading ${inFlight === 1 ? 'it' : 'them'}`,
        `run the doctor again in a few minutes; if they are back in the queue: ${redrive}`,
      ),
    ];
  }
  return [ok('nothing is parked in the on-failure queue')];
}
