/**
 * The health alarms of the stack with default parameters (stack/health-alarms.yml), in the
 * CloudFormation template that `serverless package` builds (see support/template.ts): what each
 * watches, what its description tells to do, and that every alarm notifies the topic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dimensionsOf, HEALTH_ALARMS, TOPIC_REF } from '../support/stack-expectations.js';
import { created, ofType, packagedTemplate, single, type Template } from '../support/template.js';

describe('stack with default parameters', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
  });

  it.each(Object.entries(HEALTH_ALARMS))(
    'alarms on %s, telling what broke and what to do',
    (id, expected) => {
      const alarm = created(template, id);

      expect(alarm.Type).toBe('AWS::CloudWatch::Alarm');
      expect(alarm.Properties).toMatchObject({
        ...expected.watches,
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TOPIC_REF],
        OKActions: [TOPIC_REF],
      });
      expect(dimensionsOf(alarm.Properties)).toEqual(expected.dimensions);
      expect(alarm.Properties.AlarmDescription).toMatch(expected.toDo);
      // CloudWatch refuses a longer description, and with it the deploy.
      expect(String(alarm.Properties.AlarmDescription).length).toBeLessThanOrEqual(1024);
    },
  );

  it('says that a failed invocation means parking failed, and what Lambda then does with the event', () => {
    const description = String(created(template, 'NotifierErrorsAlarm').Properties.AlarmDescription);

    // The notifier parks what it cannot announce and succeeds: Lambda parks nothing itself.
    expect(description).not.toMatch(/Lambda[^.]*\bparks\b/);
    expect(description).toMatch(/parking itself failed/);
    expect(description).toMatch(/retries the event twice[\s\S]*on-failure/);
    expect(description).toContain('NotifierDestinationDeliveryFailuresAlarm');
  });

  it('tells a dropped event that reached the on-failure queue from one that did not', () => {
    const description = String(
      created(template, 'NotifierAsyncEventsDroppedAlarm').Properties.AlarmDescription,
    );

    expect(description).toMatch(/ParkedSignInsAlarm[\s\S]*`npm run redrive`/);
    expect(description).toContain('NotifierDestinationDeliveryFailuresAlarm');
  });

  it('watches the subscription filter under the name the filter really has', () => {
    const filter = single(template, 'AWS::Logs::SubscriptionFilter').Properties;

    for (const id of ['SubscriptionDeliveryErrorsAlarm', 'SubscriptionDeliveryThrottlingAlarm']) {
      expect(dimensionsOf(created(template, id).Properties)).toMatchObject({
        LogGroupName: filter.LogGroupName,
        FilterName: filter.FilterName,
      });
    }
  });

  it('has no alarm besides the fallback, the health and the fast path’s alarms, all notifying the topic', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm');
    // The fast path's: test/stack/fast-path-alarms.test.ts.
    const fastPath = ['FastPathQuietAlarm', 'FastPathDeadLettersLostAlarm'];

    expect(Object.keys(alarms).sort()).toEqual(
      ['ConsoleLoginAlarm', ...Object.keys(HEALTH_ALARMS), ...fastPath].sort(),
    );
    for (const alarm of Object.values(alarms)) {
      expect(alarm.Properties).toMatchObject({ TreatMissingData: 'notBreaching', AlarmActions: [TOPIC_REF] });
    }
  });
});
