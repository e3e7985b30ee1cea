/**
 * The notifier's configuration, read from the environment and validated once at cold start.
 * A bad value throws a ConfigError that names the variable, so a broken deploy fails loudly.
 */
import { parseSignInEvents } from './decide/sign-in-events.js';
import type { UserLists } from './decide/user-lists.js';
import { parseUserPatterns, type UserPattern } from './decide/user-pattern.js';
import { ConfigError } from './shared/errors.js';

export interface Config extends UserLists {
  readonly topicArn: string;
  /** SNS is regional: publish in the topic's own region, whatever the Lambda's. */
  readonly topicRegion: string;
  /** Dedupe across invocations; undefined turns it off (the stack always sets it). */
  readonly dedupeTable: string | undefined;
  /** Where sign-ins that cannot be announced are parked; undefined: the invocation fails instead. */
  readonly parkingQueueUrl: string | undefined;
  /** The CloudTrail eventNames to announce (SIGN_IN_EVENTS). */
  readonly signInEvents: ReadonlySet<string>;
  /** Account IDs named by ACCOUNT_NAMES: first in precedence. */
  readonly accountNames: ReadonlyMap<string, string>;
  /** ACCOUNT_NAME_LOOKUP: ask Organizations (and the IAM alias of the notifier's own account), or not. */
  readonly accountNameLookup: 'organizations' | 'off';
}

// https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html: names of 1-256 [A-Za-z0-9_-].
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:([A-Za-z0-9_-]{1,256})(\.fifo)?$/;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const attempt = <T>(variable: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      problems.push(`${variable}: ${(error as Error).message}`);
      return undefined;
    }
  };

  const topic = attempt('TOPIC_ARN', () => parseTopicArn(env.TOPIC_ARN));
  const allowlist = attempt('USER_ALLOWLIST', () => readPatterns(env.USER_ALLOWLIST));
  const denylist = attempt('USER_DENYLIST', () => readPatterns(env.USER_DENYLIST));
  const dedupeTable = attempt('DEDUPE_TABLE_NAME', () => readTableName(env.DEDUPE_TABLE_NAME));
  const parkingQueueUrl = attempt('PARKING_QUEUE_URL', () => readQueueUrl(env.PARKING_QUEUE_URL));
  const signInEvents = attempt('SIGN_IN_EVENTS', () => parseSignInEvents(env.SIGN_IN_EVENTS));
  const accountNames = attempt('ACCOUNT_NAMES', () => readAccountNames(env.ACCOUNT_NAMES));
  const accountNameLookup = attempt('ACCOUNT_NAME_LOOKUP', () => readLookup(env.ACCOUNT_NAME_LOOKUP));

  if (
    problems.length > 0 ||
    topic === undefined ||
    signInEvents === undefined ||
    accountNames === undefined ||
    accountNameLookup === undefined
  ) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return {
    ...topic,
    allowlist,
    denylist: denylist ?? [],
    dedupeTable,
    parkingQueueUrl,
    signInEvents,
    accountNames,
    accountNameLookup,
  };
}

function parseTopicArn(value: string | undefined): { topicArn: string; topicRegion: string } {
  const topicArn = value?.trim() ?? '';
  if (topicArn === '') {
    throw new Error('is not set; it must be the ARN of the SNS topic to announce sign-ins to');
  }
  const match = TOPIC_ARN.exec(topicArn);
  if (match === null) {
    throw new Error(`"${topicArn}" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)`);
  }
  if (match[3] !== undefined) {
    throw new Error(`"${topicArn}" is a FIFO topic; use a standard topic`);
  }
  return { topicArn, topicRegion: match[1] as string };
}

/** An unset or blank variable means "no list"; anything else must be a valid list. */
function readPatterns(value: string | undefined): UserPattern[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return parseUserPatterns(value);
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
function readTableName(value: string | undefined): string | undefined {
  const name = value?.trim();
  if (!name) return undefined;
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(name)) throw new Error(`"${name}" is not a DynamoDB table name`);
  return name;
}

function readQueueUrl(value: string | undefined): string | undefined {
  const url = value?.trim();
  if (!url) return undefined;
  if (
    !URL.canParse(url) ||
    !/^https?:$/.test(new URL(url).protocol) ||
    new URL(url).pathname.split('/').length < 3
  ) {
    throw new Error(`"${url}" is not an SQS queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)`);
  }
  return url;
}

/** `111122223333=prod-payments,444455556666=sandbox`: 12-digit IDs, non-empty names, no ID twice. */
function readAccountNames(value: string | undefined): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  if (value === undefined || value.trim() === '') return names;
  for (const [index, raw] of value.split(',').entries()) {
    const entry = raw.trim();
    const equals = entry.indexOf('=');
    const id = entry.slice(0, equals).trim();
    const name = entry.slice(equals + 1).trim();
    if (entry === '') throw new Error(`entry ${index + 1} is empty (a stray comma?)`);
    if (equals < 0) throw new Error(`"${entry}" is not <account id>=<name>`);
    if (!/^\d{12}$/.test(id)) throw new Error(`"${id}" is not a 12-digit account ID`);
    if (name === '') throw new Error(`account ${id} has an empty name`);
    if (names.has(id)) throw new Error(`account ${id} is named twice`);
    names.set(id, name);
  }
  return names;
}

function readLookup(value: string | undefined): 'organizations' | 'off' {
  const lookup = value?.trim() || 'organizations';
  if (lookup !== 'organizations' && lookup !== 'off') {
    throw new Error(`"${lookup}" is neither "organizations" nor "off"`);
  }
  return lookup;
}
