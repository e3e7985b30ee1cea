/**
 * The e-mail text a person reads: a headline, a table of the facts, a console link and advice.
 * All strings from the record are cleaned.
 */
import type { Severity } from '../decide/severity.js';
import { eventTimeOf } from '../sign-ins/event-time.js';
import type { SignIn } from '../sign-ins/sign-in.js';
import { consoleLink } from './console-link.js';
import { cleanLine, FIELD_MAX } from './sanitize.js';

export function renderEmail(signIn: SignIn, severity: Severity): string {
  const field = (value: string | undefined) =>
    value === undefined ? '(not in the record)' : cleanLine(value, FIELD_MAX);
  const rows: [string, string][] = [
    ['Outcome', outcomeText(signIn)],
    ['User', `${field(signIn.userName)} (${field(signIn.identityType)})`],
    ['ARN', field(signIn.arn)],
    ...(signIn.roleArn ? ([['Role', field(signIn.roleArn)]] as [string, string][]) : []),
    ['Account', field(signIn.account)],
    ['Region', field(signIn.region)],
    ['Source IP', field(signIn.sourceIp)],
    ['MFA', mfaText(signIn)],
    ['Time', timeText(signIn)],
    ['User agent', field(signIn.userAgent)],
    ...(signIn.outcome === 'Failure'
      ? ([['Failure reason', field(signIn.failureReason)]] as [string, string][])
      : []),
    ['Signed in to', field(signIn.loginTo)],
    ['Event ID', field(signIn.eventId)],
    ['Severity', severity],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const table = rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
  const link = consoleLink(signIn);
  return [
    headline(signIn, severity),
    '',
    table,
    '',
    link
      ? `See the event in CloudTrail: ${link}`
      : 'No CloudTrail console link: the record lacks a usable event ID or region.',
    ...advice(signIn, severity),
    '',
    '-- console-login-notifier',
  ].join('\n');
}

function headline(signIn: SignIn, severity: Severity): string {
  const who = signIn.identityType === 'Root' ? 'The ROOT user' : kindOf(signIn);
  const verb = signIn.outcome === 'Failure' ? 'FAILED to sign in to' : 'signed in to';
  const mfa = severity === 'high' && signIn.outcome === 'Success' ? ' WITHOUT MFA' : '';
  return `${who} ${verb} the AWS console of account ${cleanLine(signIn.account, 40)}${mfa}.`;
}

function kindOf(signIn: SignIn): string {
  if (signIn.federation) return `A federated user (${cleanLine(signIn.federation, FIELD_MAX)})`;
  if (signIn.identityType === 'IAMUser') return 'An IAM user';
  if (signIn.identityType === 'Unknown') return 'Someone the record does not identify';
  return `A user of type ${cleanLine(signIn.identityType, 40)}`;
}

function outcomeText(signIn: SignIn): string {
  if (signIn.outcomeReported) return signIn.outcome;
  return signIn.outcome === 'Failure'
    ? 'Failure (the record gives no outcome; inferred from its error)'
    : 'Success (the record gives no outcome; assumed the worse case)';
}

function mfaText(signIn: SignIn): string {
  const device = signIn.mfaDevice ? ` (${cleanLine(signIn.mfaDevice, FIELD_MAX)})` : '';
  if (signIn.mfaUsed) return `Yes${device}`;
  if (signIn.federation)
    return 'No, as CloudTrail reports every federated sign-in: the identity provider does the MFA';
  return `No${device}`;
}

function timeText(signIn: SignIn): string {
  const time = eventTimeOf(signIn);
  if (time) return time.toISOString().replace('.000Z', 'Z');
  if (signIn.eventTime)
    return `${cleanLine(signIn.eventTime, 64)} (as recorded; not a time CloudTrail writes)`;
  return '(not in the record)';
}

function advice(signIn: SignIn, severity: Severity): string[] {
  const lines: string[] = [];
  if (signIn.userName === 'HIDDEN_DUE_TO_SECURITY_REASONS') {
    lines.push(
      'AWS hides the user name when it does not exist in the account: someone typed a wrong or made-up name.',
    );
  }
  if (severity === 'critical') {
    lines.push(
      'Root can do anything in the account. If you do not recognise this sign-in, change the root password, check its MFA devices and look at what root did next in CloudTrail.',
    );
  } else if (severity === 'high' && signIn.outcome === 'Success' && signIn.identityType === 'IAMUser') {
    lines.push(
      'A password alone was enough to sign in. If you do not recognise this sign-in, disable the console password of this user and enforce MFA.',
    );
  } else if (severity === 'high' && signIn.outcome === 'Success') {
    lines.push(
      'The record does not show who signed in, nor that MFA was used. Look the event up in CloudTrail to find out.',
    );
  }
  return lines.length > 0 ? ['', ...lines] : [];
}
