/**
 * A loopback stand-in for the CloudTrail reads of a trail's health (AWS JSON 1.1,
 * `X-Amz-Target: CloudTrail_20131101.<Op>`): DescribeTrails, GetTrailStatus and GetEventSelectors,
 * over trails seeded by the test and seen from one region (`region`). A trail whose home is another
 * region is a shadow trail there: DescribeTrails lists it unless `includeShadowTrails` is false, and
 * the other two calls find it only by its ARN, as at AWS. Point the real SDK at it with
 * AWS_ENDPOINT_URL_CLOUDTRAIL.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
 */
import {
  type CommonReply,
  errorBody,
  type JsonLoopback,
  type LoopbackOptions,
  sendJson,
  startJsonLoopback,
} from './json-loopback.js';

export type { JsonRequest } from './json-loopback.js';

export interface SeededTrail {
  readonly name: string;
  /** Default `us-east-1`. */
  readonly homeRegion?: string;
  /** Default `111122223333`. */
  readonly account?: string;
  /** Default true. */
  readonly isMultiRegionTrail?: boolean;
  readonly isOrganizationTrail?: boolean;
  /** `CloudWatchLogsLogGroupArn`, e.g. `arn:aws:logs:eu-west-1:111122223333:log-group:CloudTrail/DefaultLogGroup:*`. */
  readonly logGroupArn?: string;
  readonly isLogging?: boolean;
  readonly latestDeliveryTime?: Date;
  readonly latestDeliveryError?: string;
  /** Default: management events, read and write, as the console creates a trail. */
  readonly eventSelectors?: readonly object[];
  /** When set, replaces the classic selectors, as at AWS. */
  readonly advancedEventSelectors?: readonly object[];
}

export type CloudTrailReply = CommonReply;

export interface LoopbackCloudTrailOptions extends LoopbackOptions<CloudTrailReply> {
  readonly trails?: readonly SeededTrail[];
  /** The region the client calls. Default `eu-west-1`. */
  readonly region?: string;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const ALL_MANAGEMENT_EVENTS = [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }];

export async function startLoopbackCloudTrail(
  options: LoopbackCloudTrailOptions = {},
): Promise<JsonLoopback> {
  const region = options.region ?? 'eu-west-1';
  const trails = (options.trails ?? []).map((trail) => ({ ...trail, arn: arnOf(trail) }));
  const home = (trail: SeededTrail) => (trail.homeRegion ?? 'us-east-1') === region;
  /** A shadow trail is found by its ARN only; a trail of this region by its name too. */
  const find = (name: unknown) =>
    trails.find((trail) => trail.arn === name || (home(trail) && trail.name === name));

  return startJsonLoopback<CloudTrailReply>(options, ({ operation, body }, reply, { res }) => {
    if (reply.kind === 'error') return sendError(res, reply.status, reply.code, reply.message);
    switch (operation) {
      case 'DescribeTrails': {
        const names = Array.isArray(body.trailNameList) ? (body.trailNameList as unknown[]) : undefined;
        const listed = trails.filter(
          (trail) =>
            (body.includeShadowTrails !== false || home(trail)) &&
            (!names || names.some((name) => name === trail.arn || name === trail.name)),
        );
        return sendJson(res, 200, CONTENT_TYPE, { trailList: listed.map(describe) });
      }
      case 'GetTrailStatus': {
        const trail = find(body.Name);
        if (!trail) return notFound(res, body.Name);
        return sendJson(res, 200, CONTENT_TYPE, {
          IsLogging: trail.isLogging ?? true,
          LatestCloudWatchLogsDeliveryTime: seconds(trail.latestDeliveryTime),
          LatestCloudWatchLogsDeliveryError: trail.latestDeliveryError,
          StartLoggingTime: seconds(new Date('2026-01-05T09:00:00Z')),
        });
      }
      case 'GetEventSelectors': {
        const trail = find(body.TrailName);
        if (!trail) return notFound(res, body.TrailName);
        return sendJson(res, 200, CONTENT_TYPE, {
          TrailARN: trail.arn,
          ...(trail.advancedEventSelectors
            ? { AdvancedEventSelectors: trail.advancedEventSelectors }
            : { EventSelectors: trail.eventSelectors ?? ALL_MANAGEMENT_EVENTS }),
        });
      }
      default:
        return sendError(
          res,
          400,
          'UnknownOperationException',
          `The loopback does not implement ${operation}`,
        );
    }
  });
}

function arnOf(trail: SeededTrail): string {
  return `arn:aws:cloudtrail:${trail.homeRegion ?? 'us-east-1'}:${trail.account ?? '111122223333'}:trail/${trail.name}`;
}

function describe(trail: SeededTrail & { arn: string }) {
  return {
    Name: trail.name,
    S3BucketName: `aws-cloudtrail-logs-${trail.account ?? '111122223333'}`,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: trail.isMultiRegionTrail ?? true,
    HomeRegion: trail.homeRegion ?? 'us-east-1',
    TrailARN: trail.arn,
    LogFileValidationEnabled: true,
    CloudWatchLogsLogGroupArn: trail.logGroupArn,
    HasCustomEventSelectors: trail.eventSelectors !== undefined || trail.advancedEventSelectors !== undefined,
    HasInsightSelectors: false,
    IsOrganizationTrail: trail.isOrganizationTrail ?? false,
  };
}

/** Timestamps of the AWS JSON protocols are epoch seconds. */
function seconds(date: Date | undefined): number | undefined {
  return date ? date.getTime() / 1000 : undefined;
}

function notFound(res: Parameters<typeof sendJson>[0], name: unknown): void {
  sendError(res, 400, 'TrailNotFoundException', `Unknown trail: ${String(name)} for the user`);
}

function sendError(res: Parameters<typeof sendJson>[0], status: number, code: string, message = code): void {
  sendJson(res, status, CONTENT_TYPE, errorBody(code, message));
}
