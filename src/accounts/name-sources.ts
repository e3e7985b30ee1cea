/**
 * Where an account's name can be asked for: Organizations `DescribeAccount` (in the management
 * account or a delegated administrator) and the IAM account alias of the caller's own account.
 * Given the calls of src/aws-clients.ts, whose SDKs load on the first lookup.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeAccount.html
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccountAliases.html
 */
import type { ListAccountAliasesCommandOutput } from '@aws-sdk/client-iam';
import type { DescribeAccountCommandOutput } from '@aws-sdk/client-organizations';

export interface NameSources {
  /** The account's name in the organization; undefined when the organization has no such account. */
  readonly describeAccount?: (accountId: string, signal: AbortSignal) => Promise<string | undefined>;
  /** The IAM alias of the account whose credentials ask; undefined when it has none. */
  readonly accountAlias?: (signal: AbortSignal) => Promise<string | undefined>;
}

/** The two calls, as src/aws-clients.ts makes them. */
export interface LookupCalls {
  describeAccount(accountId: string, signal: AbortSignal): Promise<DescribeAccountCommandOutput>;
  listAccountAliases(signal: AbortSignal): Promise<ListAccountAliasesCommandOutput>;
}

export function nameSourcesOf(calls: LookupCalls): Required<NameSources> {
  return {
    describeAccount: async (accountId, signal) => {
      try {
        return (await calls.describeAccount(accountId, signal)).Account?.Name || undefined;
      } catch (error) {
        if ((error as Error).name === 'AccountNotFoundException') return undefined;
        throw error;
      }
    },
    accountAlias: async (signal) => (await calls.listAccountAliases(signal)).AccountAliases?.[0] || undefined,
  };
}

/**
 * The caller may not ask, and will not be allowed to until its policy changes: not worth asking
 * again in this container. Organizations says `AWSOrganizationsNotInUseException` outside an
 * organization, `AccessDeniedException` in a member account that is no delegated administrator.
 */
export function isDenied(error: unknown): boolean {
  const name = (error as Error | undefined)?.name ?? '';
  return ['AccessDeniedException', 'AccessDenied', 'AWSOrganizationsNotInUseException'].includes(name);
}
