/**
 * The part the loopback CloudFormation shares with any AWS query service: an HTTP server on
 * 127.0.0.1 that reads form-encoded `Action=<Operation>` requests, records them, asks the test's
 * `reply` hook what to answer, and writes XML replies (`<Op>Response><Op>Result>…`) and errors
 * (`<ErrorResponse><Error><Type/><Code/><Message/>`). `toXml` writes any plain value the way the
 * query protocol does: lists as `<member>`, timestamps as ISO 8601.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from './json-loopback.js';

export interface QueryRequest {
  readonly action: string;
  readonly params: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
}

export type QueryReply =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message?: string }
  | { readonly kind: 'hang' };

export interface QueryLoopbackOptions {
  /** Decides each reply from the request and its 0-based arrival number; default: all succeed. */
  readonly reply?: (request: QueryRequest, index: number) => QueryReply;
}

/** What the service answers: the content of `<Op>Result>`, or an error it finds itself. */
export type QueryAnswer = (request: QueryRequest) => string | QueryError;

export class QueryError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

export interface QueryLoopback {
  readonly url: string;
  readonly requests: QueryRequest[];
  close(): Promise<void>;
}

export async function startQueryLoopback(
  xmlns: string,
  options: QueryLoopbackOptions,
  answer: QueryAnswer,
): Promise<QueryLoopback> {
  const requests: QueryRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const request: QueryRequest = { action: params.get('Action') ?? '', params, headers: req.headers };
    const index = requests.push(request) - 1;
    const reply = options.reply?.(request, index) ?? { kind: 'ok' };
    if (reply.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (reply.kind === 'error') {
      return sendXml(res, reply.status, errorXml(xmlns, reply.status, reply.code, reply.message));
    }
    const result = answer(request);
    if (result instanceof QueryError) {
      return sendXml(res, result.status, errorXml(xmlns, result.status, result.code, result.message));
    }
    const { action } = request;
    sendXml(
      res,
      200,
      `<${action}Response xmlns="${xmlns}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
    );
  });
  return listen(server, requests, hanging);
}

/** The error document of the query protocol; a 5xx is the receiver's fault, anything else the sender's. */
export function errorXml(xmlns: string, status: number, code: string, message = code): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

/**
 * A plain value as query-protocol XML: each key an element, arrays as `<member>` lists, dates as
 * ISO 8601; `undefined` leaves the element out, as AWS leaves out what is not set.
 */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => `<${key}>${toXml(field)}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"\r]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
  res.end(body);
}
