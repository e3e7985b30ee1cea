/**
 * `npm run redrive -- --queue-url URL [--execute]`: announces what waits in the on-failure queue,
 * and deletes each message once everything in it is announced. It reads the notifier's parked
 * sign-ins and parked deliveries, and Lambda's own failure records (the delivery is under
 * `requestPayload`). Sign-ins go through the same dedupe table, so redriving twice, or redriving a
 * delivery whose other sign-ins were announced, announces nothing twice. A dry run (the default)
 * prints what would be announced and leaves the queue as it is.
 */
import './shared/quiet.js';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type QueueMessage, readQueueMessage } from '../src/guarantees/parked-message.js';
import { announceRecords } from '../src/pipeline/announce-records.js';
import { handleDelivery } from '../src/pipeline/handle-delivery.js';
import type { Pipeline } from '../src/pipeline/pipeline.js';
import { decodeDelivery, recordsOf } from '../src/sources/cloudwatch-logs.js';
import { COMMAND_RETRIES, runCommand } from './shared/command.js';
import { PIPELINE_OPTIONS, parseFlags, UsageError } from './shared/flags.js';
import { pipelineFrom, preview } from './shared/pipeline.js';

const USAGE = `usage: npm run redrive -- --queue-url URL [--execute] [--max N]
                         [--topic-arn ARN] [--dedupe-table NAME]
  URL is the stack output FailedDeliveriesQueueUrl.
  Without --execute: a dry run that prints what would be announced and deletes nothing.
  Exit codes: 0 all done, 1 something was kept in the queue or failed, 2 bad usage.
  --topic-arn and --dedupe-table default to TOPIC_ARN and DEDUPE_TABLE_NAME; use the stack's.`;

const OPTIONS = { ...PIPELINE_OPTIONS, 'queue-url': { type: 'string' }, max: { type: 'string' } } as const;
const DRY_RUN_VISIBILITY_SECONDS = 30;

/** What to do about a message that redrive cannot announce by itself. */
const HINTS: Record<string, string> = {
  RecordError:
    ' (a record over the size cap or one that cannot be rendered: read it with `aws sqs receive-message`, tell the account owners by hand, then delete it)',
  DeliveryDecodeError:
    ' (a delivery that cannot be read or is over a cap: read it with `aws sqs receive-message` and look for sign-ins by hand, or `npm run replay` its time window, then delete it)',
  ClaimHeldError: ' (another run or the notifier is announcing it right now: redrive again in two minutes)',
};

/** A parked sign-in already passed the notifier's user lists: the operator's own do not apply to it. */
function unfiltered(pipeline: Pipeline): Pipeline {
  return { ...pipeline, config: { ...pipeline.config, allowlist: undefined, denylist: [] } };
}

/** Announces one message's content; throws when something in it could not be announced. */
async function redriveOne(item: QueueMessage, pipeline: Pipeline): Promise<string> {
  if (item.kind === 'records') {
    const report = await announceRecords(item.records, item, unfiltered(pipeline));
    return `announced ${report.announced}, already announced ${report.duplicates}`;
  }
  if (item.kind === 'delivery') {
    const report = await handleDelivery(item.event, pipeline);
    return `delivery: announced ${report.announced} of ${report.signIns} sign-ins, already announced ${report.duplicates}`;
  }
  throw new Error(item.why);
}

async function previewOne(item: QueueMessage, pipeline: Pipeline): Promise<string[]> {
  if (item.kind === 'records') return preview(item.records, unfiltered(pipeline));
  if (item.kind === 'unknown') return [`  cannot redrive: ${item.why}`];
  let delivery: ReturnType<typeof decodeDelivery>;
  try {
    delivery = decodeDelivery(item.event);
  } catch (error) {
    return [`  cannot redrive: ${(error as Error).message}`];
  }
  return preview(recordsOf(delivery), pipeline);
}

async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, OPTIONS);
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const queueUrl = flags['queue-url'];
  if (!queueUrl) throw new UsageError('--queue-url is required');
  const max = flags.max === undefined ? Number.POSITIVE_INFINITY : Number(flags.max);
  if (!(max > 0)) throw new UsageError('--max must be a positive number');
  const pipeline = pipelineFrom(flags, process.env.AWS_REGION);
  const sqs = new SQSClient(COMMAND_RETRIES);
  console.error(
    `redrive ${queueUrl} (${flags.execute ? 'announcing and deleting' : 'dry run: nothing is published or deleted'})`,
  );

  let seen = 0;
  let kept = 0;
  const previewed: string[] = [];
  const read = new Set<string>();
  while (seen < max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, max - seen),
        WaitTimeSeconds: 1,
        VisibilityTimeout: flags.execute ? 120 : DRY_RUN_VISIBILITY_SECONDS,
      }),
    );
    if (!flags.execute)
      previewed.push(...Messages.flatMap(({ ReceiptHandle }) => (ReceiptHandle ? [ReceiptHandle] : [])));
    // A message read before is back (a kept one after its visibility timeout): the queue is done.
    const fresh = Messages.filter(({ MessageId = '' }) => !read.has(MessageId));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      read.add(message.MessageId ?? '');
      seen++;
      kept += (await handle(message, sqs, queueUrl, pipeline, flags.execute)) ? 0 : 1;
    }
  }
  await makeVisibleAgain(sqs, queueUrl, previewed);
  console.error(
    `done: ${seen} messages read${flags.execute ? `, ${seen - kept} redriven and deleted, ${kept} kept` : ''}`,
  );
  return kept > 0 ? 1 : 0;
}

/** After a dry run, the messages it read are ready at once for the --execute run that follows. */
async function makeVisibleAgain(sqs: SQSClient, queueUrl: string, handles: readonly string[]): Promise<void> {
  for (let start = 0; start < handles.length; start += 10) {
    const Entries = handles
      .slice(start, start + 10)
      .map((ReceiptHandle, index) => ({ Id: String(index), ReceiptHandle, VisibilityTimeout: 0 }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries }));
  }
}

/** Returns false when the message stays in the queue because something in it is not announced. */
async function handle(
  message: Message,
  sqs: SQSClient,
  queueUrl: string,
  pipeline: Pipeline,
  execute: boolean,
) {
  const item = readQueueMessage(message.Body ?? '');
  const label = `message ${message.MessageId}`;
  if (!execute) {
    console.log(`${label}:`);
    for (const line of await previewOne(item, pipeline)) console.log(line);
    return true;
  }
  try {
    const outcome = await redriveOne(item, pipeline);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    console.log(`${label}: ${outcome}; deleted`);
    return true;
  } catch (error) {
    const { name, message: reason } = error as Error;
    // Without the dedupe table, going on could announce twice: stop here.
    if (name === 'DedupeUnavailableError') throw error;
    console.log(`${label}: kept in the queue: ${name}: ${reason}${HINTS[name] ?? ''}`);
    return false;
  }
}

await runCommand(
  'redrive',
  USAGE,
  () => main(process.argv.slice(2)),
  () => ({}),
);
