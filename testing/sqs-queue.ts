/**
 * The in-memory queue behind the loopback SQS: visibility timeouts, receipt handles, receive counts,
 * and the message documents of the JSON protocol with the MD5s the SDK checks.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 */
import { createHash, randomUUID } from 'node:crypto';

export type MessageAttributes = Record<
  string,
  { DataType: string; StringValue?: string; BinaryValue?: string }
>;
type Input = Record<string, unknown>;

interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: MessageAttributes;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  receiptHandle?: string;
  visibleAt: number;
}

export type Queue = ReturnType<typeof createQueue>;

/** `visibilityMs` also caps a request's VisibilityTimeout; long polls wait at most `maxWaitMs`. */
export function createQueue(visibilityMs: number, maxWaitMs: number) {
  const messages: QueuedMessage[] = [];
  const issuedHandles = new Set<string>();
  const visible = () => messages.filter((message) => message.visibleAt <= Date.now());

  return {
    bodies: () => messages.map(({ body }) => body),

    /** Queues a message; answers what SendMessage and SendMessageBatch entries answer. */
    enqueue(body: string, attributes: MessageAttributes = {}) {
      const messageId = randomUUID();
      messages.push({ messageId, body, attributes, sentAt: Date.now(), receiveCount: 0, visibleAt: 0 });
      return { MessageId: messageId, MD5OfMessageBody: md5(body), ...attributesDigest(attributes) };
    },

    /** ReceiveMessage: waits for a visible message, then hides what it hands out. */
    async receive(input: Input) {
      const deadline = Date.now() + Math.min(Number(input.WaitTimeSeconds ?? 0) * 1000, maxWaitMs);
      while (visible().length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const now = Date.now();
      const requested =
        input.VisibilityTimeout === undefined ? visibilityMs : Number(input.VisibilityTimeout) * 1000;
      const taken = visible().slice(0, Number(input.MaxNumberOfMessages ?? 1));
      for (const message of taken) {
        message.receiveCount += 1;
        message.firstReceivedAt ??= now;
        message.receiptHandle = `${message.messageId}#${randomUUID()}`;
        message.visibleAt = now + Math.min(requested, visibilityMs);
        issuedHandles.add(message.receiptHandle);
      }
      // SQS leaves `Messages` out of the reply when there are none.
      return taken.length === 0 ? {} : { Messages: taken.map((message) => received(message, input)) };
    },

    /** Deletes by receipt handle. A handle never issued is invalid; a stale one deletes nothing, quietly. */
    remove(handle: unknown): string | undefined {
      if (typeof handle !== 'string' || !issuedHandles.has(handle)) {
        return `The input receipt handle "${String(handle)}" is not a valid receipt handle.`;
      }
      const at = messages.findIndex((message) => message.receiptHandle === handle);
      if (at >= 0) messages.splice(at, 1);
      return undefined;
    },

    /** ChangeMessageVisibility: a message in flight becomes visible `seconds` from now. */
    changeVisibility(handle: unknown, seconds: unknown): string | undefined {
      const message = messages.find((candidate) => candidate.receiptHandle === handle);
      if (typeof handle !== 'string' || !issuedHandles.has(handle) || !message) {
        return `The input receipt handle "${String(handle)}" is not a valid receipt handle.`;
      }
      message.visibleAt = Date.now() + Math.min(Number(seconds) * 1000, visibilityMs);
      return undefined;
    },

    /** GetQueueAttributes, for the attribute names asked (or `All`). */
    attributes(input: Input): Record<string, string> {
      const ready = visible().length;
      return pick(input.AttributeNames, {
        ApproximateNumberOfMessages: String(ready),
        ApproximateNumberOfMessagesNotVisible: String(messages.length - ready),
        ApproximateNumberOfMessagesDelayed: '0',
        QueueArn: 'arn:aws:sqs:us-east-1:123456789012:loopback-queue',
        VisibilityTimeout: String(Math.ceil(visibilityMs / 1000)),
      });
    },
  };
}

function received(message: QueuedMessage, input: Input) {
  const wanted = asList(input.MessageAttributeNames);
  const attributes = Object.fromEntries(
    Object.entries(message.attributes).filter(([name]) =>
      wanted.some((w) => ['All', '.*', name].includes(w)),
    ),
  );
  const system = pick([...asList(input.MessageSystemAttributeNames), ...asList(input.AttributeNames)], {
    SenderId: 'AIDAEXAMPLELOOPBACK',
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
  });
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: md5(message.body),
    Body: message.body,
    ...(Object.keys(system).length > 0 ? { Attributes: system } : {}),
    ...(Object.keys(attributes).length > 0
      ? { MessageAttributes: attributes, ...attributesDigest(attributes) }
      : {}),
  };
}

/**
 * MD5OfMessageAttributes: names sorted; name, type and value each length-prefixed (4 bytes, big
 * endian), with a transport byte before the value (1 string/number, 2 binary).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
export function attributesDigest(attributes: MessageAttributes): { MD5OfMessageAttributes?: string } {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return {};
  const hash = createHash('md5');
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of names) {
    const { DataType, StringValue, BinaryValue } = attributes[name] as MessageAttributes[string];
    field(Buffer.from(name));
    field(Buffer.from(DataType));
    hash.update(Buffer.from([BinaryValue === undefined ? 1 : 2]));
    field(BinaryValue === undefined ? Buffer.from(StringValue ?? '') : Buffer.from(BinaryValue, 'base64'));
  }
  return { MD5OfMessageAttributes: hash.digest('hex') };
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The entries named in `names`, or all of them for `All`. */
function pick(names: unknown, all: Record<string, string>): Record<string, string> {
  const list = asList(names);
  return Object.fromEntries(
    Object.entries(all).filter(([name]) => list.includes('All') || list.includes(name)),
  );
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
