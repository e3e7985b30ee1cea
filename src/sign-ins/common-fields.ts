/**
 * The fields every sign-in event records in the same place: who (userIdentity), where, from where,
 * when, and the MFA facts of `additionalEventData`. Each kind's reader starts from these and adds or
 * corrects what its kind records differently.
 */
import { displayName, federationOf } from './identity.js';
import type { ReadOutcome } from './outcome.js';
import { type JsonObject, objectAt, text } from './record-fields.js';
import type { SignIn } from './sign-in.js';

export function commonFields(eventName: string, record: JsonObject, outcome: ReadOutcome): SignIn {
  const identity = objectAt(record, 'userIdentity');
  const extra = objectAt(record, 'additionalEventData');
  const issuer = objectAt(objectAt(identity, 'sessionContext'), 'sessionIssuer');
  const identityType = text(identity.type) ?? 'Unknown';
  const arn = text(identity.arn);
  const roleArn = text(issuer.arn);
  return {
    eventName,
    eventId: text(record.eventID),
    // Spelled out, not spread: an object literal of fixed shape stays fast over thousands of records.
    outcome: outcome.outcome,
    outcomeReported: outcome.outcomeReported,
    failureReason: outcome.failureReason,
    mfaUsed: text(extra.MFAUsed)?.toLowerCase() === 'yes',
    mfaDevice: text(extra.MFAIdentifier) ?? text(extra.MfaType),
    credentialTypes: [],
    identityType,
    userName: displayName(identityType, identity, arn, text(issuer.userName)),
    arn,
    roleArn,
    federation: federationOf(identityType, text(extra.SamlProviderArn), roleArn),
    account: text(record.recipientAccountId) ?? text(identity.accountId) ?? 'unknown',
    region: text(record.awsRegion) ?? 'unknown',
    sourceIp: text(record.sourceIPAddress),
    userAgent: text(record.userAgent),
    eventTime: text(record.eventTime),
    loginTo: text(extra.LoginTo),
    mobile: text(extra.MobileVersion)?.toLowerCase() === 'yes',
    switchedFrom: undefined,
  };
}
