/**
 * The demo's SNS: a real SNSClient whose PublishBatch requests never leave the process. A
 * middleware at the head of the client's stack keeps each request's entries, as SNS would receive
 * them, and answers as SNS does when it accepts them all. Nothing is resolved before it, neither
 * credentials nor region nor endpoint, so the demo reads no AWS profile, config or credentials.
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/middleware-stack.html
 */
import { randomUUID } from 'node:crypto';
import {
  type PublishBatchCommandInput,
  type PublishBatchCommandOutput,
  SNSClient,
} from '@aws-sdk/client-sns';

export interface CapturedMessage {
  readonly subject: string | undefined;
  /** The `MessageStructure: json` document: one body per protocol. */
  readonly message: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface CaptureSns {
  readonly sns: SNSClient;
  readonly published: CapturedMessage[];
  /** How many PublishBatch requests the pipeline sent. */
  requests(): number;
}

export function createCaptureSns(): CaptureSns {
  const published: CapturedMessage[] = [];
  let requests = 0;
  const sns = new SNSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
  });
  sns.middlewareStack.add(
    () => async (args) => {
      requests++;
      const entries = (args.input as PublishBatchCommandInput).PublishBatchRequestEntries ?? [];
      for (const { Subject, Message = '', MessageAttributes = {} } of entries) {
        const attributes = Object.fromEntries(
          Object.entries(MessageAttributes).map(([name, value]) => [name, value.StringValue ?? '']),
        );
        published.push({ subject: Subject, message: Message, attributes });
      }
      const output: PublishBatchCommandOutput = {
        Successful: entries.map(({ Id }) => ({ Id, MessageId: randomUUID() })),
        Failed: [],
        $metadata: { httpStatusCode: 200 },
      };
      return { output, response: {} };
    },
    { step: 'initialize', name: 'demoCaptureSns', priority: 'high' },
  );
  return { sns, published, requests: () => requests };
}
