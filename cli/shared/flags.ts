/** Flags of the commands, parsed strictly: a mistyped flag is a usage error, not a silent default. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { NotifierError } from '../../src/shared/errors.js';

/** The command was called wrongly: it prints its usage and exits with 2. */
export class UsageError extends NotifierError {
  override name = 'UsageError';
}

export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The flags every command that announces takes. */
export const PIPELINE_OPTIONS = {
  execute: { type: 'boolean', default: false },
  'topic-arn': { type: 'string' },
  'dedupe-table': { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;
