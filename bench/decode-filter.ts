/**
 * Step 2: decode + filter of one 3000-record delivery whose sign-ins the user lists silence, as the
 * handler runs it at the deployed log level (INFO, its lines written to a sink), against the least
 * any decoder must do: base64 + gunzip + JSON.parse of the payload. Runs alternate between the candidates after a
 * warm-up, each after a full collection so that none pays for the garbage of the one before.
 * On a shared VM the timings come in phases where everything runs about twice as slow, so the
 * best run of each is printed too.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { type Config, readConfig } from '../src/config.js';
import { planAnnouncements } from '../src/decide/plan.js';
import { logPlan } from '../src/observability/decision-log.js';
import { logger } from '../src/observability/logger.js';
import { decodeDelivery, recordsOf } from '../src/sources/cloudwatch-logs.js';
import { deliveryOf } from '../testing/deliveries.js';
import { distinctSignIns, TOPIC_ARN } from './environment.js';
import { type BenchResult, line, median, ms, ratio } from './stats.js';

const GOAL = 2;
const RECORDS = 3000;

type Event = ReturnType<typeof deliveryOf>;

/** The notifier's path up to the decision and its log, without claiming, rendering or publishing. */
function decodeAndFilter(event: Event, config: Config): number {
  const delivery = decodeDelivery(event);
  const plan = planAnnouncements(recordsOf(delivery), config);
  logPlan(plan, { via: 'cloudwatch-logs', logGroup: delivery.logGroup, logStream: delivery.logStream });
  return plan.candidates.length;
}

/** Standard output replaced by a sink that counts what the logger gives it, with the logger at INFO. */
function logsToSink(): { lines: () => number; restore: () => void } {
  const write = process.stdout.write;
  let lines = 0;
  process.stdout.write = (() => {
    lines++;
    return true;
  }) as typeof process.stdout.write;
  logger.setLogLevel('INFO');
  return {
    lines: () => lines,
    restore: () => {
      logger.setLogLevel('SILENT');
      process.stdout.write = write;
    },
  };
}

function gunzipParse(event: Event): { logEvents: { message: string }[] } {
  return JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'));
}

function gunzipParseEach(event: Event): number {
  let fields = 0;
  for (const { message } of gunzipParse(event).logEvents) fields += Object.keys(JSON.parse(message)).length;
  return fields;
}

function timed(work: () => unknown, collectGarbage: () => void): number {
  collectGarbage();
  const start = performance.now();
  work();
  return performance.now() - start;
}

export function decodeFilter(runs = 40, warmup = 5): BenchResult {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  const event = deliveryOf(distinctSignIns(RECORDS));
  const config = readConfig({
    TOPIC_ARN,
    // Patterns of the kinds people write, which none of the 3000 sign-ins matches: all silenced.
    USER_ALLOWLIST: '*@example.org,nobody,arn:aws:iam::999999999999:*,Alice-*,*-admin',
    USER_DENYLIST: 'bench-*,*break-glass*,arn:aws:sts::*:assumed-role/OrganizationAccountAccessRole/*',
  });
  const candidates = {
    decode: () => decodeAndFilter(event, config),
    baseline: () => gunzipParse(event),
    each: () => gunzipParseEach(event),
  };
  const samples = { decode: [] as number[], baseline: [] as number[], each: [] as number[] };
  const sink = logsToSink();
  const names = ['decode', 'baseline', 'each'] as const;
  for (let run = 0; run < warmup + runs; run++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(run + turn) % names.length] as (typeof names)[number];
      const elapsed = timed(candidates[name], collectGarbage);
      if (run >= warmup) samples[name].push(elapsed);
    }
  }
  const linesBefore = sink.lines();
  const announced = decodeAndFilter(event, config);
  const linesPerDelivery = sink.lines() - linesBefore;
  sink.restore();
  const decode = median(samples.decode);
  const baseline = median(samples.baseline);
  const factor = decode / baseline;
  const kb = Math.round(event.awslogs.data.length / 1024);
  console.log(
    `2. Decode + filter of a ${RECORDS}-record delivery (${kb} KiB base64; median of ${runs} runs)`,
  );
  const best = (name: (typeof names)[number]) => Math.min(...samples[name]);
  line(
    `decode + plan + decision log (${announced} to announce, ${linesPerDelivery} log lines)`,
    `${ms(decode)}  (best ${ms(best('decode'))})`,
  );
  line(
    'baseline: base64 + gunzip + JSON.parse of the payload',
    `${ms(baseline)}  (best ${ms(best('baseline'))})`,
  );
  line(`ratio of medians (goal ≤ ${ratio(GOAL)})`, `${ratio(factor)}  ${factor <= GOAL ? 'PASS' : 'MISS'}`);
  line('ratio of best runs (extra info)', ratio(best('decode') / best('baseline')));
  const each = median(samples.each);
  line(
    'extra info, not the goal: + JSON.parse of each message',
    `${ms(each)}  (best ${ms(best('each'))}; decode + filter is ${ratio(decode / each)} of it)`,
  );
  return {
    step: `2. decode + filter, ${RECORDS} records`,
    measured: `${ratio(factor)} (${ms(decode)} vs ${ms(baseline)})`,
    goal: `≤ ${ratio(GOAL)}`,
    pass: factor <= GOAL,
  };
}
