/**
 * Turns one CloudTrail record (the `message` of a log event) into a SignIn through the reader of
 * its kind. Real records are often degenerate (missing identity, upper-case `MFAUsed`, non-ISO
 * times, redacted accounts), so every field but the event name is read leniently: a sign-in is
 * announced with what it has rather than dropped.
 */
import { READERS } from './kinds/registry.js';
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
  const read = READERS.get(eventName);
  if (read === undefined) {
    return { kind: 'other-event', eventName };
  }
  return { kind: 'sign-in', signIn: read(eventName, record) };
}
