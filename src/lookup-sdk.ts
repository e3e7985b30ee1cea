/**
 * The only parts of the Organizations and IAM SDKs the account-name lookup uses, loaded by
 * src/aws-clients.ts with a dynamic import on the first lookup. The Lambda bundle leaves both
 * packages to the runtime's own SDK (serverless.yml, esbuild `exclude`): their models would add
 * 180 KiB for every cold start to parse.
 */
export { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
export { DescribeAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
