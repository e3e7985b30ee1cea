/**
 * Builds CloudWatch Logs `awslogs` deliveries from readable records at test time, the way
 * CloudWatch Logs does: JSON → gzip → base64 (encodeDelivery, the decoder's own inverse).
 */
import { encodeDelivery } from '../src/sources/cloudwatch-logs.js';

export interface DeliveryOptions {
  readonly messageType?: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  readonly logGroup?: string;
}

/** The decoded payload CloudWatch Logs would send for these messages. */
export function deliveryPayload(messages: readonly string[], options: DeliveryOptions = {}) {
  return {
    messageType: options.messageType ?? 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: options.logGroup ?? 'CloudTrail/DefaultLogGroup',
    logStream: '111122223333_CloudTrail_us-east-1',
    subscriptionFilters: ['console-login-notifier-prod-NotifierLogsSubscriptionFilter'],
    logEvents: messages.map((message, index) => ({
      id: String(37000000000000000000000000000000000000000000000000000000n + BigInt(index)),
      timestamp: 1700000000000 + index,
      message,
    })),
  };
}

/** A Lambda event as CloudWatch Logs delivers it: `{"awslogs":{"data":base64(gzip(json))}}`. */
export const awslogsEvent = encodeDelivery;

/** Shorthand: a delivery of these CloudTrail records, each serialised as CloudTrail writes it. */
export function deliveryOf(records: readonly unknown[], options?: DeliveryOptions) {
  return encodeDelivery(
    deliveryPayload(
      records.map((record) => JSON.stringify(record)),
      options,
    ),
  );
}
