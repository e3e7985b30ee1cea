/**
 * The loopback CloudTrail against the REAL CloudTrail client (AWS JSON 1.1,
 * AWS_ENDPOINT_URL_CLOUDTRAIL): trails of this region and shadow trails of others, a trail's
 * status with its timestamps, and its event selectors, classic or advanced.
 */
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SeededTrail, startLoopbackCloudTrail } from '../../../testing/cloudtrail-loopback.js';
import { caught, closeServed, serve, stubAwsEnvironment } from '../../support/loopback-clients.js';

beforeEach(stubAwsEnvironment);
afterEach(closeServed);

const DELIVERED = new Date('2026-03-01T10:04:05Z');
const LOG_GROUP_ARN = 'arn:aws:logs:eu-west-1:111122223333:log-group:CloudTrail/DefaultLogGroup:*';
const local: SeededTrail = {
  name: 'local',
  homeRegion: 'eu-west-1',
  isMultiRegionTrail: false,
  isLogging: false,
  advancedEventSelectors: [
    { Name: 'Management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
  ],
};
const organization: SeededTrail = {
  name: 'organization',
  isOrganizationTrail: true,
  logGroupArn: LOG_GROUP_ARN,
  latestDeliveryTime: DELIVERED,
  latestDeliveryError: 'AccessDenied',
};
const ORGANIZATION_ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/organization';

const cloudTrailAt = () =>
  serve(
    'CLOUDTRAIL',
    startLoopbackCloudTrail({ region: 'eu-west-1', trails: [local, organization] }),
    () => new CloudTrailClient({}),
  );

describe('loopback CloudTrail', () => {
  it('lists the shadow trails of other regions unless asked not to', async () => {
    const [, client] = await cloudTrailAt();

    const all = await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    const own = await client.send(new DescribeTrailsCommand({ includeShadowTrails: false }));

    expect(all.trailList?.map(({ Name }) => Name)).toEqual(['local', 'organization']);
    expect(all.trailList?.[1]).toMatchObject({
      TrailARN: ORGANIZATION_ARN,
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: true,
      IsOrganizationTrail: true,
      CloudWatchLogsLogGroupArn: LOG_GROUP_ARN,
    });
    expect(own.trailList?.map(({ Name }) => Name)).toEqual(['local']);
  });

  it('gives the status of a shadow trail by its ARN only, with its times as dates', async () => {
    const [, client] = await cloudTrailAt();

    const byArn = await client.send(new GetTrailStatusCommand({ Name: ORGANIZATION_ARN }));
    const byName = await caught(client.send(new GetTrailStatusCommand({ Name: 'organization' })));
    const localByName = await client.send(new GetTrailStatusCommand({ Name: 'local' }));

    expect(byArn).toMatchObject({
      IsLogging: true,
      LatestCloudWatchLogsDeliveryTime: DELIVERED,
      LatestCloudWatchLogsDeliveryError: 'AccessDenied',
    });
    expect(byName).toMatchObject({ name: 'TrailNotFoundException' });
    expect(localByName.IsLogging).toBe(false);
    expect(localByName.LatestCloudWatchLogsDeliveryTime).toBeUndefined();
  });

  it('returns the classic selectors by default and the advanced ones when the trail has them', async () => {
    const [, client] = await cloudTrailAt();

    const classic = await client.send(new GetEventSelectorsCommand({ TrailName: ORGANIZATION_ARN }));
    const advanced = await client.send(new GetEventSelectorsCommand({ TrailName: 'local' }));

    expect(classic.EventSelectors).toEqual([
      { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] },
    ]);
    expect(classic.AdvancedEventSelectors).toBeUndefined();
    expect(advanced.AdvancedEventSelectors).toEqual(local.advancedEventSelectors);
    expect(advanced.EventSelectors).toBeUndefined();
  });
});
