/**
 * Every message within SNS's limits, whatever the record holds (issue 7, case 5): identifiers and
 * fields of any length or content still give an entry of at most 256 KiB that renders without
 * throwing. https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
import { describe, expect, it } from 'vitest';
import { sizeOf } from '../../../src/publish/publish-batch.js';
import { MAX_ENTRY_BYTES, toNotification } from '../../../src/render/notification.js';
import { aSignIn } from '../../support/sign-in.js';

const SNS_MAX_BYTES = 256 * 1024;

describe('toNotification within SNS limits', () => {
  it('keeps a sign-in with a 60 KB eventID under 256 KiB, with no link and a cut ID', () => {
    const notification = toNotification(aSignIn({ eventId: 'a'.repeat(60_000) }), '#0');

    expect(sizeOf(notification)).toBeLessThanOrEqual(SNS_MAX_BYTES);
    expect(JSON.parse(JSON.parse(notification.message).sqs).consoleUrl).toBeNull();
  });

  it('keeps under 256 KiB a record whose every field is 100 KB of what escapes worst', () => {
    const worst = '"\\\u0000\u2028字'.repeat(20_000);
    const signIn = aSignIn({
      eventId: worst,
      userName: worst,
      arn: worst,
      roleArn: worst,
      federation: worst,
      account: worst,
      region: worst,
      sourceIp: worst,
      userAgent: worst,
      eventTime: worst,
      failureReason: worst,
      loginTo: worst,
      mfaDevice: worst,
      identityType: worst,
      outcome: 'Failure',
    });

    const notification = toNotification(signIn, '#0');

    expect(sizeOf(notification)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
    expect(MAX_ENTRY_BYTES).toBeLessThanOrEqual(SNS_MAX_BYTES);
    expect(notification.subject.length).toBeLessThanOrEqual(100);
    expect(JSON.parse(JSON.parse(notification.message).sqs).userAgent).toMatch(/…$/);
  });

  it('renders a sign-in whose eventID holds a lone surrogate, without a link', () => {
    const notification = toNotification(aSignIn({ eventId: 'e-\ud800-1' }), '#0');

    expect(JSON.parse(JSON.parse(notification.message).sqs)).toMatchObject({ consoleUrl: null });
  });
});
