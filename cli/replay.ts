/**
 * `npm run replay -- --log-group G --start T [--end T] [--execute]`: fetches the sign-in records of
 * a time window from the CloudTrail log group (FilterLogEvents, page by page) and runs them through
 * the notifier's own pipeline. A dry run (the default) prints what would be announced; --execute
 * announces, and the dedupe table keeps sign-ins already announced from being announced again.
 * Use it to catch up after an outage, or to check a new deployment.
 */
import './shared/quiet.js';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { announceRecords } from '../src/pipeline/announce-records.js';
import type { AnnounceReport } from '../src/shared/announce-report.js';
import { IncompleteError } from '../src/shared/errors.js';
import type { SourceRecord } from '../src/shared/source-record.js';
import { COMMAND_RETRIES, runCommand } from './shared/command.js';
import { PIPELINE_OPTIONS, parseFlags, UsageError } from './shared/flags.js';
import { forOnePage, pipelineFrom, preview } from './shared/pipeline.js';

const USAGE = `usage: npm run replay -- --log-group NAME --start TIME [--end TIME] [--execute]
                        [--topic-arn ARN] [--dedupe-table NAME] [--region REGION]
  TIME is ISO 8601 with its offset (2026-11-27T10:00:00Z) or a duration back from now (90m, 6h, 2d).
  Without --execute: a dry run that prints what would be announced.
  --topic-arn and --dedupe-table default to TOPIC_ARN and DEDUPE_TABLE_NAME; use the stack's.`;

const OPTIONS = {
  ...PIPELINE_OPTIONS,
  'log-group': { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
} as const;

/** The subscription filter's own pattern: replay sees exactly what the notifier would have seen. */
export const SIGN_IN_PATTERN = '{ $.eventSource = "signin.amazonaws.com" }';

let context: { logGroup?: string; region?: string } = {};

/** ISO 8601 with a time and its offset: a time without one would be read as this machine's local time. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTime(value: string, now = Date.now()): number {
  const ago = /^(\d+)(m|h|d)$/.exec(value);
  if (ago)
    return now - Number(ago[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[ago[2] as 'm' | 'h' | 'd'];
  const time = ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(
      `"${value}" is not a time: give ISO 8601 with its offset (2026-11-27T10:00:00Z, 2026-11-27T11:00:00+01:00) or a duration back from now (90m, 6h, 2d)`,
    );
  }
  return time;
}

async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, OPTIONS);
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const logGroup = flags['log-group'];
  if (!logGroup || !flags.start) throw new UsageError('--log-group and --start are required');
  const startTime = parseTime(flags.start);
  const endTime = flags.end ? parseTime(flags.end) : Date.now();
  if (endTime <= startTime) throw new UsageError('--end must be after --start');
  const region = flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  context = { logGroup, region };
  const pipeline = pipelineFrom(flags, region);
  const logs = new CloudWatchLogsClient({ region, ...COMMAND_RETRIES });

  const mode = flags.execute ? 'announcing' : 'dry run: nothing is published';
  console.error(
    `replay ${logGroup} from ${new Date(startTime).toISOString()} to ${new Date(endTime).toISOString()} (${mode})`,
  );
  const totals = {
    records: 0,
    announced: 0,
    duplicates: 0,
    filtered: 0,
    malformed: 0,
    skipped: 0,
    notAnnounced: 0,
  };
  let nextToken: string | undefined;
  let page = 0;
  do {
    const reply = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: logGroup,
        filterPattern: SIGN_IN_PATTERN,
        startTime,
        endTime,
        nextToken,
      }),
    );
    nextToken = reply.nextToken;
    page++;
    const records: SourceRecord[] = (reply.events ?? []).map((event, index) => ({
      message: event.message ?? '',
      position: totals.records + index,
      logEventId: event.eventId ?? '',
    }));
    totals.records += records.length;
    if (!flags.execute) {
      for (const line of await preview(records, pipeline)) console.log(line);
    } else if (records.length > 0) {
      try {
        add(
          totals,
          await announceRecords(
            records,
            { via: 'cloudwatch-logs', logGroup, logStream: 'replay' },
            forOnePage(pipeline),
          ),
        );
      } catch (error) {
        // Without the dedupe table, going on could announce twice: stop here.
        if ((error as Error).name === 'DedupeUnavailableError') throw error;
        // What the page did announce counts; the rest is not announced (all of it, without a report).
        const report = error instanceof IncompleteError ? error.report : undefined;
        if (report) add(totals, report);
        totals.notAnnounced += report ? notAnnouncedOf(report) : records.length;
        console.error(
          `  page ${page}: not all announced: ${(error as Error).message}; run replay again for this window`,
        );
      }
    }
    const last = reply.events?.at(-1)?.timestamp;
    console.error(
      `  page ${page}: ${totals.records} records so far${last ? `, up to ${new Date(last).toISOString()}` : ''}`,
    );
  } while (nextToken);

  console.error(
    flags.execute
      ? `done: ${totals.records} records, ${totals.announced} announced, ${totals.duplicates} already announced, ${totals.filtered} filtered, ${totals.malformed} malformed, ${totals.skipped} skipped${totals.notAnnounced ? `, ${totals.notAnnounced} not announced (run the window again)` : ''}`
      : `done: ${totals.records} records; run again with --execute to announce them`,
  );
  return totals.notAnnounced > 0 ? 1 : 0;
}

type Totals = Record<'announced' | 'duplicates' | 'filtered' | 'malformed' | 'skipped', number>;

function add(totals: Totals, report: AnnounceReport): void {
  totals.announced += report.announced;
  totals.duplicates += report.duplicates;
  totals.filtered += report.filtered;
  totals.malformed += report.malformed;
  totals.skipped += report.steps + report.notListed + report.otherEvents;
}

/** Sign-ins of a page that were neither announced nor meant to be (filtered, already announced). */
function notAnnouncedOf(report: AnnounceReport): number {
  return report.signIns - report.announced - report.filtered - report.duplicates;
}

await runCommand(
  'replay',
  USAGE,
  () => main(process.argv.slice(2)),
  () => context,
);
