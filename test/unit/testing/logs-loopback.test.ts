/**
 * The loopback CloudWatch Logs against the REAL CloudWatch Logs client, pointed at it the way the
 * replay command's client is (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS): how the SDK paginates
 * FilterLogEvents, which errors it names, and which ones it retries; the subscription filters of a
 * log group, and the term patterns the doctor reads the notifier's own log group with.
 */
import {
  CloudWatchLogsClient,
  DescribeSubscriptionFiltersCommand,
  FilterLogEventsCommand,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SeededEvent, startLoopbackLogs } from '../../../testing/logs-loopback.js';
import {
  attemptsOf,
  caught,
  closeServed,
  serve,
  stubAwsEnvironment,
} from '../../support/loopback-clients.js';

beforeEach(stubAwsEnvironment);
afterEach(closeServed);

describe('loopback CloudWatch Logs', () => {
  const GROUP = 'aws-cloudtrail-logs-123456789012';
  const START = Date.UTC(2024, 4, 1);
  const END = START + 3_600_000;
  const record = (eventName: string, n: number) =>
    JSON.stringify({ eventName, eventID: `${eventName}-${n}` });
  const at = (timestamp: number, message: string): SeededEvent => ({ timestamp, message });
  /** 110 sign-ins in the hour (two on its bounds), plus what the query must leave out. */
  const events: SeededEvent[] = [
    ...Array.from({ length: 110 }, (_, n) =>
      at(n === 109 ? END : START + n * 30_000, record('ConsoleLogin', n)),
    ),
    ...Array.from({ length: 20 }, (_, n) => at(START + n * 1_000 + 500, record('AssumeRole', n))),
    at(START - 1, record('ConsoleLogin', -1)),
    at(END + 1, record('ConsoleLogin', 999)),
    at(START + 10, 'not json'),
  ];
  const logsAt = (options: Parameters<typeof startLoopbackLogs>[0] = {}) =>
    serve(
      'CLOUDWATCH_LOGS',
      startLoopbackLogs({ groups: { [GROUP]: events }, ...options }),
      () => new CloudWatchLogsClient({}),
    );

  it('pages through the sign-ins of a time range (bounds included) with the filter pattern', async () => {
    const [logs, client] = await logsAt();
    const query = {
      logGroupName: GROUP,
      startTime: START,
      endTime: END,
      filterPattern: '{ $.eventName = "ConsoleLogin" }',
    };

    const pages = [];
    for await (const page of paginateFilterLogEvents({ client }, query)) pages.push(page);

    expect(pages.map(({ events = [] }) => events.length)).toEqual([50, 50, 10]);
    const found = pages.flatMap(({ events = [] }) => events);
    expect(found.map(({ message = '' }) => JSON.parse(message).eventID)).toEqual(
      Array.from({ length: 110 }, (_, n) => `ConsoleLogin-${n}`),
    );
    expect(found[0]).toEqual({
      eventId: expect.stringMatching(/^\d{56}$/),
      logStreamName: '123456789012_CloudTrail_us-east-1',
      timestamp: START,
      message: record('ConsoleLogin', 0),
      ingestionTime: START + 1000,
    });
    expect(pages[0]).not.toHaveProperty('searchedLogStreams');
    expect(logs.requests.map(({ body }) => body.nextToken)).toEqual([
      undefined,
      pages[0]?.nextToken,
      pages[1]?.nextToken,
    ]);
  });

  it('answers ResourceNotFoundException for an unknown log group and rejects a malformed pattern', async () => {
    const [, client] = await logsAt();

    const missing = await caught(client.send(new FilterLogEventsCommand({ logGroupName: 'nope' })));
    const invalid = await caught(
      client.send(
        new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.eventName = "ConsoleLogin" ' }),
      ),
    );

    expect(missing).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    expect(invalid).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid filter pattern' });
  });

  it('lets the SDK retry a scripted 500 ServiceUnavailableException', async () => {
    const [logs, client] = await logsAt({
      reply: (_request, index) =>
        index === 0 ? { kind: 'error', status: 500, code: 'ServiceUnavailableException' } : { kind: 'ok' },
    });

    const page = await client.send(new FilterLogEventsCommand({ logGroupIdentifier: GROUP, limit: 5 }));

    expect(page.events).toHaveLength(5);
    expect(attemptsOf(logs.requests)).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
  });

  it('describes the subscription filters of a log group, which exists even without events', async () => {
    const filter = {
      filterName: 'console-login-notifier-prod',
      filterPattern: '{ $.eventName = "ConsoleLogin" }',
      destinationArn: 'arn:aws:lambda:eu-west-1:123456789012:function:console-login-notifier-prod-notifier',
    };
    const [, client] = await logsAt({ subscriptionFilters: { 'CloudTrail/Other': [filter] } });

    const { subscriptionFilters } = await client.send(
      new DescribeSubscriptionFiltersCommand({ logGroupName: 'CloudTrail/Other' }),
    );
    const none = await client.send(new DescribeSubscriptionFiltersCommand({ logGroupName: GROUP }));
    const missing = await caught(
      client.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'nope' })),
    );

    expect(subscriptionFilters).toEqual([
      {
        ...filter,
        logGroupName: 'CloudTrail/Other',
        distribution: 'ByLogStream',
        creationTime: expect.any(Number),
      },
    ]);
    expect(none.subscriptionFilters).toEqual([]);
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('matches the words and phrases of a term pattern in unstructured and JSON events', async () => {
    const lines = [
      '2026-03-01T10:00:00.000Z\tabc\tERROR\tInvoke Error \t{"errorType":"ConfigError"}',
      '{"level":"ERROR","message":"Delivery failed; Lambda will retry it"}',
      '{"level":"INFO","message":"ERRORS are counted elsewhere"}',
      'START RequestId: abc Version: $LATEST',
    ];
    const [, client] = await logsAt({
      groups: { '/aws/lambda/notifier': lines.map((line) => at(START, line)) },
    });
    const find = async (filterPattern: string) => {
      const { events = [] } = await client.send(
        new FilterLogEventsCommand({ logGroupName: '/aws/lambda/notifier', filterPattern }),
      );
      return events.map(({ message }) => lines.indexOf(message ?? ''));
    };

    expect(await find('ERROR')).toEqual([0, 1]);
    expect(await find('ERROR "Invoke Error"')).toEqual([0]);
    expect(await find('RequestId')).toEqual([3]);
  });
});
