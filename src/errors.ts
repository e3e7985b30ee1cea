/**
 * Named errors of the pipeline. Each keeps its `cause`, and sets `name` by hand so that the
 * minified bundle still logs a meaningful class name.
 */

/** The environment holds a value the notifier cannot work with; raised at cold start. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The Lambda event is not a readable CloudWatch Logs delivery (base64, gzip, JSON or shape). */
export class DeliveryDecodeError extends Error {
  override name = 'DeliveryDecodeError';
}

/** What went wrong for one sign-in that could not be published. */
export interface PublishFailure {
  readonly key: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Some sign-ins could not be published even after retries. Thrown out of the handler so that
 * Lambda retries the delivery and finally hands it to the on-failure queue: never lost silently.
 */
export class PublishError extends Error {
  override name = 'PublishError';
  readonly failures: readonly PublishFailure[];

  constructor(failures: readonly PublishFailure[], total: number) {
    const codes = [...new Set(failures.map((failure) => failure.code))].join(', ');
    super(`${failures.length} of ${total} sign-in messages could not be published (${codes})`);
    this.failures = failures;
  }
}

/**
 * Sign-in records that parsed but could not be turned into a message (a bug, not bad input).
 * The rest of the delivery is announced first; then the invocation fails so the delivery is
 * retried and finally kept in the on-failure queue.
 */
export class RecordError extends Error {
  override name = 'RecordError';
  readonly positions: readonly number[];

  constructor(positions: readonly number[]) {
    super(`sign-in records at positions ${positions.join(', ')} could not be rendered`);
    this.positions = positions;
  }
}
