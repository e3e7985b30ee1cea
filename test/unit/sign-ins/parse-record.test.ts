import { describe, expect, it } from 'vitest';
import { eventTimeOf } from '../../../src/sign-ins/event-time.js';
import { parseRecord } from '../../../src/sign-ins/parse-record.js';
import { cloudTrailRecord } from '../../../testing/events.js';
import { signInOf } from '../../support/sign-in.js';

const SIGN_IN = 'signin.amazonaws.com';

describe('parseRecord reads only the records of signin.amazonaws.com', () => {
  it('takes a record of another source that carries responseElements.ConsoleLogin for another event', () => {
    const assumeRole = {
      ...cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa'),
      eventSource: 'sts.amazonaws.com',
    };

    expect(parseRecord(JSON.stringify(assumeRole))).toEqual({
      kind: 'other-event',
      eventName: 'ConsoleLogin',
    });
  });

  it('takes a record without eventSource for malformed: CloudTrail writes it in every record', () => {
    const { eventSource: _, ...copy } = cloudTrailRecord('console-login/aws-docs-ct-root-failure');

    expect(parseRecord(JSON.stringify(copy))).toEqual({
      kind: 'malformed',
      reason: 'no eventSource: not a whole CloudTrail record',
    });
  });

  it('takes a sign-in event it has no reader for (ExitRole) for another event', () => {
    expect(parseRecord(JSON.stringify({ eventName: 'ExitRole', eventSource: SIGN_IN }))).toEqual({
      kind: 'other-event',
      eventName: 'ExitRole',
    });
  });
});

describe('parseRecord details', () => {
  it('keeps the facts of a full record', () => {
    const signIn = signInOf(cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa'));

    expect(signIn).toMatchObject({
      eventId: 'deb1e1f9-c99b-4612-8e9f-21f93b5d79c0',
      arn: 'arn:aws:iam::111122223333:root',
      sourceIp: '192.0.2.0',
      mfaDevice: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
      eventTime: '2022-11-10T16:24:34Z',
      loginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
      mobile: false,
      outcomeReported: true,
    });
    expect(eventTimeOf(signIn)?.toISOString()).toBe('2022-11-10T16:24:34.000Z');
  });

  it('never reads a record without an outcome as a success: Unknown, and says so', () => {
    const signIn = signInOf(cloudTrailRecord('console-login/mapbox-consolelogin-minimal-no-identity'));

    expect(signIn.outcome).toBe('Unknown');
    expect(signIn.outcomeReported).toBe(false);
  });

  it('infers a failure from an error when the outcome is missing', () => {
    const signIn = signInOf({
      eventName: 'ConsoleLogin',
      eventSource: SIGN_IN,
      errorMessage: 'Failed authentication',
    });

    expect(signIn.outcome).toBe('Failure');
    expect(signIn.failureReason).toBe('Failed authentication');
    expect(signIn.outcomeReported).toBe(false);
  });

  it('reads MFAUsed and the outcome case-insensitively', () => {
    const signIn = signInOf({
      eventName: 'ConsoleLogin',
      eventSource: SIGN_IN,
      responseElements: { ConsoleLogin: 'FAILURE' },
      additionalEventData: { MFAUsed: 'yes' },
    });

    expect(signIn.outcome).toBe('Failure');
    expect(signIn.mfaUsed).toBe(true);
  });

  it('falls back to the identity account when recipientAccountId is missing', () => {
    expect(signInOf(cloudTrailRecord('console-login/aws-docs-ct-iam-user-success-no-mfa')).account).toBe(
      '111122223333',
    );
  });

  it('names an assumed role by its session when the ARN has none', () => {
    const signIn = signInOf({
      eventName: 'ConsoleLogin',
      eventSource: SIGN_IN,
      userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLE:kenji@example.com' },
    });

    expect(signIn.userName).toBe('kenji@example.com');
  });

  it('reads numbers as text and ignores values of the wrong type', () => {
    const signIn = signInOf({
      eventName: 'ConsoleLogin',
      eventSource: SIGN_IN,
      recipientAccountId: 111122223333,
      sourceIPAddress: { nested: true },
      userIdentity: { type: ['IAMUser'], userName: 'x' },
    });

    expect(signIn.account).toBe('111122223333');
    expect(signIn.sourceIp).toBeUndefined();
    expect(signIn.identityType).toBe('Unknown');
  });

  it('does not take an identity type named like an Object property for a federation', () => {
    expect(
      signInOf({ eventName: 'ConsoleLogin', eventSource: SIGN_IN, userIdentity: { type: 'constructor' } })
        .federation,
    ).toBeUndefined();
  });
});

describe('parseRecord of what is not a CloudTrail record', () => {
  it.each([
    ['truncated JSON', '{"eventVersion":"1.03","userIdentity":{"type":"Root"}', /not JSON/],
    ['a Lambda log line', 'START RequestId: 6234bffe Version: $LATEST', /not JSON/],
    ['a JSON array', '[{"eventName":"ConsoleLogin"}]', /not a JSON object/],
    ['JSON null', 'null', /not a JSON object/],
    ['an object without eventName', '{"hello":"world"}', /no eventName/],
    ['an empty message', '', /not JSON/],
  ])('%s is malformed, with a reason', (_label, message, reason) => {
    const parsed = parseRecord(message);

    expect(parsed.kind).toBe('malformed');
    expect(parsed.kind === 'malformed' && parsed.reason).toMatch(reason);
  });
});
