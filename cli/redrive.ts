/**
 * `npm run redrive -- --queue-url URL [--execute]`: announces what waits in the on-failure queue,
 * and deletes each message once everything in it is announced. It reads the notifier's parked
 * sign-ins and parked deliveries, and Lambda's own failure records (the delivery is under
 * `requestPayload`). Sign-ins go through the same dedupe table, so redriving twice, or redriving a
 * delivery whose other sign-ins were announced, announces nothing twice. A dry run (the default)
 * prints what would be announced and leaves the queue as it is.
 */
import './shared/quiet.js';
import { DeleteMessageCommand, type Message, SQSClient } from '@aws-sdk/client-sqs';
import { type QueueMessage, readQueueMessage } from '../src/guarantees/parked-message.js';
import { announceRecords } from '../src/pipeline/announce-records.js';
import { handleDelivery } from '../src/pipeline/handle-delivery.js';

import { decodeDelivery, recordsOf } from '../src/sources/cloudwatch-logs.js';
import { decodeEvent, recordsOfEvent } from '../src/sources/eventbridge.js';
import { readEachMessageOnce } from './redrive/read-queue.js';
import { COMMAND_RETRIES, runCommand } from './shared/command.js';
import { PIPELINE_OPTIONS, parseFlags, UsageError } from './shared/flags.js';
import { type CommandPipeline, forOnePage, pipelineFrom, preview } from './shared/pipeline.js';

const USAGE = `usage: npm run redrive -- --queue-url URL [--execute] [--max N]
                         [--topic-arn ARN] [--dedupe-table NAME] [--region REGION]
  URL is the stack output FailedDeliveriesQueueUrl. REGION defaults to AWS_REGION, then
  AWS_DEFAULT_REGION, then the region in the URL.
  Without --execute: a dry run that prints what would be announced and deletes nothing.
  Exit codes: 0 all done, 1 something was kept in the queue or failed, 2 bad usage.
  --topic-arn and --dedupe-table default to TOPIC_ARN and DEDUPE_TABLE_NAME; use the stack's.`;

const OPTIONS = { ...PIPELINE_OPTIONS, 'queue-url': { type: 'string' }, max: { type: 'string' } } as const;
const DRY_RUN_VISIBILITY_SECONDS = 30;

/** What to do about a message that redrive cannot announce by itself. */
const HINTS: Record<string, string> = {
  RecordError:
    ' (a record over the size cap or one that cannot be rendered: read it with `aws sqs receive-message`, tell the account owners by hand, then delete it)',
  EventDecodeError:
    ' (not an AWS Sign-In event with a CloudTrail record: read it with `aws sqs receive-message`, then delete it)',
  DeliveryDecodeError:
    ' (a delivery that cannot be read or is over a cap: read it with `aws sqs receive-message` and look for sign-ins by hand, or `npm run replay` its time window, then delete it)',
  ClaimHeldError: ' (another run or the notifier is announcing it right now: redrive again in two minutes)',
};

/** A parked sign-in already passed the notifier's user lists: the operator's own do not apply to it. */
function unfiltered(pipeline: CommandPipeline): CommandPipeline {
  return { ...pipeline, config: { ...pipeline.config, allowlist: undefined, denylist: [] } };
}

/** Where the records of a fast-path event came from, as the notifier would have said. */
const eventOrigin = { via: 'eventbridge', logGroup: 'eventbridge', logStream: 'redrive' } as const;

/** Announces one message's content; throws when something in it could not be announced. */
async function redriveOne(item: QueueMessage, pipeline: CommandPipeline): Promise<string> {
  if (item.kind === 'records') {
    const report = await announceRecords(item.records, item, forOnePage(unfiltered(pipeline)));
    return `announced ${report.announced}, already announced ${report.duplicates}`;
  }
  if (item.kind === 'delivery') {
    const report = await handleDelivery(item.event, forOnePage(pipeline));
    return `delivery: announced ${report.announced} of ${report.signIns} sign-ins, already announced ${report.duplicates}`;
  }
  if (item.kind === 'event') {
    // Pass the event's own decoding errors on: handleEvent counts them and goes on, as the Lambda must.
    const records = recordsOfEvent(decodeEvent(item.event));
    const report = await announceRecords(records, eventOrigin, forOnePage(pipeline));
    return `EventBridge event: announced ${report.announced}, already announced ${report.duplicates}`;
  }
  throw new Error(item.why);
}

async function previewOne(item: QueueMessage, pipeline: CommandPipeline): Promise<string[]> {
  if (item.kind === 'records') return preview(item.records, unfiltered(pipeline));
  if (item.kind === 'unknown') return [`  cannot redrive: ${item.why}`];
  try {
    const records =
      item.kind === 'event' ? recordsOfEvent(decodeEvent(item.event)) : recordsOf(decodeDelivery(item.event));
    return preview(records, pipeline);
  } catch (error) {
    return [`  cannot redrive: ${(error as Error).message}`];
  }
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
  const region = regionOf(flags.region, queueUrl);
  const pipeline = pipelineFrom(flags, region);
  const sqs = new SQSClient({ ...COMMAND_RETRIES, ...(region ? { region } : {}) });
  console.error(
    `redrive ${queueUrl} (${flags.execute ? 'announcing and deleting' : 'dry run: nothing is published or deleted'})`,
  );

  let kept = 0;
  const { read, held } = await readEachMessageOnce(
    sqs,
    queueUrl,
    { max, visibilitySeconds: flags.execute ? 120 : DRY_RUN_VISIBILITY_SECONDS, keepVisible: !flags.execute },
    async (message) => {
      kept += (await handle(message, sqs, queueUrl, pipeline, flags.execute)) ? 0 : 1;
    },
  );
  const missed = held !== undefined && read < Math.min(held, max);
  console.error(
    `done: ${read} messages read${flags.execute ? `, ${read - kept} redriven and deleted, ${kept} kept` : ''}` +
      (missed ? `; the queue held ${held}: run again for the rest` : ''),
  );
  return kept > 0 || missed ? 1 : 0;
}

/**
 * The region of the queue: --region, then AWS_REGION and AWS_DEFAULT_REGION as the AWS CLI reads
 * them, then the one in the queue's URL (https://sqs.<region>.amazonaws.com/<account>/<name>).
 */
function regionOf(flag: string | undefined, queueUrl: string): string | undefined {
  const fromUrl = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//.exec(queueUrl)?.[1];
  return flag ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? fromUrl;
}

/** Returns false when the message stays in the queue because something in it is not announced. */
async function handle(
  message: Message,
  sqs: SQSClient,
  queueUrl: string,
  pipeline: CommandPipeline,
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
