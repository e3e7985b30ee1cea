/**
 * The arrows of the layout, checked over every import of src/ (type imports included): each folder
 * imports only the folders below it, the pure stages do no I/O, and nothing in src/ reaches into
 * the commands, the test doubles or the benchmark. Biome's noImportCycles (biome.json) catches
 * cycles inside a folder; this catches an arrow that points the wrong way before it closes one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** What each part of src/ may import, besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  shared: [],
  sources: ['shared'],
  'sign-ins': ['shared'],
  decide: ['shared', 'sign-ins'],
  render: ['shared', 'sign-ins', 'decide'],
  publish: ['shared', 'render'],
  guarantees: ['shared'],
  accounts: ['shared'],
  'aws-clients.ts': ['lookup-sdk.ts'],
  'lookup-sdk.ts': [],
  'config.ts': ['shared', 'decide'],
  observability: ['shared', 'sign-ins', 'decide', 'render', 'guarantees'],
  pipeline: [
    'shared',
    'sources',
    'sign-ins',
    'decide',
    'render',
    'publish',
    'guarantees',
    'observability',
    'config.ts',
    'aws-clients.ts',
    'accounts',
  ],
  handlers: ['shared', 'pipeline', 'guarantees', 'accounts', 'config.ts', 'aws-clients.ts'],
};

/** The stages that are pure functions of their input: no AWS SDK, no file, network or process. */
const PURE = ['sign-ins', 'decide', 'render'];
const PURE_PACKAGES = /^(zod|node:zlib)/;

interface Import {
  readonly file: string;
  readonly specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g)].map(
    (match) => match[1] as string,
  );
  const dynamic = [...text.matchAll(/import\('([^']+)'\)/g)].map((match) => match[1] as string);
  return [...specifiers, ...dynamic].map((specifier) => ({ file, specifier }));
}

/** The part of src/ a file belongs to: its first folder, or the file itself at the top. */
function partOf(path: string): string {
  return (relative(SRC, path).split('/')[0] as string).replace(/\.js$/, '.ts');
}

const imports = sourceFiles(SRC).flatMap(importsOf);
const local = imports.filter(({ specifier }) => specifier.startsWith('.'));

describe('the layout of src/', () => {
  it('has a rule for every part', () => {
    expect(readdirSync(SRC).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('imports only downwards, type imports included', () => {
    const wrong = local
      .map(({ file, specifier }) => ({
        from: partOf(file),
        to: partOf(join(dirname(file), specifier)),
        where: `${relative(SRC, file)} → ${specifier}`,
      }))
      .filter(({ from, to }) => from !== to && !ALLOWED[from]?.includes(to))
      .map(({ where }) => where);
    expect(wrong).toEqual([]);
  });

  it('stays inside src/: no command, test double or benchmark in the Lambda', () => {
    const outside = local
      .filter(({ file, specifier }) => relative(SRC, join(dirname(file), specifier)).startsWith('..'))
      .map(({ file, specifier }) => `${relative(SRC, file)} → ${specifier}`);
    expect(outside).toEqual([]);
  });

  it('keeps the pure stages free of I/O', () => {
    const io = imports
      .filter(({ file, specifier }) => PURE.includes(partOf(file)) && !specifier.startsWith('.'))
      .filter(({ specifier }) => !PURE_PACKAGES.test(specifier))
      .map(({ file, specifier }) => `${relative(SRC, file)} → ${specifier}`);
    expect(io).toEqual([]);
  });

  it('sees the imports it checks', () => {
    // A regex that silently matched nothing would pass every rule above.
    expect(local.length).toBeGreaterThan(50);
    expect(local).toContainEqual({
      file: join(SRC, 'pipeline', 'announce-records.ts'),
      specifier: '../decide/plan.js',
    });
  });
});
