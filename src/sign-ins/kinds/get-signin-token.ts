/**
 * `GetSigninToken` (opt-in): temporary credentials were exchanged for a console sign-in URL through
 * the federation endpoint. The IAM Identity Center portal does it for every console session it
 * opens; so do tools, and attackers who turn stolen access keys into a console session. An API
 * call: a failure carries `errorCode`, a success nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
 */
import { commonFields } from '../common-fields.js';
import { apiCallOutcomeOf } from '../outcome.js';
import type { JsonObject } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';

export function readGetSigninToken(eventName: string, record: JsonObject): SignIn {
  return commonFields(eventName, record, apiCallOutcomeOf(record, eventName));
}
