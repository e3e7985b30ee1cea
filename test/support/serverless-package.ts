/**
 * Runs the real `npx serverless package` of this service: the exact template and zip a deploy
 * would upload, built offline, once per parameter variant (stack-variants.ts) and test run.
 *
 * The packaged folders are shared by every test file of the run: they live in the run's cache
 * folder (made and removed by package-cache.ts, vitest's globalSetup), keyed by the variant and a
 * hash of everything the packaging reads, so an edit in watch mode packages anew. Callers only read
 * them. Runs are serialised across test files (vitest runs files in parallel): serverless-esbuild
 * builds in the service's own `.esbuild/` folder, and two packagings at once break each other
 * ("No file matches include / exclude patterns").
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { STACK_VARIANTS, type StackVariant } from './stack-variants.js';

export const SERVICE_DIR = join(import.meta.dirname, '..', '..');

const LOCK_DIR = join(tmpdir(), 'console-login-notifier-package.lock');
const LOCK_POLL_MS = 200;
/** What `serverless package` reads: the service, its resources, the bundled code, the locked tools. */
const INPUTS = ['serverless.yml', 'package.json', 'package-lock.json', 'tsconfig.json', 'stack', 'src'];
const COMPLETE = '.packaged';

/** The folder holding the artifacts of this variant, packaged once per run; treat it as read-only. */
export async function packageService(variant: StackVariant = 'default'): Promise<string> {
  const outDir = join(inject('packageCacheDir'), `${variant}-${await inputsHash()}`);
  return withPackageLock(async () => {
    if (await exists(join(outDir, COMPLETE))) return outDir;
    await rm(outDir, { recursive: true, force: true });
    await runPackage(STACK_VARIANTS[variant], outDir);
    await writeFile(join(outDir, COMPLETE), '');
    return outDir;
  });
}

/** The error `serverless package` fails with for these parameters (and `region`), or undefined if it packages. */
export async function packagingError(params: Readonly<Record<string, string>>): Promise<string | undefined> {
  const outDir = join(inject('packageCacheDir'), `rejected-${Date.now()}-${process.pid}`);
  try {
    await withPackageLock(() => runPackage(params, outDir));
    return undefined;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return `${stdout}\n${stderr}`;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export async function readPackagedJson(outDir: string, file: string): Promise<unknown> {
  return JSON.parse(await readFile(join(outDir, file), 'utf8'));
}

/** `region` is the deploy region (`--region`); every other key is a deploy parameter (`--param`). */
async function runPackage(variant: Readonly<Record<string, string>>, outDir: string): Promise<void> {
  const { region, ...params } = variant;
  const args = ['serverless', 'package', '--package', outDir, ...(region ? ['--region', region] : [])];
  for (const [name, value] of Object.entries(params)) args.push(`--param=${name}=${value}`);
  await promisify(execFile)('npx', args, { cwd: SERVICE_DIR, env: envWithoutAws(), timeout: 110_000 });
}

/** No credentials, profile or region from the machine: packaging must work without an AWS account. */
function envWithoutAws(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
}

async function inputsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const path = join(SERVICE_DIR, input);
    const files = (await stat(path)).isDirectory()
      ? (await readdir(path, { recursive: true, withFileTypes: true }))
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name))
          .sort()
      : [path];
    for (const file of files) hash.update(file).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

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
