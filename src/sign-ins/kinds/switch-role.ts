/**
 * `SwitchRole` (opt-in): a console user switched into a role, possibly of another account. The
 * identity is the role session; `SwitchFrom` the user who switched, `RedirectTo` where it led.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-console.html
 */
import { commonFields } from '../common-fields.js';
import { outcomeOf } from '../outcome.js';
import { type JsonObject, objectAt, text } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';

export function readSwitchRole(eventName: string, record: JsonObject): SignIn {
  const extra = objectAt(record, 'additionalEventData');
  return {
    ...commonFields(eventName, record, outcomeOf(record, eventName, 'responseElements')),
    loginTo: text(extra.RedirectTo) ?? text(extra.LoginTo),
    switchedFrom: text(extra.SwitchFrom),
  };
}
