/**
 * The `https` body of a message: an Amazon Q Developer in chat applications (AWS Chatbot) custom
 * notification, the only shape it posts to Slack, Teams or Chime; it drops anything else without
 * a word. Title at most 250 characters, description at most 8000, whatever the record holds; the
 * facts of the JSON document ride in `metadata.additionalContext`.
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
import type { Severity } from '../decide/severity.js';
import type { SignIn } from '../sign-ins/sign-in.js';
import { adviceOf } from './advice.js';
import { contextOf } from './chat-context.js';
import { mfaText, outcomeText, timeText } from './email.js';
import { asciiLine, cleanLine, truncate } from './sanitize.js';
import { headlineOf, whatHappened } from './wording.js';

export interface ChatCard {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps: readonly string[];
    readonly keywords: readonly string[];
  };
  readonly metadata: {
    /** Only on the severities that repeat (medium, info): one thread per user and account. */
    readonly threadId?: string;
    readonly summary: string;
    readonly eventType: string;
    readonly additionalContext: Readonly<Record<string, string>>;
  };
}

export const TITLE_MAX = 250;
export const DESCRIPTION_MAX = 8000;
/** Longest value of a record's field in the card; the JSON document keeps 512. */
const CHAT_FIELD_MAX = 200;
const NAME_MAX = 64;
/** Our own sentences (the advice) are short; the cap only keeps the arithmetic of the limits plain. */
const OWN_MAX = 1000;
const TO_DO = 'What to do: ';

const ICONS: Readonly<Record<Severity, string>> = {
  critical: ':rotating_light:',
  high: ':warning:',
  medium: ':large_orange_diamond:',
  info: ':information_source:',
};

/**
 * Text of the record safe in chat markdown: Slack's three escapes, so that no `<url|label>` link
 * or `<!channel>` mention can be forged, and no backtick to break out of a code span.
 * https://api.slack.com/reference/surfaces/formatting#escaping
 */
export function plain(value: string, max = CHAT_FIELD_MAX): string {
  return cleanLine(value, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/`/g, "'");
}

/** A value of the record as a code span: shown verbatim, never as markdown. */
const code = (value: string | undefined, max = CHAT_FIELD_MAX) =>
  value === undefined || value === '' ? '_(not in the record)_' : `\`${plain(value, max)}\``;

export function renderChat(
  signIn: SignIn,
  severity: Severity,
  document: Readonly<Record<string, unknown>>,
  { subject, accountName }: { readonly subject: string; readonly accountName?: string | undefined },
): ChatCard {
  // `prod-payments (210987654321)`, in code spans for the text and plain for the title.
  const named = (show: (value: string, max: number) => string) =>
    accountName ? `${show(accountName, NAME_MAX)} (${show(signIn.account, 20)})` : show(signIn.account, 20);
  const account = named(code);
  const where = `${named(plain)}, ${plain(signIn.region, 20)}`;
  const title = `${ICONS[severity]} ${whatHappened(signIn, severity)}: ${plain(signIn.userName, NAME_MAX)} @ ${where}`;
  const advice = adviceOf(signIn, severity);
  // The document's link: well-formed, of the region's partition, or none.
  const link = typeof document.consoleUrl === 'string' ? document.consoleUrl : undefined;
  const description = [
    headlineOf(signIn, severity, account, (value) => code(value)),
    '',
    ...factsOf(signIn, severity, account),
    ...advice.filter((line) => !line.startsWith(TO_DO)).map((line) => `_${plain(line, OWN_MAX)}_`),
  ].join('\n');
  const threaded = severity === 'medium' || severity === 'info';
  return {
    version: '1.0',
    source: 'custom',
    content: {
      textType: 'client-markdown',
      title: truncate(title, TITLE_MAX),
      description: truncate(description, DESCRIPTION_MAX),
      nextSteps: [
        ...advice
          .filter((line) => line.startsWith(TO_DO))
          .map((line) => plain(line.slice(TO_DO.length), OWN_MAX)),
        ...(link ? [`<${link}|See the event in CloudTrail>`] : []),
      ],
      keywords: [severity, asciiLine(signIn.eventName, 40), signIn.outcome],
    },
    metadata: {
      ...(threaded ? { threadId: threadOf(signIn) } : {}),
      summary: subject,
      eventType: /^[A-Za-z0-9]{1,64}$/.test(signIn.eventName) ? signIn.eventName : 'SignIn',
      additionalContext: contextOf(document),
    },
  };
}

function factsOf(signIn: SignIn, severity: Severity, account: string): string[] {
  const optional = (label: string, value: string | undefined) =>
    value === undefined ? [] : [`*${label}:* ${code(value)}`];
  return [
    `*Outcome:* ${plain(outcomeText(signIn))}`,
    `*User:* ${code(signIn.userName)} (${code(signIn.identityType, 40)})`,
    ...optional('ARN', signIn.arn),
    ...optional('Role', signIn.roleArn),
    ...optional('Switched from', signIn.switchedFrom),
    ...optional('Federation', signIn.federation),
    `*Account:* ${account}`,
    `*Region:* ${code(signIn.region, 40)}`,
    `*Source IP:* ${code(signIn.sourceIp, 64)}`,
    `*MFA:* ${plain(mfaText(signIn), 2 * CHAT_FIELD_MAX)}`,
    ...(signIn.credentialTypes.length > 0
      ? [`*Credentials:* ${code(signIn.credentialTypes.join(', '))}`]
      : []),
    `*Time:* ${plain(timeText(signIn))}`,
    `*User agent:* ${code(signIn.userAgent)}`,
    ...(signIn.outcome !== 'Success' ? optional('Failure reason', signIn.failureReason) : []),
    `*Event:* ${code(signIn.eventName, 64)} (${code(signIn.eventId, 64)})`,
    `*Severity:* ${severity}`,
    '',
  ];
}

/** One thread per account and user: repeated failures or routine sign-ins of one person stay together. */
function threadOf(signIn: SignIn): string {
  return `sign-ins-${asciiLine(signIn.account, 20)}-${asciiLine(signIn.userName, NAME_MAX)}`;
}
