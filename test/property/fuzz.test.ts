/**
 * Property-based tests: whatever bytes or JSON arrive, decode and parse either succeed or fail
 * with their own named error, and every sign-in record yields a message SNS will accept, each
 * body within its schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryBytes, MAX_ENTRY_BYTES, toNotification } from '../../src/render/notification.js';
import { asciiLine, cleanLine } from '../../src/render/sanitize.js';
import { DeliveryDecodeError } from '../../src/shared/errors.js';
import { READERS } from '../../src/sign-ins/kinds/registry.js';
import { parseRecord } from '../../src/sign-ins/parse-record.js';
import { decodeDelivery } from '../../src/sources/cloudwatch-logs.js';
import { awslogsEvent, deliveryPayload } from '../../testing/deliveries.js';
import { cloudTrailFixtureNames, cloudTrailRecord } from '../../testing/events.js';
import { messageErrors } from '../support/schemas.js';

const RUNS = { numRuns: 500 };
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters that must not get through.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const anyText = fc.string({ unit: 'binary', maxLength: 300 });
/** Text up to ~120 kB: a record's fields may be any length, and each is copied into the message. */
const longText = fc
  .tuple(anyText, fc.integer({ min: 1, max: 400 }))
  .map(([text, times]) => text.repeat(times));

/** What SNS accepts: subject of printable ASCII, JSON body with text for people, clean attributes. */
function expectPublishable(record: Record<string, unknown>, accountName?: string): void {
  const parsed = parseRecord(JSON.stringify(record));
  expect(parsed.kind).toBe('sign-in');
  if (parsed.kind !== 'sign-in') return;
  const notification = toNotification(parsed.signIn, 'key', { accountName, via: 'eventbridge' });
  expect(notification.subject).toMatch(/^[\x20-\x7e]{1,100}$/);
  expect(entryBytes(notification)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
  const body = JSON.parse(notification.message) as Record<string, string>;
  expect(typeof body.default).toBe('string');
  // Every body within its schema: the document for machines, the card for chat (schema/).
  expect(messageErrors(notification)).toEqual([]);
  for (const value of Object.values(notification.attributes)) {
    expect(value.length).toBeGreaterThan(0);
    expect(value).not.toMatch(UNSAFE);
    expect(value.isWellFormed()).toBe(true);
  }
}

describe('sanitize properties', () => {
  it('cleanLine leaves no control character or lone surrogate and keeps within the bound', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 2, max: 200 }), (value, max) => {
        const line = cleanLine(value, max);
        return line.length <= max && !UNSAFE.test(line) && line.isWellFormed();
      }),
      RUNS,
    );
  });

  it('asciiLine gives printable ASCII within the bound', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.integer({ min: 4, max: 200 }),
        (value, max) => /^[\x20-\x7e]*$/.test(asciiLine(value, max)) && asciiLine(value, max).length <= max,
      ),
      RUNS,
    );
  });
});

describe('decode and parse never crash', () => {
  it('decodeDelivery of arbitrary bytes or JSON either decodes or throws DeliveryDecodeError', () => {
    const event = fc.oneof(
      fc.jsonValue(),
      fc
        .uint8Array({ maxLength: 200 })
        .map((bytes) => ({ awslogs: { data: Buffer.from(bytes).toString('base64') } })),
      fc.jsonValue().map((payload) => awslogsEvent(payload)),
    );
    fc.assert(
      fc.property(event, (value) => {
        try {
          decodeDelivery(value);
        } catch (error) {
          expect(error).toBeInstanceOf(DeliveryDecodeError);
        }
      }),
      RUNS,
    );
  });

  it('parseRecord of arbitrary text or JSON returns a verdict and never throws', () => {
    const message = fc.oneof(
      anyText,
      fc.jsonValue().map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(message, (value) =>
        ['sign-in', 'other-event', 'malformed'].includes(parseRecord(value).kind),
      ),
      RUNS,
    );
  });

  it('a delivery of arbitrary messages decodes with every message intact', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 20 }), (messages) => {
        const delivery = decodeDelivery(awslogsEvent(deliveryPayload(messages)));
        expect(delivery.logEvents.map((event) => event.message)).toEqual(messages);
      }),
      { numRuns: 100 },
    );
  });
});

describe('every sign-in record yields a publishable message', () => {
  it('for a sign-in of any kind with arbitrary values in every field people read', () => {
    const value = fc.oneof(anyText, longText, fc.jsonValue());
    const record = fc.record({
      eventName: fc.constantFrom(...READERS.keys()),
      eventSource: fc.constant('signin.amazonaws.com'),
      eventType: fc.oneof(fc.constant('AwsApiCall'), value),
      eventID: value,
      eventTime: value,
      awsRegion: value,
      sourceIPAddress: value,
      userAgent: value,
      errorMessage: value,
      recipientAccountId: value,
      responseElements: fc.oneof(
        fc.record({ ConsoleLogin: value, CheckMfa: value, SwitchRole: value }),
        value,
      ),
      serviceEventDetails: fc.oneof(
        fc.record({ UserAuthentication: value, CredentialVerification: value }),
        value,
      ),
      additionalEventData: fc.oneof(
        fc.record({
          MFAUsed: value,
          LoginTo: value,
          MFAIdentifier: value,
          MfaType: value,
          CredentialType: value,
          UserName: value,
          SwitchFrom: value,
          RedirectTo: value,
        }),
        value,
      ),
      userIdentity: fc.oneof(
        fc.record({
          type: value,
          userName: value,
          arn: value,
          principalId: value,
          accountId: value,
          onBehalfOf: fc.oneof(fc.record({ userId: value }), value),
        }),
        value,
      ),
    });
    fc.assert(
      fc.property(record, fc.option(anyText, { nil: undefined }), (generated, accountName) =>
        expectPublishable(generated, accountName),
      ),
      RUNS,
    );
  });

  it('for real records with fields deleted or replaced by arbitrary JSON', () => {
    const signIns = cloudTrailFixtureNames().map((name) => cloudTrailRecord(name));
    const mutation = fc.tuple(
      fc.constantFrom(...signIns),
      fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.option(fc.jsonValue(), { nil: undefined })), {
        maxLength: 8,
      }),
    );
    fc.assert(
      fc.property(mutation, ([original, edits]) => {
        const record: Record<string, unknown> = structuredClone(original);
        const keys = Object.keys(record).filter((key) => key !== 'eventName' && key !== 'eventSource');
        for (const [seed, replacement] of edits) {
          const key = keys[seed.length % keys.length] as string;
          if (replacement === undefined) delete record[key];
          else record[key] = replacement;
        }
        expectPublishable(record);
      }),
      RUNS,
    );
  });
});
