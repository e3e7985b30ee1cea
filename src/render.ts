/**
 * Pure rendering of a sign-in: the e-mail subject and text a person reads, and the JSON document
 * that machine subscribers (SQS, Lambda, HTTPS) parse. All strings from the record are cleaned.
 */
import { asciiLine, cleanLine } from './sanitize.js';
import type { Severity } from './severity.js';
import { eventTimeOf, type SignIn } from './sign-in.js';

// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html: Subject is at most 100 printable ASCII.
const SUBJECT_MAX = 100;
const FIELD_MAX = 512;
const NAME_MAX = 40;

export function renderSubject(signIn: SignIn, severity: Severity): string {
  const user = asciiLine(signIn.userName, NAME_MAX);
  const where = `${asciiLine(signIn.account, 20)} (${asciiLine(signIn.region, 20)})`;
  const what =
    signIn.outcome === 'Failure'
      ? 'Console sign-in FAILED'
      : signIn.identityType === 'Root'
        ? 'ROOT console sign-in'
        : severity === 'high'
          ? 'Console sign-in WITHOUT MFA'
          : 'Console sign-in';
  return asciiLine(`${what}: ${user} @ ${where}`, SUBJECT_MAX);
}

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

/** One key per fact; stable names, documented in the README for machine subscribers. */
export function renderDocument(signIn: SignIn, severity: Severity): Record<string, unknown> {
  const clean = (value: string | undefined) => (value === undefined ? null : cleanLine(value, FIELD_MAX));
  return {
    event: clean(signIn.eventName),
    outcome: signIn.outcome,
    outcomeReported: signIn.outcomeReported,
    severity,
    user: {
      name: clean(signIn.userName),
      type: clean(signIn.identityType),
      arn: clean(signIn.arn),
      roleArn: clean(signIn.roleArn),
    },
    federation: clean(signIn.federation),
    account: clean(signIn.account),
    region: clean(signIn.region),
    sourceIp: clean(signIn.sourceIp),
    mfa: { used: signIn.mfaUsed, device: clean(signIn.mfaDevice) },
    eventTime: clean(signIn.eventTime),
    time: eventTimeOf(signIn)?.toISOString() ?? null,
    userAgent: clean(signIn.userAgent),
    failureReason: signIn.outcome === 'Failure' ? clean(signIn.failureReason) : null,
    loginTo: clean(signIn.loginTo),
    mobile: signIn.mobile,
    eventId: clean(signIn.eventId),
    consoleUrl: consoleLink(signIn) ?? null,
  };
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

/** Region-specific event history; only for values that make a well-formed URL. */
export function consoleLink(signIn: SignIn): string | undefined {
  const { region, eventId } = signIn;
  if (!eventId || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) return undefined;
  return `https://${region}.console.aws.amazon.com/cloudtrailv2/home?region=${region}#/events/${encodeURIComponent(eventId)}`;
}
