/**
 * The JSON document that machine subscribers (SQS, Lambda, HTTPS, Firehose) parse: one key per fact.
 * All strings from the record are cleaned.
 */
import type { Severity } from '../decide/severity.js';
import type { Via } from '../shared/source-record.js';
import { eventTimeOf } from '../sign-ins/event-time.js';
import type { SignIn } from '../sign-ins/sign-in.js';
import { consoleLink } from './console-link.js';
import { cleanLine, FIELD_MAX } from './sanitize.js';

/**
 * The version of schema/sign-in-document.schema.json the document follows: the minor grows with
 * each key added, the major when a key changes meaning or goes.
 */
export const SCHEMA_VERSION = '1.0';

/** One key per fact; stable names, documented in the README for machine subscribers. */
export function renderDocument(
  signIn: SignIn,
  severity: Severity,
  accountName?: string,
  via?: Via,
): Record<string, unknown> {
  const clean = (value: string | undefined) => (value === undefined ? null : cleanLine(value, FIELD_MAX));
  return {
    schemaVersion: SCHEMA_VERSION,
    event: clean(signIn.eventName),
    via: via ?? null,
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
    accountName: clean(accountName),
    region: clean(signIn.region),
    sourceIp: clean(signIn.sourceIp),
    mfa: { used: signIn.mfaUsed, device: clean(signIn.mfaDevice) },
    eventTime: clean(signIn.eventTime),
    time: eventTimeOf(signIn)?.toISOString() ?? null,
    userAgent: clean(signIn.userAgent),
    failureReason: signIn.outcome !== 'Success' ? clean(signIn.failureReason) : null,
    loginTo: clean(signIn.loginTo),
    mobile: signIn.mobile,
    eventId: clean(signIn.eventId),
    consoleUrl: consoleLink(signIn) ?? null,
    // The facts of some kinds only, present on those: each key is repeated in six protocol bodies.
    ...(signIn.credentialTypes.length > 0
      ? { credentialTypes: signIn.credentialTypes.map((type) => cleanLine(type, 64)) }
      : {}),
    ...(signIn.switchedFrom === undefined ? {} : { switchedFrom: clean(signIn.switchedFrom) }),
  };
}
