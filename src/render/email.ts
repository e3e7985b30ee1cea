/**
 * The e-mail text a person reads: a headline in plain words, a table of the facts, a console link,
 * what the event means and what to do. All strings from the record are cleaned.
 */
import type { Severity } from '../decide/severity.js';
import { eventTimeOf } from '../sign-ins/event-time.js';
import type { SignIn } from '../sign-ins/sign-in.js';
import { adviceOf } from './advice.js';
import { consoleLink } from './console-link.js';
import { cleanLine, FIELD_MAX } from './sanitize.js';
import { headlineOf } from './wording.js';

type Row = [label: string, value: string];

const clean = (value: string) => cleanLine(value, FIELD_MAX);

/** The events whose records say whether MFA was used; the others (root credentials, SwitchRole, …) may not. */
const SIGN_IN_STEPS: ReadonlySet<string> = new Set([
  'ConsoleLogin',
  'CheckMfa',
  'UserAuthentication',
  'CredentialVerification',
  'CredentialChallenge',
]);

/** `prod-payments (210987654321)` when the account has a name, else the bare ID. */
export function accountText(account: string, accountName: string | undefined, max = 40): string {
  const id = cleanLine(account, 40);
  return accountName ? `${cleanLine(accountName, max)} (${id})` : id;
}

export function renderEmail(signIn: SignIn, severity: Severity, accountName?: string): string {
  const field = (value: string | undefined) => (value === undefined ? '(not in the record)' : clean(value));
  const optional = (label: string, value: string | undefined): Row[] =>
    value === undefined ? [] : [[label, clean(value)]];
  const rows: Row[] = [
    ['Event', field(signIn.eventName)],
    ['Outcome', outcomeText(signIn)],
    ['User', `${field(signIn.userName)} (${field(signIn.identityType)})`],
    ['ARN', field(signIn.arn)],
    ...optional('Role', signIn.roleArn),
    ...optional('Switched from', signIn.switchedFrom),
    ['Account', accountText(signIn.account, accountName, FIELD_MAX)],
    ['Region', field(signIn.region)],
    ['Source IP', field(signIn.sourceIp)],
    ['MFA', mfaText(signIn)],
    ...(signIn.credentialTypes.length > 0
      ? ([['Credentials', clean(signIn.credentialTypes.join(', '))]] as Row[])
      : []),
    ['Time', timeText(signIn)],
    ['User agent', field(signIn.userAgent)],
    ...(signIn.outcome !== 'Success' ? ([['Failure reason', field(signIn.failureReason)]] as Row[]) : []),
    ['Signed in to', field(signIn.loginTo)],
    ['Event ID', field(signIn.eventId)],
    ['Severity', severity],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const table = rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
  const link = consoleLink(signIn);
  const advice = adviceOf(signIn, severity);
  return [
    headlineOf(signIn, severity, accountText(signIn.account, accountName), clean),
    '',
    table,
    '',
    link
      ? `See the event in CloudTrail: ${link}`
      : 'No CloudTrail console link: the record lacks a usable event ID or region.',
    ...(advice.length > 0 ? ['', ...advice] : []),
    '',
    '-- console-login-notifier',
  ].join('\n');
}

/** The outcome as a person reads it, saying when the record gave none. */
export function outcomeText(signIn: SignIn): string {
  if (signIn.outcomeReported) return signIn.outcome;
  return signIn.outcome === 'Failure'
    ? 'Failure (the record gives no outcome; inferred from its error)'
    : 'Unknown (the record gives no outcome; rated as a failure)';
}

/** Whether MFA was used, in the words each kind's record allows. */
export function mfaText(signIn: SignIn): string {
  const device = signIn.mfaDevice ? ` (${clean(signIn.mfaDevice)})` : '';
  const types = signIn.credentialTypes;
  if (signIn.eventName === 'CheckMfa') return `Yes: this record is the MFA step${device}`;
  if (!SIGN_IN_STEPS.has(signIn.eventName)) {
    return signIn.mfaUsed ? `Yes${device}` : 'No MFA recorded for this event';
  }
  if (types.includes('EXTERNAL_IDP')) {
    return 'No, as AWS sees it: the external identity provider handles MFA';
  }
  if (signIn.mfaUsed && signIn.eventName === 'CredentialVerification') {
    return 'Yes: this record is the check of a factor beside the password';
  }
  if (signIn.mfaUsed) return `Yes${device}`;
  if (types.length > 0) return 'No: no factor beside the password';
  if (signIn.federation)
    return 'No, as CloudTrail reports every federated sign-in: the identity provider does the MFA';
  return `No${device}`;
}

/** The event time in ISO 8601 UTC, or the record's own string when it is not a time. */
export function timeText(signIn: SignIn): string {
  const time = eventTimeOf(signIn);
  if (time) return time.toISOString().replace('.000Z', 'Z');
  if (signIn.eventTime)
    return `${cleanLine(signIn.eventTime, 64)} (as recorded; not a time CloudTrail writes)`;
  return '(not in the record)';
}
