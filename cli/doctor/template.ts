/**
 * The CloudTrail log group in the deployed template: the `LogGroupName` of the subscription filter
 * that targets the notifier (serverless writes the `cloudTrailLogGroup` parameter there as text),
 * or of a log group of the stack itself (`{"Ref": …}`, e.g. one the stack creates for a new trail).
 */
import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';

type Resource = { Type?: string; Properties?: { LogGroupName?: unknown; DestinationArn?: unknown } };

export function logGroupOfTemplate(
  body: string,
  functionLogicalId: string | undefined,
  resources: readonly StackResourceSummary[],
): string | undefined {
  let template: { Resources?: Record<string, Resource> };
  try {
    template = JSON.parse(body);
  } catch {
    // serverless deploys JSON; a template in YAML was not deployed by it.
    return undefined;
  }
  const filters = Object.values(template.Resources ?? {}).filter(
    (resource) => resource.Type === 'AWS::Logs::SubscriptionFilter',
  );
  const targetsNotifier = (filter: Resource) =>
    JSON.stringify(filter.Properties?.DestinationArn ?? null).includes(`"${functionLogicalId}"`);
  const filter = filters.find(targetsNotifier) ?? filters[0];
  const name = filter?.Properties?.LogGroupName;
  if (typeof name === 'string') return name;
  const ref = (name as { Ref?: unknown } | undefined)?.Ref;
  return resources.find((resource) => resource.LogicalResourceId === ref)?.PhysicalResourceId;
}
