/**
 * The subscriptions the loopback SNS lists (ListSubscriptionsByTopic): confirmed ones carry an
 * ARN, an endpoint that has not confirmed yet carries the literal `PendingConfirmation`.
 * https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptionsByTopic.html
 */
import { randomUUID } from 'node:crypto';
import { toXml } from './query-loopback.js';

export interface SeededSubscription {
  readonly protocol: string;
  readonly endpoint: string;
  /** Default: confirmed, `<TopicArn>:<uuid>`; `PendingConfirmation` until the endpoint confirms. */
  readonly subscriptionArn?: string;
}

/** The `<ListSubscriptionsByTopicResult>` of every seeded subscription, all on this topic. */
export function subscriptionsXml(subscriptions: readonly SeededSubscription[], topicArn: string): string {
  const Subscriptions = subscriptions.map((subscription) => ({
    SubscriptionArn: subscription.subscriptionArn ?? `${topicArn}:${randomUUID()}`,
    Owner: '111122223333',
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    TopicArn: topicArn,
  }));
  return `<ListSubscriptionsByTopicResult>${toXml({ Subscriptions })}</ListSubscriptionsByTopicResult>`;
}
