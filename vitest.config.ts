import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One folder per run for the packaged stack variants, shared by the stack test files.
    globalSetup: ['test/support/package-cache.ts'],
    // No AWS profile, region, credentials or endpoint of this machine reaches a test.
    setupFiles: ['test/support/hermetic-environment.ts'],
    // Logs are asserted through spies; keep the runner's output readable.
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
