/**
 * Many conditional writes in few requests: TransactWriteItems of up to 100 actions, side by side.
 * A transaction is all or nothing: when some actions fail their condition, DynamoDB cancels it and
 * says, action by action, which failed (with the item that failed it, ALL_OLD) and which did not;
 * the others go again in the next transaction. So 200 claims cost two requests, not 200, and about
 * as few milliseconds of CPU to sign and read, which is what a Lambda's share of a core limits.
 * A request that fails as a whole (a bad key, access denied, the budget's abort) fails each of its
 * actions with that error.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
import {
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { batchesOf, mapConcurrent } from '../shared/batching.js';

export type WriteOutcome =
  | { readonly kind: 'written' }
  | { readonly kind: 'condition-failed'; readonly item: Record<string, AttributeValue> | undefined }
  | { readonly kind: 'error'; readonly error: unknown };

/** DynamoDB's cap on the actions of one transaction. */
const ACTIONS_PER_TRANSACTION = 100;
/** Transactions in flight at once: 5000 claims are 50 transactions, in a single wave. */
const TRANSACTIONS_IN_FLIGHT = 64;
/** Rounds for the actions of a cancelled transaction that did not fail themselves. */
const ROUNDS = 4;

/** Writes each action once; returns its outcome, in the order of `actions`. */
export async function writeEach(
  dynamo: DynamoDBClient,
  actions: readonly TransactWriteItem[],
  signal?: AbortSignal,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(actions.length);
  let pending = actions.map((_, index) => index);
  for (let round = 0; pending.length > 0 && round < ROUNDS; round++) {
    const again = await mapConcurrent(
      batchesOf(pending, ACTIONS_PER_TRANSACTION),
      TRANSACTIONS_IN_FLIGHT,
      async (indexes) => {
        const outcome = await transact(
          dynamo,
          indexes.map((index) => actions[index] as TransactWriteItem),
          signal,
        );
        const retry: number[] = [];
        outcome.forEach((result, position) => {
          const index = indexes[position] as number;
          if (result === 'again') retry.push(index);
          else outcomes[index] = result;
        });
        return retry;
      },
    );
    pending = again.flat();
  }
  const gaveUp = new Error('TransactionConflict: the items kept being written by others');
  for (const index of pending) outcomes[index] = { kind: 'error', error: gaveUp };
  return outcomes;
}

/** One transaction: each action's outcome, or `again` for one that only shared a cancelled request. */
async function transact(
  dynamo: DynamoDBClient,
  actions: readonly TransactWriteItem[],
  signal: AbortSignal | undefined,
): Promise<(WriteOutcome | 'again')[]> {
  try {
    await dynamo.send(new TransactWriteItemsCommand({ TransactItems: [...actions] }), {
      abortSignal: signal,
    });
    return actions.map(() => ({ kind: 'written' }));
  } catch (error) {
    const reasons = (
      error as { CancellationReasons?: { Code?: string; Item?: Record<string, AttributeValue> }[] }
    ).CancellationReasons;
    if ((error as Error).name !== 'TransactionCanceledException' || reasons?.length !== actions.length) {
      return actions.map(() => ({ kind: 'error', error }));
    }
    return reasons.map(({ Code, Item }) => {
      if (Code === 'ConditionalCheckFailed') return { kind: 'condition-failed', item: Item };
      // None: this action was fine; TransactionConflict or throttling: another writer, try again.
      if (Code === 'None' || Code === 'TransactionConflict' || Code === 'ThrottlingError') return 'again';
      return {
        kind: 'error',
        error: Object.assign(new Error(Code ?? 'Unknown'), { name: Code ?? 'Unknown' }),
      };
    });
  }
}
