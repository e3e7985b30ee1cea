/**
 * One SNS message per sign-in: subject, `MessageStructure: json` body (text for people, JSON for
 * machines) and the String message attributes that subscription filter policies match on.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-send-custom-platform-specific-payloads-mobile-devices.html
 */
import { type Severity, severityOf } from '../decide/severity.js';
import type { Via } from '../shared/source-record.js';
import type { SignIn } from '../sign-ins/sign-in.js';
import { renderChat } from './chat.js';
import { renderDocument } from './document.js';
import { renderEmail } from './email.js';
import { cleanLine } from './sanitize.js';
import { renderSubject } from './subject.js';

export interface Notification {
  /** Names the sign-in in logs and errors: its eventID, or its position in the delivery. */
  readonly key: string;
  readonly severity: Severity;
  readonly subject: string;
  /** The `MessageStructure: json` document: one key per protocol. */
  readonly message: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export type AttributeName =
  | 'event'
  | 'outcome'
  | 'mfa'
  | 'identityType'
  | 'user'
  | 'account'
  | 'accountName'
  | 'region'
  | 'severity';

/**
 * SNS takes at most 256 KiB per PublishBatch request, and bills a message by 64 KiB chunks; a
 * sign-in's message is about 6 KiB. One over 64 KiB holds hostile strings: it is rendered again
 * with every field cut short. https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
export const MAX_ENTRY_BYTES = 64 * 1024;
const SHORT_FIELD = 64;
const SHORT_LIST = 8;

/**
 * The message of a sign-in, within SNS's limits whatever the record holds. `accountName`: the
 * account's name, when the static map or a lookup knows it.
 */
export function toNotification(
  signIn: SignIn,
  key: string,
  { accountName, via }: { readonly accountName?: string; readonly via?: Via } = {},
): Notification {
  const notification = render(signIn, key, accountName, via);
  if (entryBytes(notification) <= MAX_ENTRY_BYTES) return notification;
  return render(shortened(signIn), key, accountName === undefined ? undefined : cut(accountName), via);
}

/** The bytes an entry adds to a PublishBatch request: message, subject and attributes. */
export function entryBytes(notification: Notification): number {
  let bytes = Buffer.byteLength(notification.message) + Buffer.byteLength(notification.subject);
  for (const [name, value] of Object.entries(notification.attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 'String'.length;
  }
  return bytes;
}

/** The sign-in with every string cut to SHORT_FIELD characters, and every list to a few of them. */
function shortened(signIn: SignIn): SignIn {
  const short = Object.entries(signIn).map(([name, value]) => [
    name,
    typeof value === 'string'
      ? cut(value)
      : Array.isArray(value)
        ? value.slice(0, SHORT_LIST).map((item) => (typeof item === 'string' ? cut(item) : item))
        : value,
  ]);
  return Object.fromEntries(short) as SignIn;
}

/** A field's end shows as …; never half of a surrogate pair at the cut. */
function cut(value: string): string {
  return value.length > SHORT_FIELD
    ? `${value.slice(0, SHORT_FIELD).replace(/[\ud800-\udbff]$/, '')}…`
    : value;
}

function render(
  signIn: SignIn,
  key: string,
  accountName: string | undefined,
  via: Via | undefined,
): Notification {
  const severity = severityOf(signIn);
  const subject = renderSubject(signIn, severity, accountName);
  const text = renderEmail(signIn, severity, accountName);
  const facts = renderDocument(signIn, severity, accountName, via);
  const document = JSON.stringify(facts);
  const chat = JSON.stringify(renderChat(signIn, severity, facts, { subject, accountName }));
  const message = JSON.stringify({
    default: text,
    email: text,
    'email-json': document,
    sqs: document,
    lambda: document,
    http: document,
    // Amazon Q Developer in chat applications subscribes over HTTPS and posts only this shape.
    https: chat,
    firehose: document,
    sms: subject,
  });
  return { key, severity, subject, message, attributes: attributesOf(signIn, severity, accountName) };
}

function attributesOf(
  signIn: SignIn,
  severity: Severity,
  accountName: string | undefined,
): Partial<Record<AttributeName, string>> {
  // SNS rejects empty attribute values and most control characters: clean and never leave one blank.
  const value = (raw: string) => cleanLine(raw, 256) || 'unknown';
  return {
    event: value(signIn.eventName),
    outcome: signIn.outcome,
    mfa: signIn.mfaUsed ? 'Yes' : 'No',
    identityType: value(signIn.identityType),
    user: value(signIn.userName),
    account: value(signIn.account),
    ...(accountName ? { accountName: value(accountName) } : {}),
    region: value(signIn.region),
    severity,
  };
}
