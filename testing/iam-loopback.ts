/**
 * A loopback stand-in for IAM's ListAccountAliases: the AWS query protocol (form-encoded
 * `Action=ListAccountAliases&Version=2010-05-08`, XML replies, XML errors). Point the real SDK at
 * it with AWS_ENDPOINT_URL_IAM. Tests script denials and hangs.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccountAliases.html
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from './json-loopback.js';

const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export interface IamRequest {
  readonly action: string;
  readonly params: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
}

export type IamReply =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly status: number; readonly code: string }
  | { readonly kind: 'hang' };

export interface LoopbackIam {
  readonly url: string;
  readonly requests: IamRequest[];
  close(): Promise<void>;
}

export async function startLoopbackIam(options: {
  /** The account's aliases (an account has at most one). */
  readonly aliases: readonly string[];
  readonly reply?: (request: IamRequest, index: number) => IamReply;
}): Promise<LoopbackIam> {
  const requests: IamRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const request = { action: params.get('Action') ?? '', params, headers: req.headers };
    const reply = options.reply?.(request, requests.push(request) - 1) ?? { kind: 'ok' };
    if (reply.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (reply.kind === 'error' || request.action !== 'ListAccountAliases') {
      const code = reply.kind === 'error' ? reply.code : 'InvalidAction';
      return sendXml(
        res,
        reply.kind === 'error' ? reply.status : 400,
        `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${code}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    }
    const members = options.aliases.map((alias) => `<member>${alias}</member>`).join('');
    sendXml(
      res,
      200,
      `<ListAccountAliasesResponse xmlns="${XMLNS}"><ListAccountAliasesResult><IsTruncated>false</IsTruncated><AccountAliases>${members}</AccountAliases></ListAccountAliasesResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></ListAccountAliasesResponse>`,
    );
  });
  return listen(server, requests, hanging);
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
  res.end(body);
}
