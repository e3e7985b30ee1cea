/**
 * What the pipeline runs with: the configuration, the clients and the guarantees, wired once by a
 * handler or a command. A leaf module of types, so that the stages of the pipeline import it and
 * not each other.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { AccountNames } from '../accounts/account-names.js';
import type { Config } from '../config.js';
import type { DedupeStore } from '../guarantees/dedupe-store.js';
import type { Parked } from '../guarantees/parked-message.js';
import type { PublishOptions } from '../publish/publish-notifications.js';
import type { Budget } from './budget.js';

export interface Pipeline {
  readonly config: Config;
  readonly sns: SNSClient;
  /** Absent: no dedupe across invocations. */
  readonly dedupe?: DedupeStore;
  /** Absent: what cannot be announced fails the call instead of being parked. */
  readonly park?: (items: readonly Parked[], signal?: AbortSignal) => Promise<void>;
  /** The time the call has, phase by phase (budget.ts). */
  readonly budget: Budget;
  /** Concurrency and retry pacing of PublishBatch; the defaults suit Lambda. The budget sets the deadline. */
  readonly publishOptions?: Omit<PublishOptions, 'deadline'>;
  /** Names for the account IDs in messages; absent: IDs alone. */
  readonly accountNames?: AccountNames;
}
