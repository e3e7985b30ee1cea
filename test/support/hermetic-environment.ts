/**
 * Run before every test file (vitest `setupFiles`): the tests see no AWS setting of the machine
 * they run on. A laptop's `AWS_PROFILE` would otherwise win over the credentials a test gives the
 * SDK through the environment (the SDK's default chain skips environment credentials when a
 * profile is named), and every wire test would fail with CredentialsProviderError; a stray
 * `AWS_REGION` or `AWS_ENDPOINT_URL` would point clients elsewhere. Each test sets what it needs.
 */
const KEPT: ReadonlySet<string> = new Set(['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']);

for (const name of Object.keys(process.env)) {
  if (name.startsWith('AWS_') && !KEPT.has(name)) delete process.env[name];
}
// Nothing may fall back to the instance metadata service either.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
