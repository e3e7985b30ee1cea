/**
 * The subscription filter that hands sign-in records from the CloudTrail log group to the
 * notifier: present, and aimed at the stack's function (a log group holds at most two filters,
 * and one deleted or replaced by hand silently stops every announcement).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
import { DescribeSubscriptionFiltersCommand, type SubscriptionFilter } from '@aws-sdk/client-cloudwatch-logs';
import { AwsCallError, ask, cannotCheck } from './aws-call.js';
import type { Clients } from './clients.js';
import type { DeployedStack } from './locate-stack.js';
import { type Finding, fail, ok } from './report.js';
import { redeploy, type Target } from './target.js';

export async function checkSubscriptionFilter(
  clients: Clients,
  stack: DeployedStack,
  target: Target,
): Promise<Finding[]> {
  const { logGroup, functionArn, functionName } = stack;
  if (!logGroup || !functionArn) return [];
  const filters: SubscriptionFilter[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await ask('logs:DescribeSubscriptionFilters', () =>
        clients.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: logGroup, nextToken })),
      );
      filters.push(...(page.subscriptionFilters ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    if (error instanceof AwsCallError && error.cause.name === 'ResourceNotFoundException') {
      return [
        fail(
          `log group ${logGroup} does not exist in ${stack.region}: no sign-in reaches the notifier`,
          `deploy again with --param="cloudTrailLogGroup=<the log group your trail delivers to>" (${redeploy(target)})`,
        ),
      ];
    }
    return [cannotCheck(`subscription filter of ${logGroup}`, error)];
  }
  // A destination may name the function with a version or alias qualifier.
  const ours = filters.find(
    ({ destinationArn = '' }) =>
      destinationArn === functionArn || destinationArn.startsWith(`${functionArn}:`),
  );
  if (ours) {
    return [
      ok(
        `subscription filter ${ours.filterName} on ${logGroup} sends ${ours.filterPattern} to ${functionName}`,
      ),
    ];
  }
  const fix = `deploy the stack again, which puts its filter back: ${redeploy(target)}`;
  if (filters.length === 0) {
    return [fail(`log group ${logGroup} has no subscription filter: no sign-in reaches the notifier`, fix)];
  }
  return [
    fail(
      `no subscription filter of ${logGroup} sends to the notifier ${functionName}: no sign-in reaches it`,
      filters.length >= 2
        ? `a log group holds at most two subscription filters: remove one you no longer need (aws logs delete-subscription-filter --log-group-name ${logGroup} --filter-name <name> --region ${stack.region}), then ${fix}`
        : fix,
      filters.map(({ filterName, destinationArn }) => `filter ${filterName} sends to ${destinationArn}`),
    ),
  ];
}
