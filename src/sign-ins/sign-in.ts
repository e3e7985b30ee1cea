/**
 * A SignIn: the facts a person needs to judge a sign-in, read from one CloudTrail record. A leaf
 * module of types: the readers produce SignIns, and every later stage reads them.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 */

export interface SignIn {
  readonly eventName: string;
  readonly eventId: string | undefined;
  /**
   * As CloudTrail spells it. A record that does not say is a Failure when it carries an error,
   * and otherwise treated as a Success: the worse case for a sign-in alert.
   */
  readonly outcome: 'Success' | 'Failure';
  readonly outcomeReported: boolean;
  readonly mfaUsed: boolean;
  readonly mfaDevice: string | undefined;
  /** CloudTrail's `userIdentity.type`, or `Unknown`. */
  readonly identityType: string;
  /** IAM user name, `root`, or the role session name of an assumed role (e.g. an SSO e-mail). */
  readonly userName: string;
  readonly arn: string | undefined;
  /** The role an assumed-role session comes from. */
  readonly roleArn: string | undefined;
  /** How a federated sign-in came in (`IAM Identity Center`, `SAML (<provider>)`, …); else undefined. */
  readonly federation: string | undefined;
  readonly account: string;
  readonly region: string;
  readonly sourceIp: string | undefined;
  readonly userAgent: string | undefined;
  /** `eventTime` as recorded; `eventTimeOf` reads it when a message is rendered. */
  readonly eventTime: string | undefined;
  readonly failureReason: string | undefined;
  readonly loginTo: string | undefined;
  readonly mobile: boolean;
}

/** What one record is: a sign-in to consider, another CloudTrail event, or not a record at all. */
export type ParsedRecord =
  | { readonly kind: 'sign-in'; readonly signIn: SignIn }
  | { readonly kind: 'other-event'; readonly eventName: string }
  | { readonly kind: 'malformed'; readonly reason: string };
