/**
 * What the fast path's stack tests read besides the packaged template: the package-time plan
 * (stack/fast-path-regions.cjs, loaded as osls loads it), the forwarder template as CloudFormation
 * reads it (YAML with short-form tags, parsed with osls' own CloudFormation schema), an
 * `Fn::Sub` filled in for one deploy region, and the matching of an EventBridge pattern.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SERVICE_DIR } from './serverless-package.js';
import type { PolicyStatement, Props, Resource } from './template.js';

const require = createRequire(import.meta.url);
const fromOsls = createRequire(require.resolve('osls/package.json'));
const yaml = fromOsls('js-yaml') as { load(text: string, options: { schema: unknown }): unknown };
const cloudFormationSchema = fromOsls('./lib/utils/serverless-utils/cloudformation-schema.js') as unknown;

export const DEFAULT_SIGN_IN_EVENTS = [
  ...['ConsoleLogin', 'CheckMfa', 'UserAuthentication', 'CredentialVerification'],
  ...['PasswordRecoveryRequested', 'PasswordRecoveryCompleted', 'PasswordUpdated', 'EmailUpdated'],
];
/** The regions of fastPathRegions by default, before the deploy region is added. */
export const DEFAULT_FAST_PATH_REGIONS = ['us-east-1', 'us-east-2', 'eu-north-1', 'ap-southeast-2'];
export const ACCOUNT = '111122223333';

export interface PlanInputs {
  deployRegion: string;
  fastPath: string;
  fastPathRegions: string;
  signInEvents: string;
  service: string;
  stage: string;
}
export interface Plan {
  enabled: string;
  forwarders: string;
  forwarderRegions: string[];
  eventNames: string[];
  eventNameList: string;
  ruleName: string;
  forwarderRuleName: string;
  stackSetName: string;
  administrationRoleName: string;
  executionRoleName: string;
  forwarderRoleName: string;
  forwarderRuleArns: unknown[];
  forwarderStackArns: unknown[];
  cloudFormationPrincipals: string[];
  forwarderDashboardRows: string;
}
interface Resolver {
  planFor(inputs: PlanInputs): Plan;
  forwarderTemplateBody(file?: string): string;
}

export const resolver = require('../../stack/fast-path-regions.cjs') as Resolver;

export const DEFAULT_INPUTS: PlanInputs = {
  deployRegion: 'us-east-1',
  fastPath: 'true',
  fastPathRegions: DEFAULT_FAST_PATH_REGIONS.join(','),
  signInEvents: DEFAULT_SIGN_IN_EVENTS.join(','),
  service: 'console-login-notifier',
  stage: 'prod',
};

export const FORWARDER_TEMPLATE_FILE = join(SERVICE_DIR, 'stack', 'forwarder-template.yml');

export interface ForwarderTemplate {
  readonly Parameters: Record<string, { Type: string; AllowedPattern?: string; Default?: string }>;
  readonly Resources: Record<string, Resource>;
  readonly Outputs: Props;
  readonly Conditions: Props;
}

export async function forwarderTemplateText(): Promise<string> {
  return readFile(FORWARDER_TEMPLATE_FILE, 'utf8');
}

/** The forwarder template as CloudFormation reads it (short forms turned into `Ref`, `Fn::GetAtt`). */
export function parseTemplate(text: string): ForwarderTemplate {
  const parsed = yaml.load(text, { schema: cloudFormationSchema }) as Omit<ForwarderTemplate, 'Conditions'>;
  return { ...parsed, Conditions: {} };
}

/** An `Fn::Sub` ARN as CloudFormation fills it in a stack of this region and account. */
export function subIn(value: unknown, region: string, account = ACCOUNT): string {
  const text = (value as { 'Fn::Sub'?: unknown })['Fn::Sub'];
  if (typeof text !== 'string') throw new Error(`not an Fn::Sub string: ${JSON.stringify(value)}`);
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': region,
    'AWS::AccountId': account,
  };
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    const filled = pseudo[name];
    if (filled === undefined) throw new Error(`\${${name}} is not a pseudo parameter`);
    return filled;
  });
}

/** The value of one condition key of a policy statement, e.g. `ArnEquals` `aws:SourceArn`. */
export function conditionValue(
  statement: PolicyStatement | undefined,
  operator: string,
  key: string,
): unknown {
  const block = statement?.Condition?.[operator] as Props | undefined;
  return block?.[key];
}

/**
 * Whether EventBridge would match this event with this pattern, for the patterns of the stack:
 * every key of the pattern present in the event, a list naming the event's value exactly.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
export function matchesPattern(pattern: Props, event: Props): boolean {
  return Object.entries(pattern).every(([key, wanted]) => {
    const value = event[key];
    if (Array.isArray(wanted)) return wanted.includes(value);
    return typeof value === 'object' && value !== null && matchesPattern(wanted as Props, value as Props);
  });
}
