/**
 * A loopback stand-in for AWS Organizations: AWS JSON 1.1 (`X-Amz-Target:
 * AWSOrganizationsV20161128.DescribeAccount`, JSON body, JSON replies). Point the real SDK at it
 * with AWS_ENDPOINT_URL_ORGANIZATIONS. It knows the accounts it is given; tests script denials,
 * slow answers and hangs. `answered` records each reply as it is written, for ordering assertions.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeAccount.html
 */
import {
  type CommonReply,
  errorBody,
  type JsonLoopback,
  type JsonRequest,
  sendJson,
  startJsonLoopback,
} from './json-loopback.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export type OrganizationsReply = CommonReply | { readonly kind: 'slow'; readonly ms: number };

export interface LoopbackOrganizations extends JsonLoopback {
  /** The account IDs answered, in the order the replies were written. */
  readonly answered: string[];
}

export async function startLoopbackOrganizations(options: {
  /** Account ID → name: the organization's accounts. */
  readonly accounts: Readonly<Record<string, string>>;
  readonly reply?: (request: JsonRequest, index: number) => OrganizationsReply;
}): Promise<LoopbackOrganizations> {
  const answered: string[] = [];
  const loopback = await startJsonLoopback<OrganizationsReply>(options, async (request, reply, { res }) => {
    if (reply.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, reply.ms));
    const accountId = String(request.body.AccountId ?? '');
    answered.push(accountId);
    if (reply.kind === 'error') {
      return sendJson(res, reply.status, CONTENT_TYPE, errorBody(reply.code, reply.message ?? reply.code));
    }
    if (request.operation !== 'DescribeAccount') {
      return sendJson(res, 400, CONTENT_TYPE, errorBody('UnknownOperationException', request.operation));
    }
    const name = options.accounts[accountId];
    if (name === undefined) {
      const message = "You specified an account that doesn't exist.";
      return sendJson(res, 400, CONTENT_TYPE, errorBody('AccountNotFoundException', message));
    }
    sendJson(res, 200, CONTENT_TYPE, {
      Account: {
        Id: accountId,
        Arn: `arn:aws:organizations::111111111111:account/o-exampleorgid/${accountId}`,
        Email: 'owner@example.com',
        Name: name,
        Status: 'ACTIVE',
        State: 'ACTIVE',
        JoinedMethod: 'CREATED',
        JoinedTimestamp: 1481756563.134,
      },
    });
  });
  return { ...loopback, answered };
}
