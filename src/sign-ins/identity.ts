/**
 * Who signed in, as the readers of every kind tell it: the display name a person recognises and,
 * for a federated sign-in, how it came in. Shared by the kinds.
 */
import { type JsonObject, text } from './record-fields.js';

/** Identity types whose MFA is done by an identity provider, not by AWS, and how to say so. */
const FEDERATED_TYPES: ReadonlyMap<string, string> = new Map([
  ['AssumedRole', 'role session'],
  ['FederatedUser', 'federation token'],
  ['IdentityCenterUser', 'IAM Identity Center'],
  ['SAMLUser', 'SAML'],
  ['WebIdentityUser', 'web identity'],
]);

/**
 * The name a person recognises. Root is `root` even when CloudTrail gives no name; an IAM user
 * literally named "root" keeps type IAMUser, so the two never read alike. Assumed roles are named
 * by their session (`assumed-role/<role>/<session>`), which for SSO is the user's e-mail.
 */
export function displayName(
  type: string,
  identity: JsonObject,
  arn: string | undefined,
  roleName: string | undefined,
): string {
  if (type === 'Root') return 'root';
  const arnName = arn?.includes('/') ? arn.slice(arn.lastIndexOf('/') + 1) : undefined;
  const principalId = text(identity.principalId);
  const sessionName = principalId?.includes(':')
    ? principalId.slice(principalId.indexOf(':') + 1)
    : undefined;
  if (type === 'AssumedRole' || type === 'FederatedUser') {
    return arnName || sessionName || text(identity.userName) || principalId || roleName || 'unknown';
  }
  return text(identity.userName) || arnName || sessionName || principalId || 'unknown';
}

export function federationOf(
  type: string,
  samlProvider: string | undefined,
  roleArn: string | undefined,
): string | undefined {
  if (samlProvider) return `SAML (${samlProvider})`;
  if (type === 'IdentityCenterUser' || roleArn?.includes('/aws-reserved/sso.amazonaws.com/')) {
    return 'IAM Identity Center';
  }
  return FEDERATED_TYPES.get(type);
}
