/**
 * What a source's schema found wrong, in a line: the first few issues with their paths, e.g.
 * `logEvents.3.message: expected string`. Every source decodes with zod/mini, which ships no
 * messages by default: English only, not the 40 locales `import { z } from 'zod'` bundles.
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());

export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
