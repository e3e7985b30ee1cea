/**
 * The stack's alarms, each of which says in its description what broke and what to do. An alarm
 * on an AWS/* metric watches the notifier's health: in ALARM it is a problem. The others count
 * sign-ins from the log group (the fallback alarm, and any alarm on a metric filter): in ALARM
 * they say that someone signed in, which the doctor reports without calling it broken.
 */
import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { ask, cannotCheck } from './aws-call.js';
import type { Clients } from './clients.js';
import type { DeployedStack } from './locate-stack.js';
import { type Finding, fail, ok, warn, when } from './report.js';
import { redeploy, type Target } from './target.js';

/** DescribeAlarms takes at most 100 names. */
const NAMES_PER_CALL = 100;

export async function checkAlarms(
  clients: Clients,
  stack: DeployedStack,
  target: Target,
  now: number,
): Promise<Finding[]> {
  const names = stack.alarmNames;
  if (!stack.resourcesKnown) return [];
  if (names.length === 0)
    return [warn(`stack ${stack.name} has no alarms`, `deploy it again: ${redeploy(target)}`)];
  const alarms: MetricAlarm[] = [];
  try {
    for (let start = 0; start < names.length; start += NAMES_PER_CALL) {
      const AlarmNames = names.slice(start, start + NAMES_PER_CALL);
      let NextToken: string | undefined;
      do {
        const page = await ask('cloudwatch:DescribeAlarms', () =>
          clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames, NextToken })),
        );
        alarms.push(...(page.MetricAlarms ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
    }
  } catch (error) {
    return [cannotCheck('alarms', error)];
  }

  const findings: Finding[] = [];
  for (const name of names) {
    const alarm = alarms.find(({ AlarmName }) => AlarmName === name);
    if (!alarm) {
      findings.push(
        fail(`alarm ${name} of the stack does not exist`, `deploy the stack again: ${redeploy(target)}`),
      );
      continue;
    }
    const finding = judge(alarm, stack.region, now);
    if (finding) findings.push(finding);
  }
  const fine = names.length - findings.length;
  const all = fine === names.length ? `all ${fine}` : `the other ${fine}`;
  if (fine > 0)
    findings.push(ok(`${all} alarm${fine === 1 ? '' : 's'} of the stack ${fine === 1 ? 'is' : 'are'} OK`));
  return findings;
}

/** Nothing for an alarm that is OK and will notify; otherwise what is the matter with it. */
function judge(alarm: MetricAlarm, region: string, now: number): Finding | undefined {
  const name = `alarm ${alarm.AlarmName}`;
  const since = alarm.StateUpdatedTimestamp ? ` since ${when(alarm.StateUpdatedTimestamp, now)}` : '';
  const reason = alarm.StateReason ? [`reason: ${alarm.StateReason}`] : [];
  const whatToDo = alarm.AlarmDescription ?? 'read the alarm in the CloudWatch console';
  if (alarm.StateValue === 'ALARM') {
    if ((alarm.Namespace ?? '').startsWith('AWS/'))
      return fail(`${name} is in ALARM${since}`, whatToDo, reason);
    return warn(`${name} is in ALARM${since}: it counts sign-ins, so someone signed in`, whatToDo, reason);
  }
  if (alarm.StateValue === 'INSUFFICIENT_DATA') {
    return warn(
      `${name} has no data to judge${since} (INSUFFICIENT_DATA)`,
      `normal for a few minutes after a deploy; if it stays, check that its metric ${alarm.Namespace} ${alarm.MetricName} exists with the alarm's dimensions`,
      reason,
    );
  }
  if (alarm.ActionsEnabled === false) {
    return warn(
      `${name} has its actions disabled: when it goes off it tells nobody`,
      `aws cloudwatch enable-alarm-actions --alarm-names ${alarm.AlarmName} --region ${region}`,
    );
  }
  return undefined;
}
