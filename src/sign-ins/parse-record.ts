/**
 * Turns one CloudTrail record (the `message` of a log event) into a SignIn through the reader of
 * its kind. Real records are often degenerate (missing identity, upper-case `MFAUsed`, non-ISO
 * times, redacted accounts), so every field but the event name and source is read leniently: a
 * sign-in is announced with what it has rather than dropped.
 *
 * Only records of `signin.amazonaws.com` are sign-ins: an STS AssumeRole, say, may carry
 * `responseElements.ConsoleLogin` and is not one. CloudTrail writes `eventSource` in every record,
 * so a record without it is not a whole CloudTrail record: malformed, logged and counted, not guessed at.
 */
import { READERS, SIGN_IN_SOURCE } from './kinds/registry.js';
import { isObject, text } from './record-fields.js';
import type { ParsedRecord } from './sign-in.js';

export function parseRecord(message: string): ParsedRecord {
  let record: unknown;
  try {
    record = JSON.parse(message);
  } catch (error) {
    return { kind: 'malformed', reason: `not JSON (${(error as Error).message})` };
  }
  if (!isObject(record)) {
    return { kind: 'malformed', reason: 'not a JSON object' };
  }
  const eventName = text(record.eventName);
  if (eventName === undefined) {
    return { kind: 'malformed', reason: 'no eventName: not a CloudTrail record' };
  }
  const eventSource = text(record.eventSource);
  if (eventSource === undefined) {
    return { kind: 'malformed', reason: 'no eventSource: not a whole CloudTrail record' };
  }
  const read = READERS.get(eventName);
  if (read === undefined || eventSource !== SIGN_IN_SOURCE) {
    return { kind: 'other-event', eventName };
  }
  return { kind: 'sign-in', signIn: read(eventName, record) };
}
