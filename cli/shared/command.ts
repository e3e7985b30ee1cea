/** How the commands run and fail: retries of their own clients, AWS errors in plain words, exit codes. */
import { ConfiguredRetryStrategy } from '@smithy/util-retry';

/**
 * Retries for the commands' own clients: four attempts, 0.5, 1 and 2 s apart, so that throttling
 * is reported within seconds rather than after the SDK's backoff of up to 20 s per attempt.
 */
export const COMMAND_RETRIES = {
  retryStrategy: new ConfiguredRetryStrategy(4, (attempt) => 250 * 2 ** attempt),
};

/** AWS errors a person can act on; anything else keeps its own message. */
export function explain(error: Error, context: { logGroup?: string; region?: string } = {}): string {
  const name = error.name;
  if (name === 'UsageError' || name === 'ConfigError') return error.message;
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(error.message)) {
    return 'No AWS credentials found: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run `aws sso login`.';
  }
  if (name === 'ResourceNotFoundException' && context.logGroup) {
    return `Log group "${context.logGroup}" does not exist in ${context.region ?? 'this region'}: check --log-group and --region (or AWS_REGION).`;
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(name)) {
    return `AWS is throttling the requests (${name}) even after retries: wait a minute and run again, or narrow the time window. Already announced sign-ins are not announced twice.`;
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') return `Access denied: ${error.message}`;
  if (name === 'DedupeUnavailableError') {
    return `${error.message}. Nothing more was announced: without the table, sign-ins already announced would be announced again.`;
  }
  return `${name}: ${error.message}`;
}

export async function runCommand(
  name: string,
  usage: string,
  main: () => Promise<number>,
  context: () => { logGroup?: string; region?: string },
) {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(`${name}: ${explain(error as Error, context())}`);
    if ((error as Error).name === 'UsageError') console.error(usage);
    process.exitCode = (error as Error).name === 'UsageError' ? 2 : 1;
  }
}
