import type { SignIn } from '../../src/sign-in.js';

/** A complete SignIn of an IAM user, changed by `overrides`: for tests of one rule at a time. */
export function aSignIn(overrides: Partial<SignIn>): SignIn {
  return {
    eventName: 'ConsoleLogin',
    eventId: 'e-1',
    outcome: 'Success',
    outcomeReported: true,
    mfaUsed: false,
    mfaDevice: undefined,
    identityType: 'IAMUser',
    userName: 'alice',
    arn: 'arn:aws:iam::111122223333:user/alice',
    roleArn: undefined,
    federation: undefined,
    account: '111122223333',
    region: 'us-east-1',
    sourceIp: '192.0.2.1',
    userAgent: 'Mozilla/5.0',
    eventTime: '2024-01-01T00:00:00Z',
    failureReason: undefined,
    loginTo: undefined,
    mobile: false,
    ...overrides,
  };
}
