/**
 * `npm run doctor` on the subscription filter that hands sign-ins from the log group to the
 * notifier (see doctor.test.ts for the set-up): where the doctor finds the log group (the deployed
 * template, a stack output, --log-group), and a filter missing, aimed elsewhere, or on no log group.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from '../support/cli.js';
import { findingsOf } from '../support/doctor-output.js';
import {
  deployedTemplate,
  FUNCTION,
  LOG_GROUP,
  ourFilter,
  startDeployedStack,
  type World,
} from '../support/doctor-stack.js';
import type { Template } from '../support/template.js';

let template: Template;
beforeAll(async () => {
  template = await deployedTemplate();
});
afterEach(cleanUp);

const denied = () =>
  ({ kind: 'error', status: 400, code: 'AccessDeniedException', message: 'not authorized' }) as const;

/** The doctor's findings on the subscription filter, and its exit code. */
async function diagnose(world: World, args: string[] = []) {
  const { doctor } = await startDeployedStack(template, world);
  const { code, stdout } = await doctor(args);
  return { code, findings: findingsOf(stdout) };
}

describe('doctor on the subscription filter', () => {
  const filterFindings = (findings: Awaited<ReturnType<typeof diagnose>>['findings']) =>
    findings.filter(({ text }) => /subscription filter/.test(text));

  it('finds the log group in the subscription filter of the deployed template', async () => {
    const { code, findings } = await diagnose({});

    expect(code).toBe(0);
    expect(filterFindings(findings)).toMatchObject([
      { status: 'OK', text: expect.stringContaining(`on ${LOG_GROUP}`) },
    ]);
  });

  it('fails when the log group has no subscription filter, and says to deploy again', async () => {
    const { code, findings } = await diagnose({ subscriptionFilters: [] });

    expect(code).toBe(1);
    expect(filterFindings(findings)).toEqual([
      {
        status: 'FAIL',
        text: `log group ${LOG_GROUP} has no subscription filter: no sign-in reaches the notifier`,
        details: [],
        fix: 'deploy the stack again, which puts its filter back: npx serverless deploy --stage prod --region eu-west-1 with the same --param values as before',
      },
    ]);
  });

  it('fails when the filters send elsewhere, and names the two-filter limit when both slots are taken', async () => {
    const elsewhere = 'arn:aws:lambda:eu-west-1:111122223333:function:someone-else';
    const { code, findings } = await diagnose({
      subscriptionFilters: [
        { ...ourFilter, destinationArn: elsewhere },
        {
          filterName: 'siem',
          filterPattern: '',
          destinationArn: 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/siem',
        },
      ],
    });

    expect(code).toBe(1);
    expect(filterFindings(findings)).toEqual([
      {
        status: 'FAIL',
        text: `no subscription filter of ${LOG_GROUP} sends to the notifier ${FUNCTION}: no sign-in reaches it`,
        details: [
          `filter console-login-notifier-prod sends to ${elsewhere}`,
          'filter siem sends to arn:aws:firehose:eu-west-1:111122223333:deliverystream/siem',
        ],
        fix: expect.stringMatching(
          /^a log group holds at most two subscription filters: remove one .*, then deploy the stack again/,
        ),
      },
    ]);
  });

  it('fails when the log group named with --log-group does not exist', async () => {
    const { code, findings } = await diagnose({}, ['--log-group', 'CloudTrail/Typo']);

    expect(code).toBe(1);
    expect(findings).toContainEqual(
      expect.objectContaining({
        status: 'FAIL',
        text: 'log group CloudTrail/Typo does not exist in eu-west-1: no sign-in reaches the notifier',
      }),
    );
  });

  it('asks for --log-group when it may not read the template, and checks that log group when given', async () => {
    const refuseTemplate = {
      reply: ({ action }: { action: string }) =>
        action === 'GetTemplate' ? denied() : { kind: 'ok' as const },
    };
    const { doctor, cloudFormation } = await startDeployedStack(template, { cloudFormation: refuseTemplate });

    const without = await doctor();
    const named = await doctor(['--log-group', LOG_GROUP]);

    expect(without.code).toBe(1);
    expect(findingsOf(without.stdout)).toContainEqual({
      status: 'FAIL',
      text: 'the CloudTrail log group of console-login-notifier-prod: cannot check: access denied to cloudformation:GetTemplate (AccessDeniedException)',
      details: [],
      fix: expect.stringMatching(/^allow cloudformation:GetTemplate .*; or name it with --log-group$/),
    });
    expect(findingsOf(without.stdout).filter(({ text }) => /^trail|subscription filter/.test(text))).toEqual(
      [],
    );
    expect(named.code).toBe(0);
    expect(
      findingsOf(named.stdout).filter(({ text }) => /^trail|subscription filter/.test(text)),
    ).toHaveLength(6);
    expect(cloudFormation.requests.filter(({ action }) => action === 'GetTemplate')).toHaveLength(1);
  });

  it('reads the log group from a CloudTrailLogGroupName output when the stack has one', async () => {
    const { doctor, cloudFormation } = await startDeployedStack(template, {
      stack: { outputs: { CloudTrailLogGroupName: LOG_GROUP }, template: 'not the template' },
    });

    const { code, stdout } = await doctor();

    expect(code).toBe(0);
    expect(stdout).toContain(`delivers to log group ${LOG_GROUP}`);
    expect(cloudFormation.requests.map(({ action }) => action)).not.toContain('GetTemplate');
  });
});
