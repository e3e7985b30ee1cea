/**
 * AWS clients, created once per container and reused by every invocation (connection reuse).
 * Those the notifier rarely needs (SQS to park, Organizations and IAM to name accounts) load lazily.
 * The SDK honours AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL, which the tests and the demo
 * point at loopback servers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ListAccountAliasesCommandOutput } from '@aws-sdk/client-iam';
import type { DescribeAccountCommandOutput } from '@aws-sdk/client-organizations';
import { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Sockets enough for a wave of all of a delivery's claims (MAX_IN_FLIGHT of the dedupe store) or of
 * its PublishBatch requests at once: the default of 50 would queue the rest behind the first.
 */
const AGENT = { keepAlive: true, maxSockets: 256 };

const COMMON = {
  // Standard retry mode: throttling, 5xx and timeouts are retried with jittered backoff.
  maxAttempts: 3,
  // Without a timeout a hung connection would eat the whole invocation. Since @smithy/node-http-handler
  // 4.x requestTimeout only warns unless throwOnRequestTimeout is set; then the SDK retries it. The
  // invocation's budget (pipeline/budget.ts) also aborts what is still waiting at each phase's end.
  requestHandler: {
    connectionTimeout: 2_000,
    requestTimeout: 3_000,
    throwOnRequestTimeout: true,
    httpAgent: AGENT,
    httpsAgent: AGENT,
  },
} as const;

export function createSnsClient(region: string): SNSClient {
  return new SNSClient({ region, ...COMMON });
}

/** In the Lambda the region comes from AWS_REGION; the commands may name it. */
export function createDynamoClient(region?: string): DynamoDBClient {
  return new DynamoDBClient({ ...COMMON, ...(region ? { region } : {}) });
}

/** SQS is only needed to park, which is rare: load its SDK on first use, not at cold start. */
export function lazySqsClient(region?: string): () => Promise<SQSClient> {
  let client: Promise<SQSClient> | undefined;
  return () => {
    client ??= import('@aws-sdk/client-sqs').then(
      ({ SQSClient }) => new SQSClient({ ...COMMON, ...(region ? { region } : {}) }),
    );
    return client;
  };
}

/**
 * Account-name lookups get one second in all (the notifier aborts them then): two attempts at most,
 * each cut at a second. Organizations and IAM are global; the SDK signs for us-east-1 whatever the
 * region. Their SDKs load on the first lookup, so that cold start does not pay for them.
 */
const LOOKUP = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 1_000, throwOnRequestTimeout: true },
} as const;

/** Organizations DescribeAccount and IAM ListAccountAliases, as the account-name lookup calls them. */
export interface LookupClients {
  describeAccount(accountId: string, abortSignal: AbortSignal): Promise<DescribeAccountCommandOutput>;
  listAccountAliases(abortSignal: AbortSignal): Promise<ListAccountAliasesCommandOutput>;
  destroy(): Promise<void>;
}

export function lazyLookupClients(): LookupClients {
  let loaded: ReturnType<typeof load> | undefined;
  async function load() {
    const sdk = await import('./lookup-sdk.js');
    return { sdk, organizations: new sdk.OrganizationsClient(LOOKUP), iam: new sdk.IAMClient(LOOKUP) };
  }
  const clients = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    async describeAccount(AccountId, abortSignal) {
      const { sdk, organizations } = await clients();
      return organizations.send(new sdk.DescribeAccountCommand({ AccountId }), { abortSignal });
    },
    async listAccountAliases(abortSignal) {
      const { sdk, iam } = await clients();
      return iam.send(new sdk.ListAccountAliasesCommand({}), { abortSignal });
    },
    async destroy() {
      if (!loaded) return;
      const { organizations, iam } = await loaded;
      organizations.destroy();
      iam.destroy();
    },
  };
}
