/**
 * fastPath=false, in the template `serverless package` builds (see support/template.ts): nothing of
 * the EventBridge fast path is created, and what the CloudWatch Logs path shares with it (the key,
 * the queue's policy, the dashboard, the alarms) is as it was before it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dashboardBody,
  dashboardMetrics,
  HEALTH_ALARMS,
  keyStatements,
} from '../support/stack-expectations.js';
import {
  conditionHolds,
  created,
  createdResources,
  ofType,
  type PolicyDocument,
  packagedTemplate,
  type Template,
} from '../support/template.js';

describe('stack with fastPath=false', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate('fastPathOff');
  });

  it('creates no EventBridge rule, StackSet, role, function or alarm of the fast path', () => {
    const resources = createdResources(template);
    const types = Object.values(resources).map(({ Type }) => Type);

    expect(conditionHolds(template, 'FastPath')).toBe(false);
    expect(conditionHolds(template, 'FastPathForwarders')).toBe(false);
    expect(types.filter((type) => /^AWS::Events::|^AWS::CloudFormation::StackSet$/.test(type))).toEqual([]);
    expect(Object.keys(resources).filter((id) => id.startsWith('FastPath'))).toEqual([]);
    expect(Object.keys(ofType(template, 'AWS::Lambda::Function'))).toEqual(['NotifierLambdaFunction']);
    expect(Object.keys(ofType(template, 'AWS::IAM::Role'))).toEqual(['IamRoleLambdaExecution']);
  });

  it('lets only the logs service invoke the notifier: the one event source is the log group', () => {
    const permissions = Object.values(ofType(template, 'AWS::Lambda::Permission'));

    expect(permissions).toHaveLength(1);
    expect(JSON.stringify(permissions[0]?.Properties.Principal)).toContain('"logs."');
  });

  it('lets no EventBridge principal use the key or send to the queue', () => {
    const queuePolicy = created(template, 'FailedDeliveriesQueuePolicy').Properties
      .PolicyDocument as PolicyDocument;

    expect(JSON.stringify(keyStatements(template))).not.toContain('events.amazonaws.com');
    expect(queuePolicy.Statement.map(({ Sid }) => Sid)).toEqual(['DenyInsecureTransport']);
  });

  it('charts no fast path on the dashboard, and latency of the CloudWatch Logs path only', () => {
    const metrics = dashboardMetrics(template);

    expect(metrics.filter(({ namespace }) => namespace === 'AWS/Events')).toEqual([]);
    expect(metrics.filter(({ name }) => name === 'SignInsAnnouncedFirst')).toEqual([]);
    expect(
      metrics.filter(({ dimensions }) => dimensions.FunctionName === '<FastPathLambdaFunction>'),
    ).toEqual([]);
    expect(
      new Set(
        metrics.filter(({ name }) => name === 'AnnounceLatency').map(({ dimensions }) => dimensions.via),
      ),
    ).toEqual(new Set(['cloudwatch-logs']));
    expect(JSON.stringify(dashboardBody(template))).not.toMatch(/FastPath/);
  });

  it('keeps the fallback and the health alarms alone, with the parking alarm naming the notifier only', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm');
    const parked = String(created(template, 'ParkedSignInsAlarm').Properties.AlarmDescription);

    expect(Object.keys(alarms).sort()).toEqual(['ConsoleLoginAlarm', ...Object.keys(HEALTH_ALARMS)].sort());
    expect(parked).toContain('/aws/lambda/console-login-notifier-prod-notifier');
    expect(parked).not.toMatch(/fastPath|EventBridge/);
  });

  it('outputs nothing of the fast path', () => {
    const outputs = (template as Template & { Outputs: Record<string, { Condition?: string }> }).Outputs;
    const kept = Object.entries(outputs).filter(
      ([, output]) => output.Condition === undefined || conditionHolds(template, output.Condition),
    );

    expect(kept.map(([id]) => id).filter((id) => id.startsWith('FastPath'))).toEqual([]);
  });
});
