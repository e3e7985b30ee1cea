/**
 * Bundles the handler and a bare SNS client with the esbuild options of serverless.yml
 * (custom.esbuild), into a temporary directory outside the repository: an ancestor package.json
 * with "type": "module" would make node load the CommonJS bundles as ES modules.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');

const SERVERLESS_OPTIONS: BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: false,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  mainFields: ['module', 'main'],
  // custom.esbuild.exclude: left to the Lambda runtime's SDK, loaded on the first account-name lookup.
  external: ['@aws-sdk/client-organizations', '@aws-sdk/client-iam'],
  logLevel: 'error',
};

/** The least a Lambda that publishes to SNS has to load. */
const SNS_CLIENT_ONLY = `const { SNSClient } = require('@aws-sdk/client-sns');
new SNSClient({ region: 'us-east-1' });
`;

export interface Bundle {
  readonly path: string;
  readonly bytes: number;
}

export interface Bundles {
  readonly handler: Bundle;
  readonly snsClient: Bundle;
}

export async function buildBundles(outDir: string): Promise<Bundles> {
  const handler = join(outDir, 'handler.js');
  const snsClient = join(outDir, 'sns-client.js');
  await Promise.all([
    build({
      ...SERVERLESS_OPTIONS,
      entryPoints: [join(ROOT, 'src', 'handlers', 'cloudwatch-logs.ts')],
      outfile: handler,
    }),
    // Fed on stdin, resolved from the repository: the same as a temp entry file, minus NODE_PATH tricks.
    build({
      ...SERVERLESS_OPTIONS,
      stdin: { contents: SNS_CLIENT_ONLY, resolveDir: ROOT, sourcefile: 'sns-client-only.js', loader: 'js' },
      outfile: snsClient,
    }),
  ]);
  return {
    handler: { path: handler, bytes: statSync(handler).size },
    snsClient: { path: snsClient, bytes: statSync(snsClient).size },
  };
}
