/** Which sign-in events are announced and when (src/decide/sign-in-events.ts), and SIGN_IN_EVENTS. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIGN_IN_EVENTS,
  isAnnouncedKind,
  parseSignInEvents,
} from '../../../src/decide/sign-in-events.js';
import type { SignIn } from '../../../src/sign-ins/sign-in.js';
import { aSignIn } from '../../support/sign-in.js';

describe('isAnnouncedKind', () => {
  it.each([
    ['ConsoleLogin', 'Success', true],
    ['ConsoleLogin', 'Failure', true],
    ['ConsoleLogin', 'Unknown', true],
    ['CheckMfa', 'Success', false],
    ['CheckMfa', 'Failure', true],
    ['CheckMfa', 'Unknown', true],
    ['UserAuthentication', 'Success', true],
    ['UserAuthentication', 'Failure', true],
    ['UserAuthentication', 'Unknown', true],
    ['CredentialVerification', 'Success', false],
    ['CredentialVerification', 'Failure', true],
    ['CredentialVerification', 'Unknown', true],
    ['CredentialChallenge', 'Success', false],
    ['CredentialChallenge', 'Failure', false],
    ['PasswordRecoveryRequested', 'Success', true],
    ['EmailUpdated', 'Failure', true],
    ['SwitchRole', 'Success', true],
    ['GetSigninToken', 'Success', true],
  ] as [string, SignIn['outcome'], boolean][])('%s %s → %s', (eventName, outcome, announced) => {
    expect(isAnnouncedKind(aSignIn({ eventName, outcome }))).toBe(announced);
  });
});

describe('parseSignInEvents', () => {
  it('defaults to the contract list, without the opt-in events', () => {
    expect([...parseSignInEvents(undefined)]).toEqual(DEFAULT_SIGN_IN_EVENTS);
    expect([...parseSignInEvents('  ')]).toEqual(DEFAULT_SIGN_IN_EVENTS);
    expect(parseSignInEvents(undefined).has('SwitchRole')).toBe(false);
  });

  it('takes the opt-in events, spaces trimmed', () => {
    expect([...parseSignInEvents('ConsoleLogin, SwitchRole ,GetSigninToken')]).toEqual([
      'ConsoleLogin',
      'SwitchRole',
      'GetSigninToken',
    ]);
  });

  it.each([
    ['ConsoleLogin,Consolelogin', /"Consolelogin" is not a sign-in event/],
    ['ConsoleLogin,,CheckMfa', /event 2 is empty/],
    ['CredentialChallenge', /never announced/],
    ['AssumeRole', /"AssumeRole" is not a sign-in event the notifier announces \(one of ConsoleLogin/],
  ])('refuses %s', (value, message) => {
    expect(() => parseSignInEvents(value)).toThrow(message);
  });
});
