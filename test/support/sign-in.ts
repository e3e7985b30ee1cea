/**
 * Sign-ins for the unit tests: one built field by field, one read from a record, and every real
 * CloudTrail fixture that reads as one.
 */
import { parseRecord } from '../../src/sign-ins/parse-record.js';
import type { SignIn } from '../../src/sign-ins/sign-in.js';
import { cloudTrailFixtureNames, cloudTrailRecord } from '../../testing/events.js';

/** A complete SignIn of an IAM user, changed by `overrides`: for tests of one rule at a time. */
export function aSignIn(overrides: Partial<SignIn>): SignIn {
  return {
    eventName: 'ConsoleLogin',
    eventId: 'e-1',
    outcome: 'Success',
    outcomeReported: true,
    mfaUsed: false,
    mfaDevice: undefined,
    credentialTypes: [],
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
    switchedFrom: undefined,
    ...overrides,
  };
}

/** The SignIn that parseRecord reads from `record`, which must read as one. */
export function signInOf(record: unknown): SignIn {
  const parsed = parseRecord(JSON.stringify(record));
  if (parsed.kind !== 'sign-in') throw new Error(`expected a sign-in, got ${parsed.kind}`);
  return parsed.signIn;
}

/** Every CloudTrail fixture that reads as a sign-in, with its name. */
export function fixtureSignIns(): [string, SignIn][] {
  return cloudTrailFixtureNames().flatMap((name) => {
    const parsed = parseRecord(JSON.stringify(cloudTrailRecord(name)));
    return parsed.kind === 'sign-in' ? [[name, parsed.signIn] as [string, SignIn]] : [];
  });
}

/** The ConsoleLogin fixtures (console-login/…); the other kinds' are in fixture-readings.ts. */
export const CONSOLE_LOGINS: readonly string[] = cloudTrailFixtureNames().filter((name) =>
  name.startsWith('console-login/'),
);
