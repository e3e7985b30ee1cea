/**
 * Decoding the fast path's EventBridge events (src/sources/eventbridge.ts): the AWS Sign-In
 * envelope whatever its detail-type, its record as the pipeline reads records, and a named error
 * for anything else.
 */
import { describe, expect, it } from 'vitest';
import { EventDecodeError } from '../../../src/shared/errors.js';
import { decodeEvent, MAX_EVENT_BYTES, recordsOfEvent } from '../../../src/sources/eventbridge.js';
import { readEvent } from '../../../testing/events.js';

const REAL = readEvent('eventbridge/aws-docs-eventbridge-root-consolelogin-no-version');

describe('decodeEvent', () => {
  it('reads the real envelope, and gives its detail as the one record, named by the event id', () => {
    const records = recordsOfEvent(decodeEvent(REAL));

    expect(records).toEqual([{ message: JSON.stringify(REAL.detail), position: 0, logEventId: REAL.id }]);
  });

  it.each(['AWS Console Signin via CloudTrail', 'AWS Service Event via CloudTrail'])(
    'reads the detail-type "%s" as well',
    (detailType) => {
      expect(decodeEvent({ ...REAL, 'detail-type': detailType }).detail).toEqual(REAL.detail);
    },
  );

  it.each([
    ['another source', { ...REAL, source: 'aws.ec2' }, /source/],
    ['no detail', { ...REAL, detail: undefined }, /detail/],
    ['a detail that is not an object', { ...REAL, detail: 'ConsoleLogin' }, /detail/],
    ['a detail without eventName', { ...REAL, detail: { eventID: 'x' } }, /detail\.eventName/],
    ['no event', null, /root/],
  ])('refuses %s with an EventDecodeError that says where', (_case, event, where) => {
    expect(() => decodeEvent(event)).toThrow(EventDecodeError);
    expect(() => decodeEvent(event)).toThrow(where);
  });

  it('refuses a detail over the cap, which EventBridge would not have delivered', () => {
    const event = decodeEvent({
      ...REAL,
      detail: { ...(REAL.detail as object), userAgent: 'x'.repeat(MAX_EVENT_BYTES) },
    });

    expect(() => recordsOfEvent(event)).toThrow(/over the cap/);
  });
});
