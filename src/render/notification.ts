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
  | 'accountName'
  | 'region'
  | 'severity';

/** `accountName`: the account's name, when the static map or a lookup knows it. */
export function toNotification(signIn: SignIn, key: string, accountName?: string): Notification {
  const severity = severityOf(signIn);
  const subject = renderSubject(signIn, severity, accountName);
  const text = renderEmail(signIn, severity, accountName);
  const document = JSON.stringify(renderDocument(signIn, severity, accountName));
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
