import type { SignIn } from './sign-in.js';

/**
 * The sign-in's time, when `eventTime` reads as one. CloudTrail writes ISO 8601 UTC; copies of
 * records often carry `2022-03-16 19:17:41`. Read at render time: deciding does not need it.
 */
export function eventTimeOf({ eventTime: value }: Pick<SignIn, 'eventTime'>): Date | undefined {
  if (value === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? undefined : time;
}
