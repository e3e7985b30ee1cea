/**
 * A SignIn: the facts a person needs to judge one sign-in event, read from one CloudTrail record
 * of `signin.amazonaws.com`, whatever its kind (ConsoleLogin, CheckMfa, an Identity Center step, a
 * root credential change, …). One type for every kind: the fields a kind does not have stay empty.
 * A leaf module of types: the readers produce SignIns, and every later stage reads them.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 */

/** `Unknown` when the record does not say: never read as a success, rated as a failure. */
export type Outcome = 'Success' | 'Failure' | 'Unknown';

export interface SignIn {
  readonly eventName: string;
  readonly eventId: string | undefined;
  /** As CloudTrail spells it; a record that does not say is a Failure when it carries an error, else Unknown. */
  readonly outcome: Outcome;
  /** False when the outcome is inferred from an error, or Unknown. */
  readonly outcomeReported: boolean;
  /**
   * ConsoleLogin: `MFAUsed`. CheckMfa: true, the record is the second-factor step itself. Identity
   * Center: `CredentialType` lists a factor beside `PASSWORD` (`EXTERNAL_IDP` is none: the identity
   * provider does the MFA).
   */
  readonly mfaUsed: boolean;
  /** The MFA device (ConsoleLogin's `MFAIdentifier`, CheckMfa's `MfaType`). */
  readonly mfaDevice: string | undefined;
  /** Identity Center: `CredentialType` split (`PASSWORD`, `TOTP`, `EXTERNAL_IDP`, …); empty for other kinds. */
  readonly credentialTypes: readonly string[];
  /** CloudTrail's `userIdentity.type`, or `Unknown`; `IdentityCenterUser` for every Identity Center record. */
  readonly identityType: string;
  /** IAM user name, `root`, the role session name of an assumed role (e.g. an SSO e-mail), the Identity Center user. */
  readonly userName: string;
  readonly arn: string | undefined;
  /** The role an assumed-role session comes from. */
  readonly roleArn: string | undefined;
  /** How a federated sign-in came in (`IAM Identity Center`, `SAML (<provider>)`, …); else undefined. */
  readonly federation: string | undefined;
  /** The account signed in to: `recipientAccountId`. */
  readonly account: string;
  readonly region: string;
  readonly sourceIp: string | undefined;
  readonly userAgent: string | undefined;
  /** `eventTime` as recorded; `eventTimeOf` reads it when a message is rendered. */
  readonly eventTime: string | undefined;
  readonly failureReason: string | undefined;
  /** Where the sign-in leads (`LoginTo`; SwitchRole's `RedirectTo`). */
  readonly loginTo: string | undefined;
  readonly mobile: boolean;
  /** SwitchRole: the identity that switched into the role (`SwitchFrom`). */
  readonly switchedFrom: string | undefined;
}

/** What one record is: a sign-in to consider, another CloudTrail event, or not a record at all. */
export type ParsedRecord =
  | { readonly kind: 'sign-in'; readonly signIn: SignIn }
  | { readonly kind: 'other-event'; readonly eventName: string }
  | { readonly kind: 'malformed'; readonly reason: string };
