/** Runs a snippet of CommonJS in a fresh `node` process and returns the line it reports. */
import { execFile } from 'node:child_process';

export const RESULT_PREFIX = 'BENCH_RESULT ';

export function runNode(code: string, env: Record<string, string>, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', code],
      { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`child node failed: ${error.message}\n${stderr}`));
        const result = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
        if (result === undefined) return reject(new Error(`child node reported nothing\n${stderr}`));
        resolve(result.slice(RESULT_PREFIX.length));
      },
    );
  });
}
