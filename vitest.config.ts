import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Logs are asserted through spies; keep the runner's output readable.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1' },
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
