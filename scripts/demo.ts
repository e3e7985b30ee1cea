/**
 * `npm run demo [-- file.json …]`: runs the real handler on CloudWatch Logs deliveries and prints
 * every message a subscriber would receive: subject, attributes and text (or, with --json, the
 * document machine subscribers get). No AWS account needed: SNS is a loopback server that speaks
 * the real wire protocol, reached by the real SDK through AWS_ENDPOINT_URL_SNS.
 *
 * Without files it plays the built-in samples (real CloudTrail records from test/fixtures).
 * A file may hold one CloudTrail record, an array of them, a CloudTrail log file
 * (`{"Records": […]}`), an EventBridge event (`{"detail": …}`) or `aws cloudtrail lookup-events`
 * output; `-` reads standard input. USER_ALLOWLIST / USER_DENYLIST from your environment apply.
 */
import { readFileSync } from 'node:fs';
import { deliveryOf } from './deliveries.js';
import { recordsOf, sampleDeliveries } from './demo-input.js';
import { type LoopbackSns, startLoopbackSns, type WireMessage } from './sns-loopback.js';

interface Options {
  readonly json: boolean;
  readonly files: string[];
}

function parseArguments(argv: readonly string[]): Options {
  const flags = argv.filter((argument) => argument.startsWith('--'));
  for (const flag of flags) {
    if (flag !== '--json' && flag !== '--help') throw new Error(`unknown option ${flag} (try --help)`);
  }
  if (flags.includes('--help')) {
    console.log('usage: npm run demo [-- [--json] [file.json | - ...]]');
    process.exit(0);
  }
  return { json: flags.includes('--json'), files: argv.filter((argument) => !argument.startsWith('--')) };
}

function print(message: WireMessage, json: boolean): void {
  const body = JSON.parse(message.message) as Record<string, string>;
  const attributes = Object.entries(message.attributes)
    .map(([name, { value }]) => `${name}=${value}`)
    .join('  ');
  console.log(`${'='.repeat(100)}\nSubject: ${message.subject}\nAttributes: ${attributes}\n`);
  console.log(json ? JSON.stringify(JSON.parse(body.sqs ?? '{}'), null, 2) : body.email);
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const deliveries = options.files.length
    ? [
        {
          title: options.files.join(', '),
          event: deliveryOf(options.files.flatMap((file) => recordsOf(readInput(file), file))),
        },
      ]
    : sampleDeliveries();

  const sns: LoopbackSns = await startLoopbackSns();
  // Nothing of a real stack: no dedupe table, no parking queue, even when exported for the commands.
  delete process.env.DEDUPE_TABLE_NAME;
  delete process.env.PARKING_QUEUE_URL;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SNS: sns.url,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'demo',
    AWS_SECRET_ACCESS_KEY: 'demo',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TOPIC_ARN: process.env.TOPIC_ARN ?? 'arn:aws:sns:us-east-1:111122223333:console-sign-ins',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  try {
    const { handler } = await import('../src/handler.js');
    for (const { title, event } of deliveries) {
      const before = sns.delivered.length;
      const report = await handler(event);
      for (const message of sns.delivered.slice(before)) print(message, options.json);
      console.log(`\n--- ${title}: ${JSON.stringify(report)}\n`);
    }
    console.log(`${sns.delivered.length} messages published in ${sns.requests.length} SNS requests.`);
  } finally {
    await sns.close();
  }
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
