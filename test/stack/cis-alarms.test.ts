/**
 * cisAlarms=true (stack/cis-alarms.yml), in the template `serverless package` builds (see
 * support/template.ts): the exact CIS patterns that Security Hub CSPM controls CloudWatch.1, .3 and
 * .6 look for, each with an alarm on the topic; and parameters that are neither true nor false.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { packagingError } from '../support/serverless-package.js';
import { DEFAULT_LOG_GROUP, TOPIC_REF } from '../support/stack-expectations.js';
import {
  created,
  createdResources,
  ofType,
  type Props,
  packagedTemplate,
  type Template,
} from '../support/template.js';

/** https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html */
const CONTROLS = {
  'CloudWatch.1': {
    filter: 'RootUsageMetricFilter',
    alarm: 'RootUsageAlarm',
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  'CloudWatch.3': {
    filter: 'ConsoleSignInWithoutMfaMetricFilter',
    alarm: 'ConsoleSignInWithoutMfaAlarm',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  'CloudWatch.6': {
    filter: 'ConsoleAuthenticationFailuresMetricFilter',
    alarm: 'ConsoleAuthenticationFailuresAlarm',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
} as const;

describe('stack with cisAlarms=true', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate('cisAlarms');
  });

  it.each(Object.entries(CONTROLS))('has the exact pattern of %s on the trail’s log group', (_, control) => {
    const filter = created(template, control.filter).Properties;

    expect(filter).toMatchObject({ LogGroupName: DEFAULT_LOG_GROUP, FilterPattern: control.pattern });
    expect(filter.MetricTransformations).toEqual([
      expect.objectContaining({ MetricNamespace: 'ConsoleLoginNotifier/prod', MetricValue: '1' }),
    ]);
  });

  it.each(Object.entries(CONTROLS))(
    'alarms on the metric of %s: Sum >= 1 in 5 minutes, to the topic',
    (id, control) => {
      const [metric] = created(template, control.filter).Properties.MetricTransformations as Props[];
      const alarm = created(template, control.alarm).Properties;

      expect(alarm).toMatchObject({
        Namespace: metric?.MetricNamespace,
        MetricName: metric?.MetricName,
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TOPIC_REF],
      });
      expect(alarm.AlarmDescription).toContain(`Security Hub ${id} (CIS)`);
      expect(String(alarm.AlarmDescription).length).toBeLessThanOrEqual(1024);
    },
  );
});

describe('stack with createTrail=true and cisAlarms=true (a new account)', () => {
  it('counts in the created trail’s log group, once it exists', async () => {
    const template = await packagedTemplate('newAccount');

    for (const control of Object.values(CONTROLS)) {
      expect(created(template, control.filter).Properties.LogGroupName).toEqual({ Ref: 'TrailLogGroup' });
    }
  });
});

describe('stack with default parameters (cisAlarms=false)', () => {
  it('has none of the CIS filters and alarms', async () => {
    const resources = Object.keys(createdResources(await packagedTemplate('default')));

    for (const control of Object.values(CONTROLS)) {
      expect(resources).not.toContain(control.filter);
      expect(resources).not.toContain(control.alarm);
    }
    expect(Object.keys(ofType(await packagedTemplate('default'), 'AWS::Logs::MetricFilter'))).toEqual([
      'ConsoleLoginMetricFilter',
    ]);
  });
});

describe('switch parameters that are neither true nor false', () => {
  it.each([
    ['createTrail', 'CreateTrail'],
    ['cisAlarms', 'CisAlarms'],
  ])(
    'fail the packaging when %s is "yes", naming its condition',
    async (parameter, condition) => {
      const error = await packagingError({ [parameter]: 'yes' });

      expect(error).toContain(`Conditions.${condition}`);
    },
    60_000,
  );
});
