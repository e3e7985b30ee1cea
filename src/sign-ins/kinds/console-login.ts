/**
 * `ConsoleLogin`: a sign-in to the AWS Management Console by root, an IAM user, or a federated
 * or assumed-role session. Outcome in `responseElements.ConsoleLogin`, MFA in `additionalEventData`.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 */
import { displayName, federationOf } from '../identity.js';
import { type JsonObject, objectAt, text } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';

export function readConsoleLogin(eventName: string, record: JsonObject): SignIn {
  const identity = objectAt(record, 'userIdentity');
  const extra = objectAt(record, 'additionalEventData');
  const response = objectAt(record, 'responseElements');
  const issuer = objectAt(objectAt(identity, 'sessionContext'), 'sessionIssuer');

  const reported = text(response[eventName])?.toLowerCase();
  const failureReason = text(record.errorMessage) ?? text(record.errorCode);
  const outcomeReported = reported === 'success' || reported === 'failure';
  const outcome = reported === 'failure' || (!outcomeReported && failureReason) ? 'Failure' : 'Success';

  const identityType = text(identity.type) ?? 'Unknown';
  const arn = text(identity.arn);
  const roleArn = text(issuer.arn);

  return {
    eventName,
    eventId: text(record.eventID),
    outcome,
    outcomeReported,
    mfaUsed: text(extra.MFAUsed)?.toLowerCase() === 'yes',
    mfaDevice: text(extra.MFAIdentifier) ?? text(extra.MfaType),
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
    failureReason,
    loginTo: text(extra.LoginTo),
    mobile: text(extra.MobileVersion)?.toLowerCase() === 'yes',
  };
}
