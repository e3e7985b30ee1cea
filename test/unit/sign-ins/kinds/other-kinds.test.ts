/**
 * The readers of every kind but ConsoleLogin (src/sign-ins/kinds/) over the real CloudTrail
 * fixtures, through parseRecord, with the severity and the announce rule of src/decide/: the
 * table in test/support/fixture-readings.ts says what a person must be told of each record.
 */
import { describe, expect, it } from 'vitest';
import { severityOf } from '../../../../src/decide/severity.js';
import { isAnnouncedKind } from '../../../../src/decide/sign-in-events.js';
import { cloudTrailFixtureNames, cloudTrailRecord } from '../../../../testing/events.js';
import { READINGS } from '../../../support/fixture-readings.js';
import { CONSOLE_LOGINS, signInOf } from '../../../support/sign-in.js';

describe('every real CloudTrail fixture', () => {
  it('has an expected reading, so a new fixture cannot be forgotten', () => {
    expect([...Object.keys(READINGS), ...CONSOLE_LOGINS].sort()).toEqual(cloudTrailFixtureNames());
  });

  it('of a kind folder reads as that kind', () => {
    for (const [name, [eventName]] of Object.entries(READINGS)) {
      const folder = name.split('/')[0];
      const kebab = eventName.replace(/(?<=[a-z])([A-Z])/g, '-$1').toLowerCase();
      expect(folder === kebab || folder === 'root-credentials', name).toBe(true);
    }
  });
});

describe.each(Object.entries(READINGS))('%s', (name, expected) => {
  it('reads as expected, with its severity or as a step', () => {
    const signIn = signInOf(cloudTrailRecord(name));

    const [eventName, user, type, outcome, mfa, credentials, account, region, severity] = expected;
    expect({
      eventName: signIn.eventName,
      user: signIn.userName,
      type: signIn.identityType,
      outcome: signIn.outcome,
      mfa: signIn.mfaUsed,
      credentials: signIn.credentialTypes.join('+'),
      account: signIn.account,
      region: signIn.region,
      severity: isAnnouncedKind(signIn) ? severityOf(signIn) : 'step',
    }).toEqual({ eventName, user, type, outcome, mfa, credentials, account, region, severity });
  });
});
