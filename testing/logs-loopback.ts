/**
 * A loopback stand-in for CloudWatch Logs FilterLogEvents (AWS JSON 1.1,
 * `X-Amz-Target: Logs_20140328.FilterLogEvents`) over log groups seeded by the test, and
 * DescribeSubscriptionFilters over their seeded filters. Point the real SDK at it with
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS. Pages are small (`pageSize`) so that callers
 * must follow nextToken, as they must against AWS, whose pages can even be empty.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
 */
import type { ServerResponse } from 'node:http';
import { parseJson, parsePattern } from './filter-pattern.js';
import {
  type CommonReply,
  errorBody,
  type JsonLoopback,
  type LoopbackOptions,
  sendJson,
  startJsonLoopback,
} from './json-loopback.js';

export type { JsonRequest } from './json-loopback.js';

export interface SeededEvent {
  readonly timestamp: number;
  readonly message: string;
  /** Default: the stream CloudTrail writes to, `123456789012_CloudTrail_us-east-1`. */
  readonly logStreamName?: string;
  /** Default: one second after `timestamp`. */
  readonly ingestionTime?: number;
}

export interface SeededSubscriptionFilter {
  readonly filterName: string;
  readonly filterPattern: string;
  readonly destinationArn: string;
}

export type LogsReply = CommonReply;

export interface LoopbackLogsOptions extends LoopbackOptions<LogsReply> {
  readonly groups?: Record<string, readonly SeededEvent[]>;
  /** The subscription filters of a log group; the group exists even without events. */
  readonly subscriptionFilters?: Record<string, readonly SeededSubscriptionFilter[]>;
  /** At most this many events per page, whatever `limit` says. Default 50. */
  readonly pageSize?: number;
}

export interface LoopbackLogs extends JsonLoopback {
  /** Adds events to a log group, creating the group if needed. */
  append(logGroupName: string, events: readonly SeededEvent[]): void;
}

interface StoredEvent {
  readonly eventId: string;
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
}

type Input = Record<string, unknown>;

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_LIMIT = 10_000;

export async function startLoopbackLogs(options: LoopbackLogsOptions = {}): Promise<LoopbackLogs> {
  const groups = new Map<string, StoredEvent[]>();
  let sequence = 0;
  const append = (logGroupName: string, events: readonly SeededEvent[]) => {
    const stored = groups.get(logGroupName) ?? [];
    for (const event of events) stored.push(toStored(event, sequence++));
    // FilterLogEvents returns events in timestamp order; the sort is stable for equal timestamps.
    stored.sort((a, b) => a.timestamp - b.timestamp);
    groups.set(logGroupName, stored);
  };
  for (const [name, events] of Object.entries(options.groups ?? {})) append(name, events);
  for (const name of Object.keys(options.subscriptionFilters ?? {})) append(name, []);

  const loopback = await startJsonLoopback<LogsReply>(options, (request, reply, { res }) => {
    if (reply.kind === 'error') return sendError(res, reply.status, reply.code, reply.message ?? reply.code);
    if (request.operation === 'DescribeSubscriptionFilters') {
      const name = String(request.body.logGroupName);
      if (!groups.has(name))
        return sendError(res, 400, 'ResourceNotFoundException', 'The specified log group does not exist.');
      const prefix = String(request.body.filterNamePrefix ?? '');
      const filters = (options.subscriptionFilters?.[name] ?? []).filter(({ filterName }) =>
        filterName.startsWith(prefix),
      );
      return sendJson(res, 200, CONTENT_TYPE, {
        subscriptionFilters: filters.map((filter) => ({
          ...filter,
          logGroupName: name,
          distribution: 'ByLogStream',
          creationTime: Date.UTC(2026, 0, 5, 9),
        })),
      });
    }
    if (request.operation !== 'FilterLogEvents') {
      return sendError(
        res,
        400,
        'UnknownOperationException',
        `The loopback does not implement ${request.operation}`,
      );
    }
    const invalid = invalidParameter(request.body);
    if (invalid) return sendError(res, 400, 'InvalidParameterException', invalid);
    const events = groups.get(groupNameOf(request.body));
    if (!events)
      return sendError(res, 400, 'ResourceNotFoundException', 'The specified log group does not exist.');
    const matches = parsePattern(request.body.filterPattern);
    if (!matches) return sendError(res, 400, 'InvalidParameterException', 'Invalid filter pattern');
    const offset = offsetOf(request.body.nextToken);
    if (offset === undefined)
      return sendError(res, 400, 'InvalidParameterException', 'The specified nextToken is invalid.');
    const selected = events.filter((event) => inRange(event, request.body) && matches(event.message));
    const size = Math.min(Number(request.body.limit ?? MAX_LIMIT), options.pageSize ?? 50);
    const end = offset + size;
    // searchedLogStreams is deprecated and always empty at AWS; it is left out.
    return sendJson(res, 200, CONTENT_TYPE, {
      events: selected.slice(offset, end),
      ...(end < selected.length ? { nextToken: tokenOf(end) } : {}),
    });
  });
  return { ...loopback, append };
}

function toStored(event: SeededEvent, sequence: number): StoredEvent {
  return {
    // AWS event ids are 56 decimal digits; these sort like the events.
    eventId: `${String(event.timestamp).padStart(20, '0')}${String(sequence).padStart(36, '0')}`,
    logStreamName: event.logStreamName ?? '123456789012_CloudTrail_us-east-1',
    timestamp: event.timestamp,
    message: event.message,
    ingestionTime: event.ingestionTime ?? event.timestamp + 1000,
  };
}

/** The request checks AWS makes before it looks at the log group. */
function invalidParameter(input: Input): string | undefined {
  if ((input.logGroupName === undefined) === (input.logGroupIdentifier === undefined)) {
    return 'Exactly one of logGroupName and logGroupIdentifier must be specified.';
  }
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    return 'Cannot specify both logStreamNames and logStreamNamePrefix.';
  }
  const limit = input.limit;
  if (
    limit !== undefined &&
    (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIMIT)
  ) {
    return `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_LIMIT}`;
  }
  return undefined;
}

/** A logGroupIdentifier may be the name or the ARN (`arn:aws:logs:<region>:<account>:log-group:<name>[:*]`). */
function groupNameOf(input: Input): string {
  const name = String(input.logGroupName ?? input.logGroupIdentifier);
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*)?$/.exec(name);
  return arn?.[1] ?? name;
}

/** startTime and endTime are both inclusive: AWS leaves out events before the one and after the other. */
function inRange(event: StoredEvent, input: Input): boolean {
  const streams = Array.isArray(input.logStreamNames) ? (input.logStreamNames as string[]) : undefined;
  const prefix = typeof input.logStreamNamePrefix === 'string' ? input.logStreamNamePrefix : '';
  return (
    (input.startTime === undefined || event.timestamp >= Number(input.startTime)) &&
    (input.endTime === undefined || event.timestamp <= Number(input.endTime)) &&
    (streams === undefined || streams.includes(event.logStreamName)) &&
    event.logStreamName.startsWith(prefix)
  );
}

function tokenOf(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function offsetOf(token: unknown): number | undefined {
  if (token === undefined) return 0;
  const parsed = parseJson(Buffer.from(String(token), 'base64url').toString('utf8'));
  const offset =
    typeof parsed === 'object' && parsed !== null ? (parsed as { offset?: unknown }).offset : undefined;
  return Number.isInteger(offset) && (offset as number) >= 0 ? (offset as number) : undefined;
}

/** CloudWatch Logs errors carry the bare code in `__type`. */
function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, CONTENT_TYPE, errorBody(code, message));
}
