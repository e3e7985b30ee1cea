/**
 * One SNS message per sign-in: subject, `MessageStructure: json` body (text for people, JSON for
 * machines) and the String message attributes that subscription filter policies match on.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-send-custom-platform-specific-payloads-mobile-devices.html
 */
import { type Severity, severityOf } from '../decide/severity.js';
import type { SignIn } from '../sign-ins/sign-in.js';
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
  | 'region'
  | 'severity';

/**
 * SNS takes at most 256 KiB per PublishBatch request, and bills a message by 64 KiB chunks; a
 * sign-in's message is about 6 KiB. One over 64 KiB holds hostile strings: it is rendered again
 * with every field cut short. https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
export const MAX_ENTRY_BYTES = 64 * 1024;
const SHORT_FIELD = 64;

/** The message of a sign-in, within SNS's limits whatever the record holds. */
export function toNotification(signIn: SignIn, key: string): Notification {
  const notification = render(signIn, key);
  return entryBytes(notification) <= MAX_ENTRY_BYTES ? notification : render(shortened(signIn), key);
}

/** The bytes an entry adds to a PublishBatch request: message, subject and attributes. */
export function entryBytes(notification: Notification): number {
  let bytes = Buffer.byteLength(notification.message) + Buffer.byteLength(notification.subject);
  for (const [name, value] of Object.entries(notification.attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 'String'.length;
  }
  return bytes;
}

/** The sign-in with every string cut to SHORT_FIELD characters (a field's end shows as …). */
function shortened(signIn: SignIn): SignIn {
  const cut = Object.entries(signIn).map(([name, value]) => [
    name,
    typeof value === 'string' && value.length > SHORT_FIELD
      ? `${value.slice(0, SHORT_FIELD).replace(/[\ud800-\udbff]$/, '')}…`
      : value,
  ]);
  return Object.fromEntries(cut) as SignIn;
}

function render(signIn: SignIn, key: string): Notification {
  const severity = severityOf(signIn);
  const subject = renderSubject(signIn, severity);
  const text = renderEmail(signIn, severity);
  const document = JSON.stringify(renderDocument(signIn, severity));
  const message = JSON.stringify({
    default: text,
    email: text,
    'email-json': document,
    sqs: document,
    lambda: document,
    http: document,
    https: document,
    firehose: document,
    sms: subject,
  });
  return { key, severity, subject, message, attributes: attributesOf(signIn, severity) };
}

function attributesOf(signIn: SignIn, severity: Severity): Record<AttributeName, string> {
  // SNS rejects empty attribute values and most control characters: clean and never leave one blank.
  const value = (raw: string) => cleanLine(raw, 256) || 'unknown';
  return {
    event: value(signIn.eventName),
    outcome: signIn.outcome,
    mfa: signIn.mfaUsed ? 'Yes' : 'No',
    identityType: value(signIn.identityType),
    user: value(signIn.userName),
    account: value(signIn.account),
    region: value(signIn.region),
    severity,
  };
}
