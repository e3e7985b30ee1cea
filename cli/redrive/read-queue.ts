/**
 * Reads each message of the on-failure queue once. SQS has no peek: a message read comes back when
 * its visibility timeout ends, which a long dry run outlasts. So the reader knows how many messages
 * the queue holds when it starts (GetQueueAttributes), skips a message it has already read, and
 * stops once it has read that many, the queue answers nothing, or only repeats come back; it says
 * when it saw fewer than the queue held. A dry run leaves every message it read visible again.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 */
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** Receives in a row that bring back only messages already read: the rest is held elsewhere. */
const REPEATS_BEFORE_STOPPING = 5;

export interface QueueReading {
  readonly read: number;
  /** How many messages the queue held when the reading started; undefined if it could not say. */
  readonly held: number | undefined;
}

export async function readEachMessageOnce(
  sqs: SQSClient,
  queueUrl: string,
  { max, visibilitySeconds, keepVisible }: { max: number; visibilitySeconds: number; keepVisible: boolean },
  handle: (message: Message) => Promise<void>,
): Promise<QueueReading> {
  const held = await depthOf(sqs, queueUrl);
  const goal = Math.min(max, held ?? Number.POSITIVE_INFINITY);
  const read = new Map<string, string>(); // MessageId → its latest receipt handle
  let repeats = 0;
  while (read.size < goal && repeats < REPEATS_BEFORE_STOPPING) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, goal - read.size),
        WaitTimeSeconds: 1,
        VisibilityTimeout: visibilitySeconds,
      }),
    );
    if (Messages.length === 0) break;
    const fresh = Messages.filter(({ MessageId = '' }) => !read.has(MessageId));
    for (const { MessageId = '', ReceiptHandle = '' } of Messages) read.set(MessageId, ReceiptHandle);
    repeats = fresh.length === 0 ? repeats + 1 : 0;
    for (const message of fresh) await handle(message);
  }
  if (keepVisible) await makeVisibleAgain(sqs, queueUrl, [...read.values()]);
  return { read: read.size, held };
}

async function depthOf(sqs: SQSClient, queueUrl: string): Promise<number | undefined> {
  try {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  } catch (error) {
    if ((error as Error).name !== 'AccessDenied' && (error as Error).name !== 'AccessDeniedException')
      throw error;
    console.error(
      '  (cannot read the queue depth without sqs:GetQueueAttributes: reading until repeats come back)',
    );
    return undefined;
  }
}

/** After a dry run, the messages it read are ready at once for the --execute run that follows. */
async function makeVisibleAgain(sqs: SQSClient, queueUrl: string, handles: readonly string[]): Promise<void> {
  for (let start = 0; start < handles.length; start += 10) {
    const Entries = handles
      .slice(start, start + 10)
      .map((ReceiptHandle, index) => ({ Id: String(index), ReceiptHandle, VisibilityTimeout: 0 }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries }));
  }
}
