/**
 * Step 2: decode + filter of one 3000-record delivery, against the least any decoder must do:
 * base64 + gunzip + JSON.parse of the payload. Runs alternate between the candidates after a
 * warm-up, each after a full collection so that none pays for the garbage of the one before.
 * On a shared VM the timings come in phases where everything runs about twice as slow, so the
 * best run of each is printed too.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { type Config, readConfig } from '../src/config.js';
import { decideByUserLists } from '../src/decide/user-lists.js';
import { parseRecord } from '../src/sign-ins/parse-record.js';
import { decodeDelivery } from '../src/sources/cloudwatch-logs.js';
import { deliveryOf } from '../testing/deliveries.js';
import { distinctSignIns, TOPIC_ARN } from './environment.js';
import { type BenchResult, line, median, ms, ratio } from './stats.js';

const GOAL = 2;
const RECORDS = 3000;

type Event = ReturnType<typeof deliveryOf>;

/** The notifier's path up to the decision, without rendering or publishing. */
function decodeAndFilter(event: Event, config: Config): number {
  let announced = 0;
  for (const { message } of decodeDelivery(event).logEvents) {
    const parsed = parseRecord(message);
    if (parsed.kind === 'sign-in' && decideByUserLists(parsed.signIn, config).announce) announced++;
  }
  return announced;
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
    USER_ALLOWLIST: '*@example.com,anaya,root,arn:aws:iam::111122223333:*,Alice,*-admin',
    USER_DENYLIST: 'bench-*,*break-glass*,arn:aws:sts::*:assumed-role/OrganizationAccountAccessRole/*',
  });
  const candidates = {
    decode: () => decodeAndFilter(event, config),
    baseline: () => gunzipParse(event),
    each: () => gunzipParseEach(event),
  };
  const samples = { decode: [] as number[], baseline: [] as number[], each: [] as number[] };
  const names = ['decode', 'baseline', 'each'] as const;
  for (let run = 0; run < warmup + runs; run++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(run + turn) % names.length] as (typeof names)[number];
      const elapsed = timed(candidates[name], collectGarbage);
      if (run >= warmup) samples[name].push(elapsed);
    }
  }
  const decode = median(samples.decode);
  const baseline = median(samples.baseline);
  const factor = decode / baseline;
  const announced = decodeAndFilter(event, config);
  const kb = Math.round(event.awslogs.data.length / 1024);
  console.log(
    `2. Decode + filter of a ${RECORDS}-record delivery (${kb} KiB base64; median of ${runs} runs)`,
  );
  const best = (name: (typeof names)[number]) => Math.min(...samples[name]);
  line(
    `decodeDelivery + parseRecord + decide (${announced} announced)`,
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
