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

/**
 * The path that brought a sign-in: the CloudWatch Logs subscription (minutes, every region), or
 * the EventBridge fast path (seconds, the regions it forwards).
 */
export type Via = 'cloudwatch-logs' | 'eventbridge';

/** Where a batch of records came from: its path, and the log group and stream (or their stand-ins). */
export interface Origin {
  readonly via: Via;
  readonly logGroup: string;
  readonly logStream: string;
}
