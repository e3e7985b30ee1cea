/**
 * `npm run doctor` on the trail that feeds the log group (see doctor.test.ts for the set-up): it
 * must exist, record every region and the management events sign-ins are, log, and deliver.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from '../support/cli.js';
import { findingsOf } from '../support/doctor-output.js';
import {
  deployedTemplate,
  healthyTrail,
  LOG_GROUP,
  startDeployedStack,
  type World,
} from '../support/doctor-stack.js';
import type { Template } from '../support/template.js';

let template: Template;
beforeAll(async () => {
  template = await deployedTemplate();
});
afterEach(cleanUp);

const TRAIL_ARN = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/management-events';

/** The doctor's findings on the world, and its exit code. */
async function diagnose(world: World, args: string[] = []) {
  const stack = await startDeployedStack(template, world);
  const { code, stdout } = await stack.doctor(args);
  return { code, findings: findingsOf(stdout), stack };
}

describe('doctor on the trail', () => {
  it('fails on a single-region trail and gives the command that makes it multi-region', async () => {
    const { code, findings } = await diagnose({ trails: [{ ...healthyTrail(), isMultiRegionTrail: false }] });

    expect(code).toBe(1);
    expect(findings).toContainEqual({
      status: 'FAIL',
      text: "trail management-events records only eu-west-1: sign-ins through other regions' endpoints never reach the log group",
      details: [],
      fix: `make it multi-region: aws cloudtrail update-trail --name ${TRAIL_ARN} --is-multi-region-trail --region eu-west-1`,
    });
  });

  it('fails on a trail that is not logging, and on one that fails to deliver', async () => {
    const { code, findings } = await diagnose({
      trails: [{ ...healthyTrail(), isLogging: false, latestDeliveryError: 'CloudWatch Logs AccessDenied' }],
    });

    expect(code).toBe(1);
    expect(findings.filter(({ status }) => status === 'FAIL')).toMatchObject([
      {
        text: 'trail management-events is not logging: no sign-in reaches the log group',
        fix: `start it: aws cloudtrail start-logging --name ${TRAIL_ARN} --region eu-west-1`,
      },
      {
        text: expect.stringMatching(
          /^trail management-events fails to deliver to .*: CloudWatch Logs AccessDenied; last delivered .*\(4 minutes ago\)$/,
        ),
        fix: expect.stringContaining(
          'must allow logs:CreateLogStream and logs:PutLogEvents on the log group',
        ),
      },
    ]);
  });

  it('only warns when the last delivery is over an hour old', async () => {
    const stale = new Date(Date.now() - 3 * 3_600_000);
    const { code, findings } = await diagnose({ trails: [{ ...healthyTrail(), latestDeliveryTime: stale }] });

    expect(code).toBe(0);
    expect(findings).toContainEqual(
      expect.objectContaining({
        status: 'WARN',
        text: expect.stringMatching(
          /^trail management-events last delivered to CloudWatch Logs .*\(3 hours ago\)$/,
        ),
      }),
    );
  });

  it('fails when no trail delivers to the log group, and names the log groups trails deliver to', async () => {
    const { code, findings, stack } = await diagnose({
      trails: [
        {
          name: 'virginia',
          homeRegion: 'us-east-1',
          logGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:trail:*',
        },
        { name: 'no-logs', homeRegion: 'eu-west-1' },
        {
          name: 'organization',
          account: '999999999999',
          homeRegion: 'eu-west-1',
          isOrganizationTrail: true,
          logGroupArn: `arn:aws:logs:eu-west-1:999999999999:log-group:${LOG_GROUP}:*`,
        },
      ],
    });

    expect(code).toBe(1);
    expect(findings.filter(({ text }) => /^(no )?trail /.test(text))).toEqual([
      {
        status: 'FAIL',
        text: `no trail delivers to log group ${LOG_GROUP} in eu-west-1: no sign-in reaches the notifier`,
        details: [
          'trail virginia delivers to arn:aws:logs:us-east-1:111122223333:log-group:trail:*',
          `trail organization delivers to arn:aws:logs:eu-west-1:999999999999:log-group:${LOG_GROUP}:* (an organization trail delivers to a log group of its management account: deploy the notifier there)`,
        ],
        fix: expect.stringContaining('--param="cloudTrailLogGroup=<the log group your trail delivers to>"'),
      },
    ]);
    expect(stack.cloudTrail.requests.map(({ operation }) => operation)).toEqual(['DescribeTrails']);
  });

  it('fails on a trail whose selectors keep only read-only management events', async () => {
    const readOnly = [
      { Field: 'eventCategory', Equals: ['Management'] },
      { Field: 'readOnly', Equals: ['true'] },
    ];
    const { code, findings } = await diagnose({
      trails: [{ ...healthyTrail(), advancedEventSelectors: [{ Name: 'Reads', FieldSelectors: readOnly }] }],
    });

    expect(code).toBe(1);
    expect(findings).toContainEqual(
      expect.objectContaining({
        status: 'FAIL',
        text: 'trail management-events does not record write management events: sign-ins (ConsoleLogin is one) never reach the log group',
      }),
    );
  });

  it.each([
    [
      'classic write-only selectors',
      { eventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] },
    ],
    [
      'an advanced selector on management events',
      { advancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] },
    ],
  ])('accepts %s, and an organization trail of this account', async (_case, selectors) => {
    const { code, findings } = await diagnose({
      trails: [{ ...healthyTrail(), isOrganizationTrail: true, ...selectors }],
    });

    expect(code).toBe(0);
    expect(findings.map(({ text }) => text)).toEqual(
      expect.arrayContaining([
        `trail management-events (organization trail, home eu-west-1) delivers to log group ${LOG_GROUP}`,
        'trail management-events records management events, sign-ins included',
      ]),
    );
  });
});
