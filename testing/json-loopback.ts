/**
 * The part the loopback SQS, CloudWatch Logs and DynamoDB share: an HTTP server on 127.0.0.1 that
 * speaks the AWS JSON protocols (POST /, `X-Amz-Target: <Service>.<Operation>`, JSON body),
 * records every request, asks the test's `reply` hook what to answer, and can leave a request
 * hanging. Each service answers `ok` and its own reply kinds; errors have one shape on the wire.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

export interface JsonRequest {
  /** The operation named by X-Amz-Target, e.g. `SendMessage`. */
  readonly operation: string;
  /** The JSON body as sent; `{}` when it was empty or not JSON. */
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
}

export type ErrorReply = {
  readonly kind: 'error';
  readonly status: number;
  /** The error code, e.g. `ThrottlingException`; a `namespace#Code` is sent as given. */
  readonly code: string;
  readonly message?: string;
};

/** The replies every loopback understands; services add their own partial failures. */
export type CommonReply = { readonly kind: 'ok' } | ErrorReply | { readonly kind: 'hang' };

export interface LoopbackOptions<R> {
  /** Added before every reply, like a network round trip. */
  readonly latencyMs?: number;
  /** Decides each reply from the request and its 0-based arrival number; default: all succeed. */
  readonly reply?: (request: JsonRequest, index: number) => R;
}

/** What a service does with a request once the hook has chosen a reply other than `hang`. */
export type Answer<R> = (
  request: JsonRequest,
  reply: Exclude<R, { kind: 'hang' }>,
  exchange: Exchange,
) => unknown;

export interface Exchange {
  readonly raw: Buffer;
  readonly res: ServerResponse;
}

export interface JsonLoopback {
  readonly url: string;
  readonly requests: JsonRequest[];
  /** The most requests that were waiting for their reply at the same time. */
  mostInFlight(): number;
  close(): Promise<void>;
}

export async function startJsonLoopback<R extends { readonly kind: string }>(
  options: LoopbackOptions<R>,
  answer: Answer<R>,
): Promise<JsonLoopback> {
  const requests: JsonRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const request: JsonRequest = {
      operation: operationOf(req),
      body: parseObject(raw),
      headers: req.headers,
    };
    const index = requests.push(request) - 1;
    const reply = options.reply?.(request, index) ?? ({ kind: 'ok' } as R);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (reply.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    try {
      await answer(request, reply as Exclude<R, { kind: 'hang' }>, { raw, res });
    } catch (error) {
      if (!res.headersSent)
        sendJson(res, 500, 'application/x-amz-json-1.0', errorBody('InternalFailure', String(error)));
    }
  });
  return listen(server, requests, hanging);
}

/** Listens on a free loopback port; `close` also ends the replies left hanging on purpose. */
export async function listen<Q>(
  server: ReturnType<typeof createServer>,
  requests: Q[],
  hanging: Set<ServerResponse>,
): Promise<{ url: string; requests: Q[]; mostInFlight(): number; close(): Promise<void> }> {
  let inFlight = 0;
  let most = 0;
  server.on('request', (_req, res: ServerResponse) => {
    most = Math.max(most, ++inFlight);
    res.on('close', () => inFlight--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    mostInFlight: () => most,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON reply with the headers AWS sends: a request id and the CRC32 DynamoDB clients may check. */
export function sendJson(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'x-amzn-requestid': randomUUID(),
    'x-amz-crc32': String(crc32(text)),
    ...headers,
  });
  res.end(text);
}

/** The error document of the AWS JSON protocols; the SDK reads the code after any `#`. */
export function errorBody(type: string, message: string): { __type: string; message: string } {
  return { __type: type, message };
}

/** Prefixes a bare code with the service's Smithy namespace, as SQS and DynamoDB do. */
export function qualified(namespace: string | undefined, code: string): string {
  return namespace && !code.includes('#') ? `${namespace}#${code}` : code;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function operationOf(req: IncomingMessage): string {
  const target = req.headers['x-amz-target'];
  return (typeof target === 'string' ? target : '').split('.').pop() ?? '';
}

function parseObject(raw: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
