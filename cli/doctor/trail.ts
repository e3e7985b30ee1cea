/**
 * The trail that feeds the log group: one whose CloudWatch Logs delivery names it, in the stack's
 * region and account. DescribeTrails also lists shadow trails (multi-region trails of another home
 * region, an organization trail seen from a member account), which deliver to log groups of their
 * home region or management account: the doctor names them when none feeds the stack. Status and
 * selectors are read by trail ARN, as shadow and organization trails require. The trail must
 * record every region, be logging, have delivered lately without error, and record the write
 * management events that sign-ins are.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
 */
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { ask, cannotCheck } from './aws-call.js';
import type { Clients } from './clients.js';
import { recordsSignIns } from './event-selectors.js';
import type { DeployedStack } from './locate-stack.js';
import { type Finding, fail, ok, warn, when } from './report.js';

/** CloudTrail delivers to CloudWatch Logs about every 5 minutes while the account is active. */
const STALE_MS = 3_600_000;

export async function checkTrail(clients: Clients, stack: DeployedStack, now: number): Promise<Finding[]> {
  const { logGroup, region } = stack;
  if (!logGroup) return [];
  let trails: Trail[];
  try {
    ({ trailList: trails = [] } = await ask('cloudtrail:DescribeTrails', () =>
      clients.cloudTrail.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
    ));
  } catch (error) {
    return [cannotCheck('trail', error)];
  }
  const feeding = trails
    .filter((trail) => feeds(trail, stack))
    .sort((a, b) => Number(b.IsMultiRegionTrail ?? false) - Number(a.IsMultiRegionTrail ?? false));
  const [trail, ...others] = feeding;
  if (!trail) return [noTrail(logGroup, stack, trails)];

  const arn = trail.TrailARN ?? trail.Name ?? '';
  const home = trail.HomeRegion ?? region;
  const name = `trail ${trail.Name}`;
  const kind = trail.IsOrganizationTrail ? 'organization trail, ' : '';
  const findings: Finding[] = [
    ok(
      `${name} (${kind}home ${home}) delivers to log group ${logGroup}`,
      others.length > 0
        ? [`also delivering to it: ${others.map((other) => other.Name).join(', ')}`]
        : undefined,
    ),
    trail.IsMultiRegionTrail
      ? ok(`${name} records every region`)
      : fail(
          `${name} records only ${home}: sign-ins through other regions' endpoints never reach the log group`,
          `make it multi-region: aws cloudtrail update-trail --name ${arn} --is-multi-region-trail --region ${home}`,
        ),
  ];
  try {
    const status = await ask('cloudtrail:GetTrailStatus', () =>
      clients.cloudTrail.send(new GetTrailStatusCommand({ Name: arn })),
    );
    findings.push(
      status.IsLogging
        ? ok(`${name} is logging`)
        : fail(
            `${name} is not logging: no sign-in reaches the log group`,
            `start it: aws cloudtrail start-logging --name ${arn} --region ${home}`,
          ),
      delivery(name, logGroup, trail, status, now),
    );
  } catch (error) {
    findings.push(cannotCheck(name, error));
  }
  try {
    const selectors = await ask('cloudtrail:GetEventSelectors', () =>
      clients.cloudTrail.send(new GetEventSelectorsCommand({ TrailName: arn })),
    );
    findings.push(
      recordsSignIns(selectors.EventSelectors, selectors.AdvancedEventSelectors)
        ? ok(`${name} records management events, sign-ins included`)
        : fail(
            `${name} does not record write management events: sign-ins (ConsoleLogin is one) never reach the log group`,
            `record management events, read and write: CloudTrail console → Trails → ${trail.Name} → Management events → Edit`,
          ),
    );
  } catch (error) {
    findings.push(cannotCheck(name, error));
  }
  return findings;
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>:*` names the stack's log group. */
function feeds(trail: Trail, stack: DeployedStack): boolean {
  const match = /^arn:[^:]+:logs:([^:]+):([^:]*):log-group:(.+?)(?::\*)?$/.exec(
    trail.CloudWatchLogsLogGroupArn ?? '',
  );
  if (!match) return false;
  const [, region, account, name] = match;
  return (
    name === stack.logGroup && region === stack.region && (stack.account === '' || account === stack.account)
  );
}

function noTrail(logGroup: string, stack: DeployedStack, trails: readonly Trail[]): Finding {
  const { region } = stack;
  // A member account sees the organization trail, but its logs go to the management account.
  const theirs = (arn: string) => stack.account !== '' && arn.split(':')[4] !== stack.account;
  const elsewhere = trails
    .filter((trail) => trail.CloudWatchLogsLogGroupArn)
    .map(({ Name, CloudWatchLogsLogGroupArn: arn = '', IsOrganizationTrail }) =>
      IsOrganizationTrail && theirs(arn)
        ? `trail ${Name} delivers to ${arn} (an organization trail delivers to a log group of its management account: deploy the notifier there)`
        : `trail ${Name} delivers to ${arn}`,
    );
  return fail(
    `no trail delivers to log group ${logGroup} in ${region}: no sign-in reaches the notifier`,
    'turn on CloudWatch Logs for a multi-region trail, to this log group (CloudTrail console → Trails → the trail → CloudWatch Logs → Edit), or deploy again with --param="cloudTrailLogGroup=<the log group your trail delivers to>" in its region',
    elsewhere.length > 0
      ? elsewhere
      : [`${trails.length} trails seen from ${region}, none with CloudWatch Logs`],
  );
}

function delivery(
  name: string,
  logGroup: string,
  trail: Trail,
  status: { LatestCloudWatchLogsDeliveryTime?: Date; LatestCloudWatchLogsDeliveryError?: string },
  now: number,
): Finding {
  const role = trail.CloudWatchLogsRoleArn
    ? `its role ${trail.CloudWatchLogsRoleArn}`
    : 'its CloudWatch Logs role';
  const time = status.LatestCloudWatchLogsDeliveryTime;
  if (status.LatestCloudWatchLogsDeliveryError) {
    return fail(
      `${name} fails to deliver to ${logGroup}: ${status.LatestCloudWatchLogsDeliveryError}${time ? `; last delivered ${when(time, now)}` : ''}`,
      `${role} must allow logs:CreateLogStream and logs:PutLogEvents on the log group, and the log group must exist; CloudTrail console → the trail → CloudWatch Logs → Edit sets both up`,
    );
  }
  if (!time) {
    return fail(
      `${name} has never delivered to CloudWatch Logs`,
      `check ${role} and that the log group exists`,
    );
  }
  if (now - time.getTime() > STALE_MS) {
    return warn(
      `${name} last delivered to CloudWatch Logs ${when(time, now)}`,
      `CloudTrail delivers about every 5 minutes while anything happens in the account: if it was busy, check ${role} and the log group`,
    );
  }
  return ok(`${name} delivered to CloudWatch Logs ${when(time, now)}`);
}
