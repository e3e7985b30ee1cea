/**
 * Runs the real `npx serverless package` of this service into a fresh temporary folder: the exact
 * template and zip a deploy would upload, built offline.
 *
 * Runs are serialised across test files (vitest runs files in parallel): serverless-esbuild builds
 * in the service's own `.esbuild/` folder, and two packagings at once break each other
 * ("No file matches include / exclude patterns").
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const SERVICE_DIR = join(import.meta.dirname, '..', '..');

const LOCK_DIR = join(tmpdir(), 'console-login-notifier-package.lock');
const LOCK_POLL_MS = 200;

/** Packages the service with these deploy parameters; returns the folder holding the artifacts. */
export async function packageService(params: Readonly<Record<string, string>> = {}): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'console-login-notifier-package-'));
  const args = ['serverless', 'package', '--package', outDir];
  for (const [name, value] of Object.entries(params)) args.push(`--param=${name}=${value}`);
  await withPackageLock(() =>
    promisify(execFile)('npx', args, { cwd: SERVICE_DIR, env: envWithoutAws(), timeout: 110_000 }),
  );
  return outDir;
}

export async function readPackagedJson(outDir: string, file: string): Promise<unknown> {
  return JSON.parse(await readFile(join(outDir, file), 'utf8'));
}

/** No credentials, profile or region from the machine: packaging must work without an AWS account. */
function envWithoutAws(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
}

/** A lock folder (mkdir is atomic) holding its owner's pid, so a crashed run's lock is reclaimed. */
async function withPackageLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await lockOwnerIsGone()) await rm(LOCK_DIR, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    await writeFile(join(LOCK_DIR, 'pid'), String(process.pid));
    return await work();
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

async function lockOwnerIsGone(): Promise<boolean> {
  const pid = Number(await readFile(join(LOCK_DIR, 'pid'), 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return false; // just taken: the owner has not written it yet
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
