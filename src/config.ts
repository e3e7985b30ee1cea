/**
 * The notifier's configuration, read from the environment and validated once at cold start.
 * A bad value throws a ConfigError that names the variable, so a broken deploy fails loudly.
 */
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

  if (problems.length > 0 || topic === undefined) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return { ...topic, allowlist, denylist: denylist ?? [], dedupeTable, parkingQueueUrl };
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
