/**
 * The pipeline the commands run sign-ins through (the Lambda's own, with the same dedupe table),
 * and a preview of what it would announce, for dry runs.
 */
import { createAccountNames } from '../../src/accounts/account-names.js';
import { createDynamoClient, createSnsClient } from '../../src/aws-clients.js';
import { readConfig } from '../../src/config.js';
import { planAnnouncements } from '../../src/decide/plan.js';
import { createDynamoDbDedupeStore } from '../../src/guarantees/dynamodb-dedupe-store.js';
import { budgetFor } from '../../src/pipeline/budget.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';
import { toNotification } from '../../src/render/notification.js';
import type { SourceRecord } from '../../src/shared/source-record.js';
import { UsageError } from './flags.js';

const DRY_RUN_TOPIC = 'arn:aws:sns:us-east-1:000000000000:dry-run';
/**
 * The budget of one page of replay or one message of redrive: its claims hold this long (and a
 * margin), and nothing of it is published after they lapse, so a slow run never announces what
 * another run may have taken over.
 */
const PAGE_BUDGET_MS = 120_000;

/** The pipeline of a command, before each page of work gets a budget of its own. */
export type CommandPipeline = Omit<Pipeline, 'budget'>;

/** The pipeline for one page of work, with a budget that starts now. */
export function forOnePage(pipeline: CommandPipeline): Pipeline {
  return { ...pipeline, budget: budgetFor(PAGE_BUDGET_MS) };
}

/**
 * The Lambda's pipeline: its topic and dedupe table, from flags or the same environment variables.
 * Unlike the Lambda, a command is in no hurry: it refuses to announce without the dedupe table,
 * and stops rather than announce when the table cannot be reached.
 */
export function pipelineFrom(
  flags: { execute?: boolean; 'topic-arn'?: string; 'dedupe-table'?: string },
  region: string | undefined,
): CommandPipeline {
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
    ? createDynamoDbDedupeStore(createDynamoClient(region), config.dedupeTable, { failOpen: false })
    : undefined;
  // ACCOUNT_NAMES only: the commands ask Organizations nothing with the operator's credentials.
  const accountNames = createAccountNames({ static: config.accountNames });
  return { config, sns: createSnsClient(config.topicRegion), dedupe, accountNames };
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
    const name = pipeline.config.accountNames.get(signIn.account);
    const { severity, subject } = toNotification(signIn, `#${record.position}`, { accountName: name });
    const verb = signIn.eventId && announced.has(signIn.eventId) ? 'already announced' : 'would announce';
    return `  ${verb} [${severity}] ${subject}  (eventID ${signIn.eventId ?? 'none'})`;
  });
  for (const skipped of plan.skipped)
    lines.push(`  would skip record ${skipped.record.position}: ${skipped.why}`);
  for (const record of plan.oversized)
    lines.push(`  would park record ${record.position}: over the size cap`);
  return lines;
}
