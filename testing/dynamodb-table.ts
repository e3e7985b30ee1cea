/**
 * The tables of the loopback DynamoDB, in memory: the operations the notifier and its commands call
 * (PutItem, DeleteItem, GetItem, BatchWriteItem, and Scan for the tests), each applied at once, so
 * that every conditional write is atomic as at AWS. Requests are checked the way DynamoDB checks
 * them: the table, the key's type and size, the item's size, the expressions and their placeholders.
 * A failed condition returns the item when asked (`ReturnValuesOnConditionCheckFailure: ALL_OLD`).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
 */
import { type Condition, ExpressionError, type Item, parseCondition } from './dynamodb-expressions.js';

/** A DynamoDB error as the wire carries it: the code after `#` in `__type`, and its extra fields. */
export class DynamoError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
const MAX_HASH_KEY_BYTES = 2048;
const MAX_ITEM_BYTES = 400 * 1024;
const MAX_BATCH_WRITES = 25;
const MAX_TRANSACTION_ACTIONS = 100;

type Input = Record<string, unknown>;
type Write = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } };
/** One action of TransactWriteItems: its input is that of PutItem or DeleteItem. */
type Action = {
  Put?: Input & { Item: Item };
  Delete?: Input & { Key: Item };
  ConditionCheck?: Input & { Key: Item };
};

export interface Tables {
  create(name: string, hashKey: string): void;
  items(name: string): Item[];
  seed(name: string, items: readonly Item[]): void;
  remove(name: string, hashKey: string): void;
  /** Runs one operation; throws a DynamoError as DynamoDB would answer it. */
  run(operation: string, input: Input): unknown;
}

export function createTables(): Tables {
  const tables = new Map<string, { hashKey: string; items: Map<string, Item> }>();
  const tableOf = (name: unknown) => {
    const table = tables.get(String(name));
    if (!table) throw new DynamoError('ResourceNotFoundException', 'Requested resource not found');
    return table;
  };
  const keyOf = (table: { hashKey: string }, item: Item | undefined) => {
    const key = item?.[table.hashKey];
    if (key?.S === undefined) {
      throw validation(
        'One or more parameter values were invalid: Missing the key pk in the item'.replace(
          'pk',
          table.hashKey,
        ),
      );
    }
    if (key.S === '')
      throw validation(
        'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value.',
      );
    if (Buffer.byteLength(key.S) > MAX_HASH_KEY_BYTES) {
      throw validation(
        `One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of${MAX_HASH_KEY_BYTES} bytes`,
      );
    }
    return key.S;
  };
  const conditionOf = (input: Input): Condition | undefined => {
    if (typeof input.ConditionExpression !== 'string') return undefined;
    try {
      return parseCondition(
        input.ConditionExpression,
        input.ExpressionAttributeNames as Record<string, string>,
        input.ExpressionAttributeValues as Item,
      );
    } catch (error) {
      if (error instanceof ExpressionError) throw validation(error.message);
      throw error;
    }
  };
  /** A conditional write: checks the condition on the item as it is, then applies `write`. */
  const conditional = (input: Input, table: { items: Map<string, Item> }, key: string, write: () => void) => {
    const old = table.items.get(key);
    const condition = conditionOf(input);
    if (condition && !condition(old)) {
      const item = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && old ? { Item: old } : {};
      throw new DynamoError('ConditionalCheckFailedException', 'The conditional request failed', item);
    }
    write();
    return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
  };
  const put = (name: unknown, item: Item, input: Input = {}) => {
    const table = tableOf(name);
    const key = keyOf(table, item);
    if (Buffer.byteLength(JSON.stringify(item)) > MAX_ITEM_BYTES)
      throw validation('Item size has exceeded the maximum allowed size');
    return conditional(input, table, key, () => table.items.set(key, item));
  };
  const remove = (name: unknown, keyItem: Item, input: Input = {}) => {
    const table = tableOf(name);
    const key = keyOf(table, keyItem);
    return conditional(input, table, key, () => table.items.delete(key));
  };

  return {
    create: (name, hashKey) => void tables.set(name, { hashKey, items: new Map() }),
    items: (name) => [...tableOf(name).items.values()],
    seed: (name, items) => {
      for (const item of items) put(name, item);
    },
    remove: (name, hashKey) => void tableOf(name).items.delete(hashKey),
    run(operation, input) {
      switch (operation) {
        case 'PutItem':
          return put(input.TableName, input.Item as Item, input);
        case 'DeleteItem':
          return remove(input.TableName, input.Key as Item, input);
        case 'GetItem': {
          const table = tableOf(input.TableName);
          const item = table.items.get(keyOf(table, input.Key as Item));
          return item ? { Item: item } : {};
        }
        case 'BatchWriteItem':
          return batchWrite(input.RequestItems as Record<string, Write[]>);
        case 'TransactWriteItems':
          return transact((input.TransactItems ?? []) as Action[]);
        case 'Scan':
          return {
            Items: [...tableOf(input.TableName).items.values()],
            Count: tableOf(input.TableName).items.size,
          };
        default:
          throw new DynamoError(
            'UnknownOperationException',
            `The loopback DynamoDB does not implement ${operation}`,
          );
      }
    },
  };

  /**
   * All or nothing: every condition is checked first, and if one fails nothing is written and the
   * cancellation says, action by action, which failed (with its item when asked) and which did not.
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
   */
  function transact(actions: Action[]) {
    if (actions.length === 0 || actions.length > MAX_TRANSACTION_ACTIONS) {
      throw validation(`Member must have length less than or equal to ${MAX_TRANSACTION_ACTIONS}`);
    }
    const steps = actions.map((action) => {
      const input = action.Put ?? action.Delete ?? action.ConditionCheck;
      if (!input) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
      const table = tableOf(input.TableName);
      const key = keyOf(table, action.Put ? action.Put.Item : (input as { Key: Item }).Key);
      return { action, input, table, key, old: table.items.get(key) };
    });
    const keys = new Set(steps.map(({ input, key }) => `${String(input.TableName)}/${key}`));
    if (keys.size !== steps.length) {
      throw validation('Transaction request cannot include multiple operations on one item');
    }
    const reasons = steps.map(({ input, old }) => {
      const condition = conditionOf(input);
      if (!condition || condition(old)) return { Code: 'None' };
      const item = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && old ? { Item: old } : {};
      return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...item };
    });
    if (reasons.some(({ Code }) => Code !== 'None')) {
      const codes = reasons.map(({ Code }) => Code).join(', ');
      throw new DynamoError(
        'TransactionCanceledException',
        `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
        { CancellationReasons: reasons },
      );
    }
    for (const { action, table, key } of steps) {
      if (action.Put) table.items.set(key, action.Put.Item);
      else if (action.Delete) table.items.delete(key);
    }
    return {};
  }

  function batchWrite(requestItems: Record<string, Write[]> = {}) {
    const writes = Object.entries(requestItems).flatMap(([name, list]) =>
      list.map((write) => [name, write] as const),
    );
    if (writes.length === 0 || writes.length > MAX_BATCH_WRITES) {
      throw validation(`Member must have length less than or equal to ${MAX_BATCH_WRITES}`);
    }
    for (const [name, write] of writes) {
      if (write.PutRequest) put(name, write.PutRequest.Item);
      else if (write.DeleteRequest) remove(name, write.DeleteRequest.Key);
      else throw validation('Supplied AttributeValue has no PutRequest or DeleteRequest');
    }
    return { UnprocessedItems: {} };
  }
}

function validation(message: string): DynamoError {
  return new DynamoError('ValidationException', message);
}
