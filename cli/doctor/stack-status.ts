/**
 * The stack's own state: a stack whose last update was rolled back runs its previous version; one
 * that failed or is rolled back whole does not run as deployed; one in progress is changing now.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/view-stack-events.html
 */
import type { Stack } from '@aws-sdk/client-cloudformation';
import { type Finding, fail, ok, warn } from './report.js';
import type { Target } from './target.js';

export function stackStatus(stack: Stack, target: Target): Finding {
  const status = stack.StackStatus ?? 'UNKNOWN';
  const text = `stack ${target.stackName} in ${target.region}: ${status}`;
  const reason = stack.StackStatusReason ? [`reason: ${stack.StackStatusReason}`] : [];
  const events = `read what failed: aws cloudformation describe-stack-events --stack-name ${target.stackName} --region ${target.region}`;
  if (status.endsWith('_IN_PROGRESS'))
    return warn(`${text}: a change is under way`, 'run the doctor again once it is complete');
  if (status === 'UPDATE_ROLLBACK_COMPLETE') {
    return warn(`${text}: the last update was rolled back, the previous version runs`, events, reason);
  }
  if (status.endsWith('_FAILED') || status === 'ROLLBACK_COMPLETE') {
    return fail(
      `${text}: the stack does not run as deployed`,
      `${events}; fix the cause and deploy again`,
      reason,
    );
  }
  return ok(text);
}
