/**
 * The only parts of the Organizations and IAM SDKs the account-name lookup uses, loaded by
 * src/aws-clients.ts with a dynamic import. Importing a whole client package dynamically would put
 * every one of its commands in the bundle (the IAM client has hundreds); these re-exports let
 * esbuild keep two commands and their clients.
 */
export { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
export { DescribeAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
