/**
 * IAM Identity Center (and WorkSpaces, Transfer Family web apps) sign-in steps, written in the
 * Identity Center home region of the management account:
 * - `CredentialChallenge`: a credential was asked for (a password, a TOTP code, …);
 * - `CredentialVerification`: one was checked, `Success` or `Failure`: a failed second factor says
 *   the password was right;
 * - `UserAuthentication`: every challenge was passed, the access-portal sign-in completed (there is
 *   none for a failed sign-in, and no ConsoleLogin either).
 * Outcome in `serviceEventDetails.<eventName>`, factors in `additionalEventData.CredentialType`, the
 * user in `additionalEventData.UserName`, else `userIdentity.userName` (older records, type
 * `Unknown`), else `userIdentity.onBehalfOf.userId` (newer records, type `IdentityCenterUser`).
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/understanding-sign-in-events.html
 */
import { commonFields } from '../common-fields.js';
import { credentialTypesOf, hasFactorBesidePassword } from '../credential-types.js';
import { outcomeOf } from '../outcome.js';
import { type JsonObject, objectAt, text } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';

export function readIdentityCenterStep(eventName: string, record: JsonObject): SignIn {
  const identity = objectAt(record, 'userIdentity');
  const extra = objectAt(record, 'additionalEventData');
  const credentialTypes = credentialTypesOf(extra.CredentialType);
  const recordedType = text(identity.type);
  const common = commonFields(eventName, record, outcomeOf(record, eventName, 'serviceEventDetails'));
  return {
    ...common,
    credentialTypes,
    mfaUsed: hasFactorBesidePassword(credentialTypes),
    mfaDevice: undefined,
    // Older records, and failed steps of newer ones, say `Unknown`: they are Identity Center users all the same.
    identityType:
      recordedType === undefined || recordedType === 'Unknown' ? 'IdentityCenterUser' : recordedType,
    userName:
      text(extra.UserName) ??
      text(identity.userName) ??
      text(objectAt(identity, 'onBehalfOf').userId) ??
      'unknown',
    loginTo: withoutQuery(text(extra.LoginTo)),
    federation: credentialTypes.includes('EXTERNAL_IDP')
      ? 'IAM Identity Center (external identity provider)'
      : 'IAM Identity Center',
  };
}

/**
 * The portal URL without its query or fragment: `LoginTo` carries the sign-in's `auth_code`,
 * `state` and CSRF token, which have no business in an e-mail. Cut as text: a URL parser per
 * record costs more than the whole reading of it.
 */
function withoutQuery(url: string | undefined): string | undefined {
  return url?.split(/[?#]/, 1)[0] || undefined;
}
