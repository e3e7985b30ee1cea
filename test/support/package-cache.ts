/**
 * vitest globalSetup: one folder per test run where serverless-package.ts keeps each packaged
 * variant, so the stack test files share the packagings instead of repeating them; removed at the
 * end of the run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    packageCacheDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'console-login-notifier-packages-'));
  project.provide('packageCacheDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
