/**
 * Named errors of the notifier. Every one extends NotifierError and keeps its `cause`; each sets
 * `name` by hand so that the minified bundle still logs a meaningful class name.
 */

import type { AnnounceReport } from './announce-report.js';

/** The base of every error the notifier raises on purpose: `instanceof NotifierError` tells them from bugs. */
export class NotifierError extends Error {
  override name = 'NotifierError';
}

/**
 * A call that announced part of its records and must fail for the rest (so that Lambda retries, or
 * a command says so). `report` counts what it did announce: a failure is not "0 announced".
 */
export class IncompleteError extends NotifierError {
  override name = 'IncompleteError';
  report: AnnounceReport | undefined;

  /** The same error, with the report of the call that raises it. */
  withReport(report: AnnounceReport): this {
    this.report = report;
    return this;
  }
}

/** The environment holds a value the notifier cannot work with; raised at cold start. */
export class ConfigError extends NotifierError {
  override name = 'ConfigError';
}

/**
 * The Lambda event is not a readable CloudWatch Logs delivery (base64, gzip, JSON or shape), or it
 * is over one of the caps on what the notifier will process (`overCap`).
 */
export class DeliveryDecodeError extends NotifierError {
  override name = 'DeliveryDecodeError';
  readonly overCap: boolean;

  constructor(message: string, options: ErrorOptions & { overCap?: boolean } = {}) {
    super(message, options);
    this.overCap = options.overCap ?? false;
  }
}

/** The EventBridge event is not an AWS Sign-In event with a CloudTrail record (or is over the cap). */
export class EventDecodeError extends NotifierError {
  override name = 'EventDecodeError';
}

/** What went wrong for one sign-in that could not be published. */
export interface PublishFailure {
  readonly key: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Some sign-ins could not be published even after retries. The notifier parks them; without a
 * parking queue it fails the invocation, so Lambda retries and finally hands it to the on-failure
 * destination: never lost silently.
 */
export class PublishError extends IncompleteError {
  override name = 'PublishError';
  readonly failures: readonly PublishFailure[];
  /** The sign-ins of the same call that were published. */
  readonly published: readonly { readonly key: string; readonly messageId: string }[];

  constructor(
    failures: readonly PublishFailure[],
    total: number,
    published: readonly { readonly key: string; readonly messageId: string }[] = [],
  ) {
    const codes = [...new Set(failures.map((failure) => failure.code))].join(', ');
    super(`${failures.length} of ${total} sign-in messages could not be published (${codes})`);
    this.failures = failures;
    this.published = published;
  }
}

/**
 * Sign-in records that parsed but could not be turned into a message (a bug, not bad input).
 * The rest of the delivery is announced first; then the invocation fails so the delivery is
 * retried and finally kept in the on-failure queue.
 */
export class RecordError extends IncompleteError {
  override name = 'RecordError';
  readonly positions: readonly number[];

  constructor(positions: readonly number[]) {
    super(
      `sign-in records at positions ${positions.join(', ')} could not be announced (too large, or not renderable)`,
    );
    this.positions = positions;
  }
}

/** Items that could not be announced could not be parked either: the invocation must fail. */
export class ParkingError extends NotifierError {
  override name = 'ParkingError';
}

/** The dedupe table could not be read or written, where failing open is not wanted (the commands). */
export class DedupeUnavailableError extends NotifierError {
  override name = 'DedupeUnavailableError';
}

/**
 * Sign-ins another invocation has claimed and not yet confirmed: it is announcing them now, or it
 * died and its claim lapses before Lambda's retry. The invocation fails so that the retry looks again.
 */
export class ClaimHeldError extends IncompleteError {
  override name = 'ClaimHeldError';
  readonly eventIds: readonly string[];

  constructor(eventIds: readonly string[]) {
    super(`${eventIds.length} sign-ins are claimed by another invocation; retry once their claim lapses`);
    this.eventIds = eventIds;
  }
}
