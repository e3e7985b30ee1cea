/**
 * The topic must have at least one confirmed subscription. An e-mail (or HTTPS) subscription waits
 * as `PendingConfirmation` until its endpoint confirms, and receives nothing meanwhile: the
 * classic silent failure of a fresh deploy. Confirmation links are valid for three days.
 * https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
 */
import { ListSubscriptionsByTopicCommand, type Subscription } from '@aws-sdk/client-sns';
import { ask, cannotCheck } from './aws-call.js';
import type { Clients } from './clients.js';
import type { DeployedStack } from './locate-stack.js';
import { type Finding, fail, ok, warn } from './report.js';

export async function checkTopic(clients: Clients, stack: DeployedStack): Promise<Finding[]> {
  const { topicArn, region } = stack;
  if (!topicArn) return [fail(`stack ${stack.name} has no TopicArn output`, 'deploy the stack again')];
  const topic = `topic ${topicArn.split(':').pop()}`;
  const subscriptions: Subscription[] = [];
  try {
    let NextToken: string | undefined;
    do {
      const page = await ask('sns:ListSubscriptionsByTopic', () =>
        clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken })),
      );
      subscriptions.push(...(page.Subscriptions ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    return [cannotCheck(topic, error)];
  }
  const subscribe = (protocol: string, endpoint: string) =>
    `aws sns subscribe --topic-arn ${topicArn} --protocol ${protocol} --notification-endpoint ${endpoint} --region ${region}`;
  const confirmed = subscriptions.filter(({ SubscriptionArn = '' }) => SubscriptionArn.startsWith('arn:'));
  const pending = subscriptions.filter(({ SubscriptionArn }) => SubscriptionArn === 'PendingConfirmation');
  if (subscriptions.length === 0) {
    return [
      fail(
        `${topic} has no subscription: every sign-in is announced to nobody`,
        `${subscribe('email', 'security@example.com')} (then confirm the e-mail), or deploy with --param="email=…"`,
      ),
    ];
  }
  const findings: Finding[] = [];
  if (confirmed.length > 0) {
    findings.push(
      ok(
        `${topic} has ${confirmed.length} confirmed subscription${confirmed.length === 1 ? '' : 's'}: ${confirmed.map(describe).join(', ')}`,
      ),
    );
  } else if (pending.length === 0) {
    findings.push(fail(`${topic} has no confirmed subscription: every sign-in is announced to nobody`));
  }
  const alone = confirmed.length === 0 ? ', and nobody else is subscribed' : '';
  for (const subscription of pending) {
    const { Protocol = '', Endpoint = '' } = subscription;
    const text = `${topic}: ${describe(subscription)} has not confirmed its subscription: it receives nothing${alone}`;
    const fix = /^email/.test(Protocol)
      ? `open the mail "AWS Notification - Subscription Confirmation" sent to ${Endpoint} (look in spam too) and follow "Confirm subscription"; the link is valid for three days. For a new one: ${subscribe(Protocol, Endpoint)}`
      : `the endpoint must confirm (visit the SubscribeURL of the confirmation SNS sent it). For a new request: ${subscribe(Protocol, Endpoint)}`;
    findings.push(confirmed.length > 0 ? warn(text, fix) : fail(text, fix));
  }
  return findings;
}

function describe({ Protocol, Endpoint }: Subscription): string {
  return `${Protocol} ${Endpoint}`;
}
