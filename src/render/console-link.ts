/** A link to the sign-in's event in the CloudTrail console. */
import type { SignIn } from '../sign-ins/sign-in.js';

/** Region-specific event history; only for values that make a well-formed URL. */
export function consoleLink(signIn: SignIn): string | undefined {
  const { region, eventId } = signIn;
  if (!eventId || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) return undefined;
  return `https://${region}.console.aws.amazon.com/cloudtrailv2/home?region=${region}#/events/${encodeURIComponent(eventId)}`;
}
