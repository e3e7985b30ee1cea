/**
 * What every source hands to the pipeline: CloudTrail records as text, each with where it came
 * from. A leaf module: the stages after decoding import these types and nothing of the sources.
 */

export interface SourceRecord {
  /** The CloudTrail record as it arrived (JSON text). */
  readonly message: string;
  /** Position in the delivery, and the CloudWatch Logs event ID: for logs and parking. */
  readonly position: number;
  readonly logEventId: string;
}

/** Where a batch of records came from: the log group and stream of a delivery, or a command's name. */
export interface Origin {
  readonly logGroup: string;
  readonly logStream: string;
}
