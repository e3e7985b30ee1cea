/**
 * `npm run demo` is hermetic (issue 7, case 8): whatever AWS setup the machine has, or lacks, it
 * reads none of it (no profile, config, credentials or endpoint), and it runs without HOME.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SERVICE_DIR = join(import.meta.dirname, '..', '..');

async function demo(env: NodeJS.ProcessEnv) {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'cli/demo.ts'], {
    cwd: SERVICE_DIR,
    env: { PATH: process.env.PATH, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe('npm run demo, hermetic', () => {
  it('prints the same messages with a stray AWS setup as with none, and needs no HOME', async () => {
    const plain = await demo({ HOME: process.env.HOME });
    const stray = await demo({
      AWS_PROFILE: 'profile-this-machine-lacks',
      AWS_CONFIG_FILE: '/nonexistent/aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:9',
      AWS_REGION: 'xx-nowhere-9',
      AWS_ACCESS_KEY_ID: 'AKIDSTRAY',
      AWS_CA_BUNDLE: '/nonexistent/ca.pem',
    });

    expect(plain).toMatch(/^Subject: ROOT console sign-in/m);
    expect(plain).toMatch(/\d+ messages published in \d+ SNS requests\./);
    expect(stray).toBe(plain);
  });

  it('shows a sign-in on the fast path, and its CloudWatch Logs twin suppressed', async () => {
    const output = await demo({ HOME: process.env.HOME });

    expect(output).toMatch(/^--- the fast path: an EventBridge event.*"announced":1/m);
    expect(output).toMatch(/^--- its twin on the CloudWatch Logs path.*"announced":0,.*"duplicates":1/m);
  });
});
