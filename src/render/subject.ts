/**
 * The SNS subject of a sign-in message: what happened, to whom, where, in at most 100 printable
 * ASCII characters (SNS rejects anything else). The user and account names give way first, so
 * that the account ID and region stay readable.
 * https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 */
import type { Severity } from '../decide/severity.js';
import type { SignIn } from '../sign-ins/sign-in.js';
import { asciiLine } from './sanitize.js';
import { whatHappened } from './wording.js';

const SUBJECT_MAX = 100;
const NAME_MAX = 40;
const NAME_MIN = 8;
const ACCOUNT_NAME_MAX = 24;

export function renderSubject(signIn: SignIn, severity: Severity, accountName?: string): string {
  const id = asciiLine(signIn.account, 20);
  const region = asciiLine(signIn.region, 20);
  const what = whatHappened(signIn, severity);
  const around = what.length + ': '.length + ' @ '.length + NAME_MIN;
  const nameMax = Math.max(
    NAME_MIN,
    Math.min(ACCOUNT_NAME_MAX, SUBJECT_MAX - around - ` (${id}), ${region}`.length),
  );
  const where = accountName ? `${asciiLine(accountName, nameMax)} (${id}), ${region}` : `${id} (${region})`;
  const room = SUBJECT_MAX - what.length - where.length - ': '.length - ' @ '.length;
  const user = asciiLine(signIn.userName, Math.max(NAME_MIN, Math.min(NAME_MAX, room)));
  return asciiLine(`${what}: ${user} @ ${where}`, SUBJECT_MAX);
}
