/**
 * The fast path's handler on the event shapes EventBridge delivers (issue 9): the real envelopes of
 * test/events/eventbridge, both spellings of the console detail-type, an Identity Center sign-in
 * (an AwsServiceEvent record), and events it must skip without failing: another source, a
 * malformed detail, no detail. Each is counted, logged, and never retried in vain.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cloudTrailRecord, readEvent } from '../../testing/events.js';
import { type CloudTrailRecord, coldStart, eventOf, stopNotifier } from '../support/notifier.js';

afterEach(stopNotifier);

const viaOf = (message: string) => (JSON.parse(JSON.parse(message).sqs) as { via: string }).via;

describe('fast path, events as EventBridge delivers them', () => {
  it.each([
    'eventbridge/aws-docs-eventbridge-root-consolelogin-no-version',
    'eventbridge/kintail-assumedrole-consolelogin-captured',
    'eventbridge/ycourtois-iam-user-consolelogin-region-global',
  ])('announces the sign-in of the real envelope %s, via eventbridge', async (name) => {
    const { fastPath, sns } = await coldStart();

    const report = await fastPath(readEvent(name) as never);

    expect(report).toMatchObject({ records: 1, announced: 1 });
    expect(sns.delivered.map(({ message }) => viaOf(message))).toEqual(['eventbridge']);
  });

  it.each(['AWS Console Sign In via CloudTrail', 'AWS Console Signin via CloudTrail'])(
    'reads the detail-type spelled "%s"',
    async (detailType) => {
      const { fastPath, sns } = await coldStart();
      const record = cloudTrailRecord('console-login/aws-docs-ct-root-failure') as CloudTrailRecord;

      await fastPath(eventOf(record, detailType) as never);

      expect(sns.delivered).toHaveLength(1);
    },
  );

  it('announces an Identity Center sign-in, which EventBridge labels AWS Service Event via CloudTrail', async () => {
    const { fastPath, sns } = await coldStart();
    const record = cloudTrailRecord(
      'user-authentication/aws-docs-idc-identitycenteruser-password',
    ) as CloudTrailRecord;

    const report = await fastPath(eventOf(record, 'AWS Service Event via CloudTrail') as never);

    expect(report).toMatchObject({ announced: 1 });
    expect(sns.delivered[0]?.attributes.event?.value).toBe('UserAuthentication');
  });

  it.each([
    [
      'an event of another source',
      {
        ...eventOf(cloudTrailRecord('console-login/aws-docs-ct-root-failure') as CloudTrailRecord),
        source: 'aws.ec2',
      },
    ],
    [
      'a detail that is no CloudTrail record',
      { ...eventOf({ eventID: 'x' } as CloudTrailRecord), detail: 'not an object' },
    ],
    [
      'no detail',
      { id: '1', 'detail-type': 'Scheduled Event', source: 'aws.signin', account: '1', region: 'us-east-1' },
    ],
    ['no event at all', null],
  ])('skips %s, counts and logs it, and succeeds', async (_case, event) => {
    const { fastPath, sns, logger, metrics } = await coldStart();
    const warn = vi.spyOn(logger, 'warn');
    const addMetric = vi.spyOn(metrics, 'addMetric');

    const report = await fastPath(event as never);

    expect(report).toMatchObject({ announced: 0, malformed: 1 });
    expect(sns.requests).toEqual([]);
    expect(warn).toHaveBeenCalledWith('Not an AWS Sign-In event; skipped', expect.any(Object));
    expect(addMetric).toHaveBeenCalledWith('ForeignEvents', 'Count', 1);
  });
});
