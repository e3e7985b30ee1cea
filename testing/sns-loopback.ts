/**
 * A loopback stand-in for Amazon SNS that speaks the real wire protocol (AWS query: form-encoded
 * `Action=Publish|PublishBatch|ListSubscriptionsByTopic`, XML replies). Point the real SDK at it
 * with AWS_ENDPOINT_URL_SNS.
 * Tests script its replies (throttling, 5xx, partial batch failures, hangs); the demo and the
 * benchmark read what subscribers would receive.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from './json-loopback.js';
import { type SeededSubscription, subscriptionsXml } from './sns-subscriptions.js';

export type { SeededSubscription } from './sns-subscriptions.js';

export interface WireMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subject: string | undefined;
  readonly message: string;
  readonly messageStructure: string | undefined;
  readonly attributes: Record<string, { dataType: string; value: string }>;
}

export interface WireRequest {
  readonly action: string;
  readonly params: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** Entries of a PublishBatch, or the one message of a Publish, as sent. */
  readonly entries: (Omit<WireMessage, 'messageId'> & { id: string })[];
}

/** What the loopback answers to one request. */
export type Reply =
  | { readonly kind: 'ok' }
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code: string;
      readonly message?: string;
      readonly sender?: boolean;
    }
  | {
      readonly kind: 'partial';
      readonly fail: (entryId: string) => { code: string; senderFault: boolean } | undefined;
      /** Entries neither published nor named in the reply: a reply SNS should never send. */
      readonly omit?: (entryId: string) => boolean;
    }
  | { readonly kind: 'hang' };

export interface LoopbackSnsOptions {
  /** Added before every reply, like a network round trip. */
  readonly latencyMs?: number;
  /** What ListSubscriptionsByTopic lists, for any topic. */
  readonly subscriptions?: readonly SeededSubscription[];
  /** Decides each reply from the request and its 0-based arrival number; default: all succeed. */
  readonly reply?: (request: WireRequest, index: number) => Reply;
}

export interface LoopbackSns {
  readonly url: string;
  readonly requests: WireRequest[];
  /** Messages SNS accepted, in order: what subscribers would receive. */
  readonly delivered: WireMessage[];
  /** The most requests that were waiting for their reply at the same time. */
  mostInFlight(): number;
  close(): Promise<void>;
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const MAX_BATCH_BYTES = 256 * 1024;

/** What SNS counts of a batch: each message with its subject and attributes. */
function batchBytes(entries: WireRequest['entries']): number {
  let bytes = 0;
  for (const { message, subject = '', attributes } of entries) {
    bytes += Buffer.byteLength(message) + Buffer.byteLength(subject);
    for (const [name, { dataType, value }] of Object.entries(attributes)) {
      bytes += Buffer.byteLength(name) + Buffer.byteLength(dataType) + Buffer.byteLength(value);
    }
  }
  return bytes;
}

export async function startLoopbackSns(options: LoopbackSnsOptions = {}): Promise<LoopbackSns> {
  const requests: WireRequest[] = [];
  const delivered: WireMessage[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const action = params.get('Action') ?? '';
    const request: WireRequest = { action, params, headers: req.headers, entries: entriesOf(action, params) };
    const index = requests.push(request) - 1;
    const reply = options.reply?.(request, index) ?? { kind: 'ok' };
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    if (reply.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (reply.kind === 'error') {
      const type = reply.sender === false || reply.status >= 500 ? 'Receiver' : 'Sender';
      return send(
        res,
        reply.status,
        `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${reply.code}</Code><Message>${escapeXml(reply.message ?? reply.code)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    }
    if (action === 'Publish') {
      const [entry] = request.entries;
      const messageId = randomUUID();
      if (entry) delivered.push({ ...withoutId(entry), messageId });
      return send(
        res,
        200,
        `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>${metadata()}</PublishResponse>`,
      );
    }
    if (action === 'PublishBatch' && batchBytes(request.entries) > MAX_BATCH_BYTES) {
      // https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html: 256 KiB for all entries together.
      return send(
        res,
        400,
        `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>BatchRequestTooLong</Code><Message>The length of all the messages put together is more than the limit.</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    }
    if (action === 'PublishBatch') {
      const successful: string[] = [];
      const failed: string[] = [];
      for (const entry of request.entries) {
        if (reply.kind === 'partial' && reply.omit?.(entry.id)) continue;
        const failure = reply.kind === 'partial' ? reply.fail(entry.id) : undefined;
        if (failure) {
          failed.push(
            `<member><Id>${escapeXml(entry.id)}</Id><Code>${failure.code}</Code><Message>${failure.code}</Message><SenderFault>${failure.senderFault}</SenderFault></member>`,
          );
        } else {
          const messageId = randomUUID();
          delivered.push({ ...withoutId(entry), messageId });
          successful.push(
            `<member><Id>${escapeXml(entry.id)}</Id><MessageId>${messageId}</MessageId></member>`,
          );
        }
      }
      return send(
        res,
        200,
        `<PublishBatchResponse xmlns="${XMLNS}"><PublishBatchResult><Successful>${successful.join('')}</Successful><Failed>${failed.join('')}</Failed></PublishBatchResult>${metadata()}</PublishBatchResponse>`,
      );
    }
    if (action === 'ListSubscriptionsByTopic') {
      const result = subscriptionsXml(options.subscriptions ?? [], params.get('TopicArn') ?? '');
      return send(res, 200, `<${action}Response xmlns="${XMLNS}">${result}${metadata()}</${action}Response>`);
    }
    return send(
      res,
      400,
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>The loopback SNS does not implement ${escapeXml(action)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    );
  });

  return { ...(await listen(server, requests, hanging)), delivered };
}

function entriesOf(action: string, params: URLSearchParams): WireRequest['entries'] {
  const topicArn = params.get('TopicArn') ?? '';
  const read = (prefix: string, id: string) => ({
    id,
    topicArn,
    subject: params.get(`${prefix}Subject`) ?? undefined,
    message: params.get(`${prefix}Message`) ?? '',
    messageStructure: params.get(`${prefix}MessageStructure`) ?? undefined,
    attributes: attributesOf(params, `${prefix}MessageAttributes.entry.`),
  });
  if (action === 'Publish') return [read('', 'single')];
  if (action !== 'PublishBatch') return [];
  const entries: WireRequest['entries'] = [];
  for (let n = 1; params.has(`PublishBatchRequestEntries.member.${n}.Id`); n++) {
    const prefix = `PublishBatchRequestEntries.member.${n}.`;
    entries.push(read(prefix, params.get(`${prefix}Id`) as string));
  }
  return entries;
}

function attributesOf(params: URLSearchParams, prefix: string): WireMessage['attributes'] {
  const attributes: WireMessage['attributes'] = {};
  for (let n = 1; params.has(`${prefix}${n}.Name`); n++) {
    attributes[params.get(`${prefix}${n}.Name`) as string] = {
      dataType: params.get(`${prefix}${n}.Value.DataType`) ?? '',
      value: params.get(`${prefix}${n}.Value.StringValue`) ?? '',
    };
  }
  return attributes;
}

function withoutId({ id: _id, ...message }: WireRequest['entries'][number]): Omit<WireMessage, 'messageId'> {
  return message;
}

function metadata(): string {
  return `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(body);
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
