/**
 * Turns one CloudTrail record (the `message` of a log event) into a SignIn: the facts a person
 * needs to judge a console sign-in. Real records are often degenerate (missing identity, upper-case
 * `MFAUsed`, non-ISO times, redacted accounts), so every field but the event name is optional and
 * read leniently: a sign-in is announced with what it has rather than dropped.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 */

/** Events announced today; other sign-in events (CheckMfa, SwitchRole, …) will keep their name. */
const ANNOUNCED_EVENTS = new Set(['ConsoleLogin']);

/** Identity types whose MFA is done by an identity provider, not by AWS, and how to say so. */
const FEDERATED_TYPES: ReadonlyMap<string, string> = new Map([
  ['AssumedRole', 'role session'],
  ['FederatedUser', 'federation token'],
  ['IdentityCenterUser', 'IAM Identity Center'],
  ['SAMLUser', 'SAML'],
  ['WebIdentityUser', 'web identity'],
]);

export interface SignIn {
  readonly eventName: string;
  readonly eventId: string | undefined;
  /**
   * As CloudTrail spells it. A record that does not say is a Failure when it carries an error,
   * and otherwise treated as a Success: the worse case for a sign-in alert.
   */
  readonly outcome: 'Success' | 'Failure';
  readonly outcomeReported: boolean;
  readonly mfaUsed: boolean;
  readonly mfaDevice: string | undefined;
  /** CloudTrail's `userIdentity.type`, or `Unknown`. */
  readonly identityType: string;
  /** IAM user name, `root`, or the role session name of an assumed role (e.g. an SSO e-mail). */
  readonly userName: string;
  readonly arn: string | undefined;
  /** The role an assumed-role session comes from. */
  readonly roleArn: string | undefined;
  /** How a federated sign-in came in (`IAM Identity Center`, `SAML (<provider>)`, …); else undefined. */
  readonly federation: string | undefined;
  readonly account: string;
  readonly region: string;
  readonly sourceIp: string | undefined;
  readonly userAgent: string | undefined;
  /** `eventTime` as recorded; `eventTimeOf` reads it when a message is rendered. */
  readonly eventTime: string | undefined;
  readonly failureReason: string | undefined;
  readonly loginTo: string | undefined;
  readonly mobile: boolean;
}

export type ParsedRecord =
  | { readonly kind: 'sign-in'; readonly signIn: SignIn }
  | { readonly kind: 'other-event'; readonly eventName: string }
  | { readonly kind: 'malformed'; readonly reason: string };

export function parseRecord(message: string): ParsedRecord {
  let record: unknown;
  try {
    record = JSON.parse(message);
  } catch (error) {
    return { kind: 'malformed', reason: `not JSON (${(error as Error).message})` };
  }
  if (!isObject(record)) {
    return { kind: 'malformed', reason: 'not a JSON object' };
  }
  const eventName = text(record.eventName);
  if (eventName === undefined) {
    return { kind: 'malformed', reason: 'no eventName: not a CloudTrail record' };
  }
  if (!ANNOUNCED_EVENTS.has(eventName)) {
    return { kind: 'other-event', eventName };
  }
  return { kind: 'sign-in', signIn: toSignIn(eventName, record) };
}

function toSignIn(eventName: string, record: Record<string, unknown>): SignIn {
  const identity = objectAt(record, 'userIdentity');
  const extra = objectAt(record, 'additionalEventData');
  const response = objectAt(record, 'responseElements');
  const issuer = objectAt(objectAt(identity, 'sessionContext'), 'sessionIssuer');

  const reported = text(response[eventName])?.toLowerCase();
  const failureReason = text(record.errorMessage) ?? text(record.errorCode);
  const outcomeReported = reported === 'success' || reported === 'failure';
  const outcome = reported === 'failure' || (!outcomeReported && failureReason) ? 'Failure' : 'Success';

  const identityType = text(identity.type) ?? 'Unknown';
  const arn = text(identity.arn);
  const roleArn = text(issuer.arn);

  return {
    eventName,
    eventId: text(record.eventID),
    outcome,
    outcomeReported,
    mfaUsed: text(extra.MFAUsed)?.toLowerCase() === 'yes',
    mfaDevice: text(extra.MFAIdentifier) ?? text(extra.MfaType),
    identityType,
    userName: displayName(identityType, identity, arn, text(issuer.userName)),
    arn,
    roleArn,
    federation: federationOf(identityType, text(extra.SamlProviderArn), roleArn),
    account: text(record.recipientAccountId) ?? text(identity.accountId) ?? 'unknown',
    region: text(record.awsRegion) ?? 'unknown',
    sourceIp: text(record.sourceIPAddress),
    userAgent: text(record.userAgent),
    eventTime: text(record.eventTime),
    failureReason,
    loginTo: text(extra.LoginTo),
    mobile: text(extra.MobileVersion)?.toLowerCase() === 'yes',
  };
}

/**
 * The name a person recognises. Root is `root` even when CloudTrail gives no name; an IAM user
 * literally named "root" keeps type IAMUser, so the two never read alike. Assumed roles are named
 * by their session (`assumed-role/<role>/<session>`), which for SSO is the user's e-mail.
 */
function displayName(
  type: string,
  identity: Record<string, unknown>,
  arn: string | undefined,
  roleName: string | undefined,
): string {
  if (type === 'Root') return 'root';
  const arnName = arn?.includes('/') ? arn.slice(arn.lastIndexOf('/') + 1) : undefined;
  const principalId = text(identity.principalId);
  const sessionName = principalId?.includes(':')
    ? principalId.slice(principalId.indexOf(':') + 1)
    : undefined;
  if (type === 'AssumedRole' || type === 'FederatedUser') {
    return arnName || sessionName || text(identity.userName) || principalId || roleName || 'unknown';
  }
  return text(identity.userName) || arnName || sessionName || principalId || 'unknown';
}

function federationOf(type: string, samlProvider: string | undefined, roleArn: string | undefined) {
  if (samlProvider) return `SAML (${samlProvider})`;
  if (type === 'IdentityCenterUser' || roleArn?.includes('/aws-reserved/sso.amazonaws.com/')) {
    return 'IAM Identity Center';
  }
  return FEDERATED_TYPES.get(type);
}

/**
 * The sign-in's time, when `eventTime` reads as one. CloudTrail writes ISO 8601 UTC; copies of
 * records often carry `2022-03-16 19:17:41`. Read at render time: deciding does not need it.
 */
export function eventTimeOf({ eventTime: value }: Pick<SignIn, 'eventTime'>): Date | undefined {
  if (value === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = parent[key];
  return isObject(value) ? value : {};
}

/** Strings as they are, numbers and booleans as text (some copies of records carry them), else nothing. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
