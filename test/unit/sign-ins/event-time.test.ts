import { describe, expect, it } from 'vitest';
import { eventTimeOf } from '../../../src/sign-ins/event-time.js';
import { cloudTrailRecord } from '../../../testing/events.js';
import { signInOf } from '../../support/sign-in.js';

describe('eventTimeOf', () => {
  it('reads the non-ISO times that copies of records carry', () => {
    expect(
      eventTimeOf(signInOf(cloudTrailRecord('console-login/panther-sso-assumedrole-success')))?.toISOString(),
    ).toBe('2022-03-16T19:17:41.000Z');
    expect(
      eventTimeOf(
        signInOf(cloudTrailRecord('console-login/panther-assumedrole-partial-identity-success')),
      )?.toISOString(),
    ).toBe('2022-03-29T17:16:36.000Z');
  });

  it('keeps an unreadable time as recorded and gives no Date', () => {
    const signIn = signInOf({
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      eventTime: 'yesterday at noon',
    });

    expect(signIn.eventTime).toBe('yesterday at noon');
    expect(eventTimeOf(signIn)).toBeUndefined();
  });
});
