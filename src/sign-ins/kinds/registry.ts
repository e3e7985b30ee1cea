/**
 * The sign-in kinds the notifier reads, by CloudTrail `eventName`: one reader per kind. A record
 * whose eventName is not here is another event and is skipped. Adding a kind is adding its reader.
 */
import type { JsonObject } from '../record-fields.js';
import type { SignIn } from '../sign-in.js';
import { readConsoleLogin } from './console-login.js';

export type SignInReader = (eventName: string, record: JsonObject) => SignIn;

export const READERS: ReadonlyMap<string, SignInReader> = new Map([['ConsoleLogin', readConsoleLogin]]);
