/**
 * The bodies the on-failure queue holds, built around real CloudTrail records: a sign-in the
 * notifier parked, a delivery it parked whole, and Lambda's own on-failure record.
 */

import { PARKED_FORMAT, type ParkedMessage } from '../../src/guarantees/parked-message.js';
import { deliveryOf } from '../../testing/deliveries.js';

export type CloudTrailRecord = Record<string, unknown>;

const PARKED_AT = '2024-05-01T10:00:09.000Z';

export function parkedSignIn(record: CloudTrailRecord): string {
  return JSON.stringify({
    format: PARKED_FORMAT,
    parkedAt: PARKED_AT,
    kind: 'sign-in',
    reason: 'publish-failed',
    error: { code: 'InternalErrorException', message: 'Internal Error' },
    eventId: String(record.eventID),
    record: JSON.stringify(record),
    source: {
      via: 'cloudwatch-logs',
      logGroup: 'CloudTrail/DefaultLogGroup',
      logStream: '111122223333_CloudTrail_us-east-1',
      logEventId: '37000000000000000000000000000000000000000000000000000000',
    },
  } satisfies ParkedMessage);
}

export function parkedDelivery(...records: CloudTrailRecord[]): string {
  return JSON.stringify({
    format: PARKED_FORMAT,
    parkedAt: PARKED_AT,
    kind: 'delivery',
    reason: 'over-cap',
    error: { code: 'DeliveryDecodeError', message: 'awslogs.data holds too many records' },
    event: deliveryOf(records),
  } satisfies ParkedMessage);
}

/** https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html */
export function lambdaFailure(...records: CloudTrailRecord[]): string {
  return lambdaFailureOf(deliveryOf(records));
}

/** Lambda's on-failure record of an invocation with this event (a delivery, or an EventBridge event). */
export function lambdaFailureOf(requestPayload: unknown): string {
  return JSON.stringify({
    version: '1.0',
    timestamp: '2024-05-01T10:03:05.568Z',
    requestContext: {
      requestId: 'e4b46cbf-b738-4a4e-8880-a18cdf61200e',
      functionArn:
        'arn:aws:lambda:eu-west-1:111122223333:function:console-login-notifier-prod-notifier:$LATEST',
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: {
      errorType: 'ParkingError',
      errorMessage: '1 of 1 items could not be parked (InternalError)',
    },
  });
}
