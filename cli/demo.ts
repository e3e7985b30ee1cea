/**
 * `npm run demo [-- file.json …]`: runs the notifier's pipeline, as the Lambda handler does, on
 * CloudWatch Logs deliveries and prints every message a subscriber would receive: subject,
 * attributes and text (or, with --json, the document machine subscribers get; with --chat, the
 * card that chat channels get). No AWS account
 * needed, and none is touched: the SNS client's requests stay in the process (demo/capture-sns.ts).
 *
 * Without files it plays the built-in samples (real CloudTrail records from test/events).
 * A file may hold one CloudTrail record, an array of them, a CloudTrail log file
 * (`{"Records": […]}`), an EventBridge event (`{"detail": …}`) or `aws cloudtrail lookup-events`
 * output; `-` reads standard input. USER_ALLOWLIST, USER_DENYLIST, SIGN_IN_EVENTS and ACCOUNT_NAMES
 * from your environment apply (the demo's defaults: every kind, and a name for 111122223333).
 */
import './demo/environment.js';
import { readFileSync } from 'node:fs';
import { createAccountNames } from '../src/accounts/account-names.js';
import { readConfig } from '../src/config.js';
import { DEFAULT_SIGN_IN_EVENTS, OPT_IN_SIGN_IN_EVENTS } from '../src/decide/sign-in-events.js';
import { createMemoryDedupeStore } from '../src/guarantees/memory-dedupe-store.js';
import { handleDelivery } from '../src/pipeline/handle-delivery.js';
import { handleEvent } from '../src/pipeline/handle-event.js';
import { handleInvocation } from '../src/pipeline/handle-invocation.js';
import { type CapturedMessage, createCaptureSns } from './demo/capture-sns.js';
import { demoDelivery, recordsOf, sampleDeliveries } from './demo/inputs.js';

interface Options {
  /** Which body to print: the e-mail text, the JSON document (`--json`) or the chat card (`--chat`). */
  readonly body: 'email' | 'sqs' | 'https';
  readonly files: string[];
}

function parseArguments(argv: readonly string[]): Options {
  const flags = argv.filter((argument) => argument.startsWith('--'));
  for (const flag of flags) {
    if (!['--json', '--chat', '--help'].includes(flag))
      throw new Error(`unknown option ${flag} (try --help)`);
  }
  if (flags.includes('--help')) {
    console.log('usage: npm run demo [-- [--json | --chat] [file.json | - ...]]');
    process.exit(0);
  }
  if (flags.includes('--json') && flags.includes('--chat')) throw new Error('--json and --chat: choose one');
  const body = flags.includes('--json') ? 'sqs' : flags.includes('--chat') ? 'https' : 'email';
  return { body, files: argv.filter((argument) => !argument.startsWith('--')) };
}

function print(message: CapturedMessage, body: Options['body']): void {
  const bodies = JSON.parse(message.message) as Record<string, string>;
  const attributes = Object.entries(message.attributes)
    .map(([name, value]) => `${name}=${value}`)
    .join('  ');
  console.log(`${'='.repeat(100)}\nSubject: ${message.subject}\nAttributes: ${attributes}\n`);
  const text = bodies[body] ?? '';
  console.log(body === 'email' ? text : JSON.stringify(JSON.parse(text), null, 2));
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const deliveries = options.files.length
    ? [
        {
          title: options.files.join(', '),
          event: demoDelivery(options.files.flatMap((file) => recordsOf(readInput(file), file))),
        },
      ]
    : sampleDeliveries();

  const capture = createCaptureSns();
  // Nothing of a real stack: no dedupe table, no parking queue, even when exported for the commands.
  // Every kind, the opt-in ones too, and a name for the documentation account, unless you say otherwise.
  const config = readConfig({
    TOPIC_ARN: process.env.TOPIC_ARN ?? 'arn:aws:sns:us-east-1:111122223333:console-sign-ins',
    USER_ALLOWLIST: process.env.USER_ALLOWLIST,
    USER_DENYLIST: process.env.USER_DENYLIST,
    SIGN_IN_EVENTS:
      process.env.SIGN_IN_EVENTS ?? [...DEFAULT_SIGN_IN_EVENTS, ...OPT_IN_SIGN_IN_EVENTS].join(','),
    ACCOUNT_NAMES: process.env.ACCOUNT_NAMES ?? '111122223333=prod-payments',
  });
  // ACCOUNT_NAMES alone: the demo asks Organizations nothing.
  const accountNames = createAccountNames({ static: config.accountNames });
  // The two paths share one dedupe table: in the demo, one in memory.
  const dedupe = createMemoryDedupeStore();
  for (const { title, event, via, deduped } of deliveries) {
    const before = capture.published.length;
    const report = await handleInvocation(
      event,
      undefined,
      { config, sns: capture.sns, accountNames, ...(deduped ? { dedupe } : {}) },
      via === 'eventbridge' ? handleEvent : handleDelivery,
    );
    for (const message of capture.published.slice(before)) print(message, options.body);
    console.log(`\n--- ${title}: ${JSON.stringify(report)}\n`);
  }
  console.log(`${capture.published.length} messages published in ${capture.requests()} SNS requests.`);
}

function readInput(file: string): unknown {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
}

main().catch((error: Error) => {
  console.error(`demo: ${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`);
  process.exitCode = 1;
});
