import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DeliveryDecodeError } from '../../../src/shared/errors.js';
import { decodeDelivery, MAX_DECODED_BYTES } from '../../../src/sources/cloudwatch-logs.js';
import { awslogsEvent, deliveryPayload } from '../../../testing/deliveries.js';
import { readEvent } from '../../../testing/events.js';

const base64Of = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const eventWith = (data: string) => ({ awslogs: { data } });

describe('decodeDelivery', () => {
  it('decodes a delivery built from CloudTrail records', () => {
    const delivery = decodeDelivery(awslogsEvent(deliveryPayload(['{"eventName":"ConsoleLogin"}'])));

    expect(delivery.messageType).toBe('DATA_MESSAGE');
    expect(delivery.logEvents).toHaveLength(1);
    expect(delivery.logEvents[0]?.message).toBe('{"eventName":"ConsoleLogin"}');
  });

  it('decodes a real awslogs envelope to the payload its authors recorded', () => {
    const delivery = decodeDelivery(readEvent('cloudwatch-logs/giftbit-awslogs-envelope-cloudtrail'));

    expect(delivery).toEqual(readEvent('cloudwatch-logs/giftbit-decoded-data-message-cloudtrail'));
  });

  it('decodes a captured envelope of a non-CloudTrail log group', () => {
    const delivery = decodeDelivery(readEvent('cloudwatch-logs/powertools-awslogs-envelope-lambda-logs'));

    expect(delivery.logGroup).toBe('/aws/lambda/some-other-name');
    expect(delivery.logEvents).toHaveLength(3);
  });

  it('decodes a control message', () => {
    const delivery = decodeDelivery(awslogsEvent(readEvent('cloudwatch-logs/vector-control-message')));

    expect(delivery.messageType).toBe('CONTROL_MESSAGE');
  });

  it.each([
    ['no awslogs key', { Records: [] }, /not a CloudWatch Logs delivery: awslogs/],
    ['null', null, /not a CloudWatch Logs delivery/],
    ['a string', 'hello', /not a CloudWatch Logs delivery/],
    ['data of the wrong type', { awslogs: { data: 42 } }, /awslogs\.data/],
    ['empty data', eventWith(''), /awslogs\.data/],
    ['bad base64', eventWith('this is not base64!'), /awslogs\.data/],
    ['base64 of plain text', eventWith(base64Of('plain text, not gzip')), /is not gzip/],
    ['truncated gzip', eventWith(base64Of(gzipSync('{"a":1}').subarray(0, 12))), /is not gzip/],
    ['gzip of non-JSON', eventWith(base64Of(gzipSync('not json'))), /is not JSON/],
    ['gzip of a JSON array', eventWith(base64Of(gzipSync('[]'))), /wrong shape/],
    ['an unknown messageType', awslogsEvent({ ...deliveryPayload([]), messageType: 'OTHER' }), /messageType/],
    [
      'a log event without message',
      awslogsEvent({ ...deliveryPayload([]), logEvents: [{ id: '1', timestamp: 1 }] }),
      /logEvents\.0\.message/,
    ],
  ])('rejects %s with a DeliveryDecodeError that says where', (_label, event, message) => {
    expect(() => decodeDelivery(event)).toThrow(DeliveryDecodeError);
    expect(() => decodeDelivery(event)).toThrow(message);
  });

  it('refuses a gzip bomb before it fills the memory', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_DECODED_BYTES + 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);

    expect(() => decodeDelivery(eventWith(base64Of(bomb)))).toThrow(/decompresses to more than/);
  });

  it('keeps the cause of a decode error', () => {
    try {
      decodeDelivery(eventWith(base64Of('plain')));
      expect.unreachable();
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });
});
