/**
 * A loopback stand-in for the CloudFormation reads of a deployed stack (AWS query protocol):
 * DescribeStacks, ListStackResources (paged) and GetTemplate, over stacks seeded by the test.
 * Point the real SDK at it with AWS_ENDPOINT_URL_CLOUDFORMATION. The stacks are in one region: a
 * request signed for another finds none, as a stack deployed elsewhere is not there. A stack that
 * is not there gets the reply AWS sends: 400 `ValidationError`, "Stack with id … does not exist".
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html
 */
import { randomUUID } from 'node:crypto';
import {
  QueryError,
  type QueryLoopback,
  type QueryLoopbackOptions,
  type QueryRequest,
  startQueryLoopback,
  toXml,
} from './query-loopback.js';

export type { QueryRequest } from './query-loopback.js';

export interface SeededResource {
  readonly logicalId: string;
  readonly physicalId: string;
  readonly type: string;
  /** Default `CREATE_COMPLETE`. */
  readonly status?: string;
}

export interface SeededStack {
  readonly name: string;
  /** Default `UPDATE_COMPLETE`. */
  readonly status?: string;
  readonly statusReason?: string;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly resources?: readonly SeededResource[];
  /** The template as deployed: an object is sent as JSON, a string as it is. */
  readonly template?: unknown;
}

export interface LoopbackCloudFormationOptions extends QueryLoopbackOptions {
  readonly stacks?: readonly SeededStack[];
  /** The region of the stacks (and of their IDs), and their account. Default `eu-west-1`, `111122223333`. */
  readonly region?: string;
  readonly account?: string;
  /** At most this many resources per ListStackResources page. Default 100, as AWS. */
  readonly pageSize?: number;
}

const XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const CREATED = new Date('2026-01-05T09:00:00Z');

export async function startLoopbackCloudFormation(
  options: LoopbackCloudFormationOptions = {},
): Promise<QueryLoopback> {
  const region = options.region ?? 'eu-west-1';
  const prefix = `arn:aws:cloudformation:${region}:${options.account ?? '111122223333'}:stack`;
  const stacks = (options.stacks ?? []).map((stack) => ({
    ...stack,
    id: `${prefix}/${stack.name}/${randomUUID()}`,
  }));
  type Stack = (typeof stacks)[number];
  const find = ({ params, headers }: QueryRequest): Stack | QueryError => {
    const name = params.get('StackName') ?? '';
    const stack = stacks.find(
      (candidate) =>
        signedFor(headers.authorization) === region && (candidate.name === name || candidate.id === name),
    );
    return stack ?? new QueryError(400, 'ValidationError', `Stack with id ${name} does not exist`);
  };

  return startQueryLoopback(XMLNS, options, (request) => {
    const { action, params } = request;
    if (action === 'DescribeStacks') {
      const inRegion = signedFor(request.headers.authorization) === region ? stacks : [];
      const found = params.has('StackName') ? find(request) : inRegion;
      if (found instanceof QueryError) return found;
      return toXml({ Stacks: (Array.isArray(found) ? found : [found]).map(describe) });
    }
    if (action === 'ListStackResources') {
      const stack = find(request);
      if (stack instanceof QueryError) return stack;
      const offset = Number(params.get('NextToken') ?? 0);
      const end = offset + (options.pageSize ?? 100);
      const resources = stack.resources ?? [];
      return toXml({
        StackResourceSummaries: resources.slice(offset, end).map((resource) => ({
          LogicalResourceId: resource.logicalId,
          PhysicalResourceId: resource.physicalId,
          ResourceType: resource.type,
          LastUpdatedTimestamp: CREATED,
          ResourceStatus: resource.status ?? 'CREATE_COMPLETE',
        })),
        NextToken: end < resources.length ? String(end) : undefined,
      });
    }
    if (action === 'GetTemplate') {
      const stack = find(request);
      if (stack instanceof QueryError) return stack;
      const body = typeof stack.template === 'string' ? stack.template : JSON.stringify(stack.template ?? {});
      return toXml({ TemplateBody: body, StagesAvailable: ['Original', 'Processed'] });
    }
    return new QueryError(400, 'InvalidAction', `The loopback CloudFormation does not implement ${action}`);
  });
}

function describe(stack: SeededStack & { id: string }) {
  return {
    StackId: stack.id,
    StackName: stack.name,
    CreationTime: CREATED,
    StackStatus: stack.status ?? 'UPDATE_COMPLETE',
    StackStatusReason: stack.statusReason,
    Outputs: Object.entries(stack.outputs ?? {}).map(([OutputKey, OutputValue]) => ({
      OutputKey,
      OutputValue,
    })),
  };
}

/** The region of the SigV4 credential scope: `Credential=<key>/<date>/<region>/<service>/aws4_request`. */
function signedFor(authorization: string | undefined): string | undefined {
  return /Credential=[^/]+\/\d+\/([^/]+)\//.exec(authorization ?? '')?.[1];
}
