/**
 * The loopback SNS's ListSubscriptionsByTopic against the REAL SNS client (AWS query,
 * AWS_ENDPOINT_URL_SNS): confirmed subscriptions carry their ARN, one waiting for its endpoint to
 * confirm carries `PendingConfirmation`, as at AWS. (Publishing is covered by test/wire/.)
 */
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackSns } from '../../../testing/sns-loopback.js';
import { caught, closeServed, serve, stubAwsEnvironment } from '../../support/loopback-clients.js';

beforeEach(stubAwsEnvironment);
afterEach(closeServed);

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:console-login-notifier-prod-SignInTopic';

describe('loopback SNS subscriptions', () => {
  it('lists confirmed and pending subscriptions of the topic', async () => {
    const [, client] = await serve(
      'SNS',
      startLoopbackSns({
        subscriptions: [
          { protocol: 'email', endpoint: 'security@example.com', subscriptionArn: 'PendingConfirmation' },
          { protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:111122223333:siem' },
        ],
      }),
      () => new SNSClient({}),
    );

    const { Subscriptions, NextToken } = await client.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC_ARN }),
    );

    expect(Subscriptions).toEqual([
      {
        SubscriptionArn: 'PendingConfirmation',
        Owner: '111122223333',
        Protocol: 'email',
        Endpoint: 'security@example.com',
        TopicArn: TOPIC_ARN,
      },
      {
        SubscriptionArn: expect.stringMatching(new RegExp(`^${TOPIC_ARN}:[0-9a-f-]{36}$`)),
        Owner: '111122223333',
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:eu-west-1:111122223333:siem',
        TopicArn: TOPIC_ARN,
      },
    ]);
    expect(NextToken).toBeUndefined();
  });

  it('answers a scripted AuthorizationError as SNS does when access is denied', async () => {
    const [, client] = await serve(
      'SNS',
      startLoopbackSns({
        reply: () => ({ kind: 'error', status: 403, code: 'AuthorizationError', message: 'not authorized' }),
      }),
      () => new SNSClient({}),
    );

    const error = await caught(client.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC_ARN })));

    expect(error).toMatchObject({ name: 'AuthorizationErrorException', message: 'not authorized' });
  });
});
