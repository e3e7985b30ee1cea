/**
 * The SNS subject of a sign-in message: what happened, to whom, where, in at most 100 printable
 * ASCII characters (SNS rejects anything else).
 * https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 */
import type { Severity } from '../decide/severity.js';
import type { SignIn } from '../sign-ins/sign-in.js';
import { asciiLine } from './sanitize.js';

const SUBJECT_MAX = 100;
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
