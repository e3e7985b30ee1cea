/**
 * Each AWS call of the doctor names the IAM action it needs, so that an error can say which
 * permission is missing; an error of one check becomes that check's FAIL line, and the others run on.
 */
import { NotifierError } from '../../src/shared/errors.js';
import { type Finding, fail } from './report.js';

/** An AWS call failed; `action` is the IAM action it needed, e.g. `cloudtrail:GetTrailStatus`. */
export class AwsCallError extends NotifierError {
  override name = 'AwsCallError';

  constructor(
    readonly action: string,
    override readonly cause: Error,
  ) {
    super(`${action}: ${cause.name}: ${cause.message}`, { cause });
  }
}

export async function ask<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AwsCallError(action, error as Error);
  }
}

/** The code AWS sent, whichever field the SDK put it in. */
export function codeOf(error: unknown): string {
  const cause = error instanceof AwsCallError ? error.cause : (error as Error);
  return (cause as { Code?: string }).Code ?? cause.name;
}

const REJECTED_CREDENTIALS =
  /InvalidClientTokenId|UnrecognizedClient|ExpiredToken|SignatureDoesNotMatch|InvalidSignature|AuthFailure/;
const ACCESS_DENIED = /AccessDenied|AuthorizationError|Unauthorized|NotAuthorized/;

export function rejectsCredentials(error: unknown): boolean {
  return REJECTED_CREDENTIALS.test(codeOf(error));
}

export function isAccessDenied(error: unknown): boolean {
  return !rejectsCredentials(error) && ACCESS_DENIED.test(codeOf(error));
}

export const PERMISSIONS_HINT = 'the README lists them: "Checking a deployed stack", Permissions';

/** The FAIL line of a check that could not be made, in words a person can act on. */
export function cannotCheck(subject: string, error: unknown): Finding {
  if (!(error instanceof AwsCallError)) {
    const { name, message } = error as Error;
    return fail(`${subject}: cannot check: ${name}: ${message}`);
  }
  const { action, cause } = error;
  if (rejectsCredentials(error)) {
    return fail(
      `${subject}: AWS rejected the credentials (${codeOf(error)}): they are expired or belong to no account`,
      'refresh them (`aws sso login`, or new access keys) and run the doctor again',
    );
  }
  if (isAccessDenied(error)) {
    return fail(
      `${subject}: cannot check: access denied to ${action} (${codeOf(error)})`,
      `allow ${action} to whoever runs the doctor; ${PERMISSIONS_HINT}`,
    );
  }
  return fail(`${subject}: cannot check: ${action} failed: ${cause.name}: ${cause.message}`);
}
