/**
 * The credentials of an IAM Identity Center sign-in step, as `additionalEventData.CredentialType`
 * lists them: `PASSWORD`, `EXTERNAL_IDP` (the sign-in was handed to an external identity provider),
 * `SMARTCARD` (WorkSpaces), and the second factors `TOTP`, `WEBAUTHN`, `RESYNC_TOTP`, `EMAIL_OTP`.
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/understanding-sign-in-events.html
 */
import { text } from './record-fields.js';

/** Credentials that open a sign-in; any other type is a second factor (a new one counts as one too). */
const FIRST_FACTORS: ReadonlySet<string> = new Set(['PASSWORD', 'SMARTCARD', 'EXTERNAL_IDP']);

/** `"PASSWORD,TOTP"` (or a list) → `['PASSWORD', 'TOTP']`; nothing readable → `[]`. */
export function credentialTypesOf(value: unknown): string[] {
  const parts = Array.isArray(value) ? value.map(text) : (text(value)?.split(',') ?? []);
  return parts.flatMap((part) => {
    const type = part?.trim().toUpperCase();
    return type ? [type] : [];
  });
}

export function isSecondFactor(type: string): boolean {
  return !FIRST_FACTORS.has(type);
}

/**
 * MFA, as the `mfa` attribute tells it: a factor beside the password. A smart card is one (the card
 * and its PIN); an external identity provider is not one AWS saw: the provider does the MFA.
 */
export function hasFactorBesidePassword(types: readonly string[]): boolean {
  return types.some((type) => type !== 'PASSWORD' && type !== 'EXTERNAL_IDP');
}
