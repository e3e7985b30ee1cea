/**
 * Reads the stack's own names before anything else: its outputs (topic, queue), its resources
 * (function, alarms, the function's log group) and the CloudTrail log group its subscription filter
 * reads. That log group is a deploy parameter that serverless writes into the template, not a
 * CloudFormation parameter: it comes from `--log-group`, the `CloudTrailLogGroupName` output when
 * the stack has one, or the subscription filter in the deployed template (GetTemplate).
 */
import {
  DescribeStacksCommand,
  GetTemplateCommand,
  paginateListStackResources,
  type Stack,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { NotifierError } from '../../src/shared/errors.js';
import { AwsCallError, ask, cannotCheck } from './aws-call.js';
import type { Clients } from './clients.js';
import { type Finding, fail } from './report.js';
import { stackStatus } from './stack-status.js';
import type { Target } from './target.js';
import { logGroupOfTemplate } from './template.js';

/** DescribeStacks found no such stack in the region. */
export class StackNotFoundError extends NotifierError {
  override name = 'StackNotFoundError';
}

export interface DeployedStack {
  readonly name: string;
  readonly region: string;
  readonly account: string;
  readonly topicArn: string | undefined;
  readonly queueUrl: string | undefined;
  readonly functionName: string | undefined;
  readonly functionArn: string | undefined;
  /** The CloudTrail log group the notifier reads. */
  readonly logGroup: string | undefined;
  /** The notifier's own log group. */
  readonly notifierLogGroup: string | undefined;
  readonly alarmNames: readonly string[];
  /** False when the resources could not be listed: the checks that need them say nothing. */
  readonly resourcesKnown: boolean;
  /** The stack's status, and what the doctor could not find in it. */
  readonly findings: readonly Finding[];
}

export async function locateStack(clients: Clients, target: Target): Promise<DeployedStack> {
  const stack = await describeStack(clients, target);
  const [, partition = 'aws', , , account = ''] = (stack.StackId ?? '').split(':');
  const outputs = Object.fromEntries(
    (stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
  );
  const findings: Finding[] = [stackStatus(stack, target)];

  let resources: StackResourceSummary[] = [];
  let resourcesKnown = true;
  try {
    resources = await ask('cloudformation:ListStackResources', async () => {
      const all: StackResourceSummary[] = [];
      const pages = paginateListStackResources(
        { client: clients.cloudFormation },
        { StackName: target.stackName },
      );
      for await (const page of pages) all.push(...(page.StackResourceSummaries ?? []));
      return all;
    });
  } catch (error) {
    resourcesKnown = false;
    findings.push(cannotCheck(`resources of stack ${target.stackName}`, error));
  }
  const ofType = (type: string) => resources.filter((resource) => resource.ResourceType === type);
  const functions = ofType('AWS::Lambda::Function');
  const notifier = functions.find((f) => f.LogicalResourceId === 'NotifierLambdaFunction') ?? functions[0];
  const functionName = notifier?.PhysicalResourceId;
  const notifierLogGroup =
    ofType('AWS::Logs::LogGroup').find((group) => group.LogicalResourceId === 'NotifierLogGroup')
      ?.PhysicalResourceId ?? (functionName ? `/aws/lambda/${functionName}` : undefined);

  let logGroup = target.logGroup ?? outputs.CloudTrailLogGroupName;
  if (!logGroup) {
    try {
      const { TemplateBody = '' } = await ask('cloudformation:GetTemplate', () =>
        clients.cloudFormation.send(new GetTemplateCommand({ StackName: target.stackName })),
      );
      logGroup = logGroupOfTemplate(TemplateBody, notifier?.LogicalResourceId, resources);
      if (!logGroup) {
        findings.push(
          fail(
            `stack ${target.stackName}: no subscription filter in its template names the CloudTrail log group`,
            'pass --log-group with the log group your trail delivers to (the cloudTrailLogGroup deploy parameter)',
          ),
        );
      }
    } catch (error) {
      // Without the log group neither the trail nor the subscription filter can be checked.
      const finding = cannotCheck(`the CloudTrail log group of ${target.stackName}`, error);
      findings.push({ ...finding, fix: `${finding.fix ?? 'run again'}; or name it with --log-group` });
    }
  }
  if (resourcesKnown && !functionName) {
    findings.push(fail(`stack ${target.stackName}: no notifier function among its resources`));
  }

  return {
    name: target.stackName,
    region: target.region,
    account,
    topicArn: outputs.TopicArn || undefined,
    queueUrl: outputs.FailedDeliveriesQueueUrl || undefined,
    functionName,
    functionArn:
      functionName && `arn:${partition}:lambda:${target.region}:${account}:function:${functionName}`,
    logGroup,
    notifierLogGroup,
    alarmNames: ofType('AWS::CloudWatch::Alarm').flatMap((alarm) => alarm.PhysicalResourceId ?? []),
    resourcesKnown,
    findings,
  };
}

async function describeStack(clients: Clients, target: Target): Promise<Stack> {
  try {
    const { Stacks = [] } = await ask('cloudformation:DescribeStacks', () =>
      clients.cloudFormation.send(new DescribeStacksCommand({ StackName: target.stackName })),
    );
    const [stack] = Stacks;
    if (stack) return stack;
  } catch (error) {
    const missing = error instanceof AwsCallError && /does not exist/.test(error.cause.message);
    if (!missing) throw error;
  }
  throw new StackNotFoundError(`stack ${target.stackName} does not exist in ${target.region}`);
}
