/**
 * Every set of deploy parameters the stack tests package, by name. The stack tests and the
 * CloudFormation linter (test/stack/lint.test.ts) package only these, so every template a test
 * asserts on is also linted; packaging anything else fails (see serverless-package.ts). A variant's
 * `region` is the deploy region (`--region`, else us-east-1); its other keys are deploy parameters.
 */
export const EXISTING_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:existing';
export const EXISTING_TOPIC_KEY =
  'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const EMAIL = 'sec@example.com';
export const ORG_TRAIL_LOG_GROUP = 'org/trail';

export const STACK_VARIANTS = {
  default: {},
  existingTopic: {
    topicArn: EXISTING_TOPIC,
    email: EMAIL,
    userAllowlist: 'alice,bob*',
    userDenylist: 'ci-*',
    cloudTrailLogGroup: ORG_TRAIL_LOG_GROUP,
  },
  existingEncryptedTopic: { topicArn: EXISTING_TOPIC, topicKmsKeyArn: EXISTING_TOPIC_KEY, email: EMAIL },
  createTrail: { createTrail: 'true' },
  cisAlarms: { cisAlarms: 'true' },
  newAccount: { createTrail: 'true', cisAlarms: 'true', email: EMAIL },
  namesAndOptInEvents: {
    accountNameLookup: 'off',
    accountNames: '111122223333=prod-payments,444455556666=sandbox',
    signInEvents: 'ConsoleLogin,CheckMfa,SwitchRole,GetSigninToken',
  },
  fastPathOff: { fastPath: 'false' },
  /** Deployed elsewhere: the forwarders and their target bus follow the deploy region. */
  euWest1: { region: 'eu-west-1' },
  /** The deploy region listed, a duplicate, spaces, and an opt-in region. */
  fastPathRegions: { fastPathRegions: 'us-east-1, ap-south-2 ,us-east-1,eu-west-3' },
  /** Only the deploy region: its rule, and no StackSet. */
  deployRegionOnly: { fastPathRegions: 'us-east-1' },
  /** The stack the doctor tests read (test/support/doctor-stack.ts). */
  doctor: { cloudTrailLogGroup: 'aws-cloudtrail-logs-111122223333-abcd1234', email: 'security@example.com' },
} as const satisfies Record<string, Readonly<Record<string, string>>>;

export type StackVariant = keyof typeof STACK_VARIANTS;

export const VARIANT_NAMES = Object.keys(STACK_VARIANTS) as StackVariant[];
