/** The counts of one call of the pipeline: what the handler logs, returns and turns into metrics. */
export interface AnnounceReport {
  readonly records: number;
  readonly signIns: number;
  readonly announced: number;
  readonly filtered: number;
  readonly duplicates: number;
  readonly malformed: number;
  readonly otherEvents: number;
  /** Steps of a sign-in (CredentialChallenge, a passed second factor): not sign-ins, not announced. */
  readonly steps: number;
  /** Sign-in events that SIGN_IN_EVENTS leaves out. */
  readonly notListed: number;
  readonly parked: number;
  readonly dedupeUnavailable: number;
}

/** A report of nothing: a control message, or a delivery parked whole. */
export const NOTHING: AnnounceReport = {
  records: 0,
  signIns: 0,
  announced: 0,
  filtered: 0,
  duplicates: 0,
  malformed: 0,
  otherEvents: 0,
  steps: 0,
  notListed: 0,
  parked: 0,
  dedupeUnavailable: 0,
};
