/**
 * What `replay` and `redrive` share: flags, the pipeline they run sign-ins through (the Lambda's
 * own, with the same dedupe table), a preview for dry runs, and plain-language AWS errors.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import type { Pipeline } from '../../src/announce.js';
import { createDynamoClient, createSnsClient } from '../../src/clients.js';
import { readConfig } from '../../src/config.js';
import { createDedupeStore } from '../../src/dedupe.js';
import { toNotification } from '../../src/notification.js';
import { planAnnouncements, type SourceRecord } from '../../src/plan.js';

/**
 * Retries for the commands' own clients: four attempts, 0.5, 1 and 2 s apart, so that throttling
 * is reported within seconds rather than after the SDK's backoff of up to 20 s per attempt.
 */
export const COMMAND_RETRIES = {
  retryStrategy: new ConfiguredRetryStrategy(4, (attempt) => 250 * 2 ** attempt),
};

export const PIPELINE_OPTIONS = {
  execute: { type: 'boolean', default: false },
  'topic-arn': { type: 'string' },
  'dedupe-table': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

const DRY_RUN_TOPIC = 'arn:aws:sns:us-east-1:000000000000:dry-run';

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * The Lambda's pipeline: its topic and dedupe table, from flags or the same environment variables.
 * Unlike the Lambda, a command is in no hurry: it refuses to announce without the dedupe table,
 * and stops rather than announce when the table cannot be reached.
 */
export function pipelineFrom(
  flags: { execute?: boolean; 'topic-arn'?: string; 'dedupe-table'?: string },
  region: string | undefined,
): Pipeline {
  const topicArn = flags['topic-arn'] ?? process.env.TOPIC_ARN;
  const dedupeTable = flags['dedupe-table'] ?? process.env.DEDUPE_TABLE_NAME;
  if (flags.execute && !topicArn)
    throw new UsageError('--execute needs --topic-arn (or TOPIC_ARN): the stack output TopicArn');
  if (flags.execute && !dedupeTable) {
    throw new UsageError(
      '--execute needs --dedupe-table (or DEDUPE_TABLE_NAME): the stack output DedupeTableName; without it, sign-ins already announced would be announced again',
    );
  }
  // A dry run publishes nothing: it needs the user lists, not a topic.
  const config = readConfig({
    ...process.env,
    TOPIC_ARN: topicArn ?? DRY_RUN_TOPIC,
    DEDUPE_TABLE_NAME: dedupeTable,
  });
  const dedupe = config.dedupeTable
    ? createDedupeStore(createDynamoClient(region), config.dedupeTable, { failOpen: false })
    : undefined;
  return { config, sns: createSnsClient(config.topicRegion), dedupe, claimSeconds: 120 };
}

/** What a real run would publish: one line per sign-in (read against the dedupe table), and why others would not be. */
export async function preview(
  records: readonly SourceRecord[],
  pipeline: Pick<Pipeline, 'config' | 'dedupe'>,
): Promise<string[]> {
  const plan = planAnnouncements(records, pipeline.config);
  const eventIds = plan.candidates.flatMap(({ signIn }) => (signIn.eventId ? [signIn.eventId] : []));
  const announced = (await pipeline.dedupe?.announcedAmong(eventIds)) ?? new Set<string>();
  const lines = plan.candidates.map(({ signIn, record }) => {
    const { severity, subject } = toNotification(signIn, `#${record.position}`);
    const verb = signIn.eventId && announced.has(signIn.eventId) ? 'already announced' : 'would announce';
    return `  ${verb} [${severity}] ${subject}  (eventID ${signIn.eventId ?? 'none'})`;
  });
  for (const skipped of plan.skipped)
    lines.push(`  would skip record ${skipped.record.position}: ${skipped.why}`);
  for (const record of plan.oversized)
    lines.push(`  would park record ${record.position}: over the size cap`);
  return lines;
}

/** AWS errors a person can act on; anything else keeps its own message. */
export function explain(error: Error, context: { logGroup?: string; region?: string } = {}): string {
  const name = error.name;
  if (name === 'UsageError' || name === 'ConfigError') return error.message;
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(error.message)) {
    return 'No AWS credentials found: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run `aws sso login`.';
  }
  if (name === 'ResourceNotFoundException' && context.logGroup) {
    return `Log group "${context.logGroup}" does not exist in ${context.region ?? 'this region'}: check --log-group and --region (or AWS_REGION).`;
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(name)) {
    return `AWS is throttling the requests (${name}) even after retries: wait a minute and run again, or narrow the time window. Already announced sign-ins are not announced twice.`;
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') return `Access denied: ${error.message}`;
  if (name === 'DedupeUnavailableError') {
    return `${error.message}. Nothing more was announced: without the table, sign-ins already announced would be announced again.`;
  }
  return `${name}: ${error.message}`;
}

export async function runCommand(
  name: string,
  usage: string,
  main: () => Promise<number>,
  context: () => { logGroup?: string; region?: string },
) {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(`${name}: ${explain(error as Error, context())}`);
    if ((error as Error).name === 'UsageError') console.error(usage);
    process.exitCode = (error as Error).name === 'UsageError' ? 2 : 1;
  }
}
