/**
 * The real events of test/events/: CloudTrail records by kind (`cloudtrail/<kind>/<variant>.json`),
 * CloudWatch Logs deliveries (`cloudwatch-logs/<variant>.json`), and their provenance in SOURCES.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EVENTS_DIR = join(import.meta.dirname, '..', 'test', 'events');

/** One file of test/events, parsed: `cloudtrail/console-login/aws-docs-ct-root-failure`, with or without `.json`. */
export function readEvent(path: string): Record<string, unknown> {
  const file = path.endsWith('.json') ? path : `${path}.json`;
  return JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8'));
}

/** A CloudTrail record by `<kind>/<variant>`, e.g. `console-login/aws-docs-ct-root-failure`. */
export function cloudTrailRecord(name: string): Record<string, unknown> {
  return readEvent(join('cloudtrail', name));
}

export interface RecordFixture {
  /** `<kind>/<variant>`, as cloudTrailRecord takes it. */
  readonly name: string;
  /** The folder: the kebab-case eventName (`console-login`) or a family (`root-credentials`). */
  readonly kind: string;
  readonly record: Record<string, unknown>;
}

/** Every CloudTrail record fixture, sorted by name. */
export function cloudTrailFixtures(): RecordFixture[] {
  const root = join(EVENTS_DIR, 'cloudtrail');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap(({ name: kind }) =>
      readdirSync(join(root, kind))
        .filter((file) => file.endsWith('.json'))
        .map((file) => `${kind}/${file.replace(/\.json$/, '')}`),
    )
    .sort()
    .map((name) => ({ name, kind: name.split('/')[0] as string, record: cloudTrailRecord(name) }));
}

/** The names of every CloudTrail record fixture, `<kind>/<variant>`, sorted. */
export function cloudTrailFixtureNames(): string[] {
  return cloudTrailFixtures().map(({ name }) => name);
}
