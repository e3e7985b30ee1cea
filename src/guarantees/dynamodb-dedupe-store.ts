/**
 * The dedupe store on DynamoDB: one item per eventID (its dedupeKeyOf), expired by TTL.
 *   claim   conditional Put: the item is new, or a claim that lapsed. A failed condition returns
 *           the item that failed it (ReturnValuesOnConditionCheckFailure: ALL_OLD), read in the
 *           same atomic step, as Powertools Idempotency does: announced, or whose claim.
 *   confirm conditional Put: the item is ours (our token), or gone.
 *   release conditional Delete: the item is ours.
 * The writes of a call go out a hundred to a transaction (dynamodb-transactions.ts), all of the
 * transactions at once: a round trip or two, not one per sign-in.
 * If the table cannot be reached the store fails open (the Lambda: a duplicate beats silence) or
 * throws (the commands).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
 *
 * Powertools Idempotency wraps one function call per key; this store claims many keys and lets the
 * notifier publish them in PublishBatch requests, which a per-sign-in wrapper would forbid.
 */
import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { mapConcurrent } from '../shared/batching.js';
import { DedupeUnavailableError } from '../shared/errors.js';
import { type Claim, type DedupeStore, dedupeKeyOf, RETENTION_DAYS } from './dedupe-store.js';
import { writeEach } from './dynamodb-transactions.js';

/** Reads at once, for the commands' dry runs: as many as the client has sockets for (aws-clients.ts). */
const MAX_IN_FLIGHT = 256;

export interface DedupeOptions {
  /** When the table cannot be reached: announce anyway (the Lambda), or throw (the commands). */
  readonly failOpen?: boolean;
}

type Item = Record<string, AttributeValue>;

export function createDynamoDbDedupeStore(
  dynamo: DynamoDBClient,
  tableName: string,
  { failOpen = true }: DedupeOptions = {},
): DedupeStore {
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const expiresAt = () => ({ N: String(nowSeconds() + RETENTION_DAYS * 86_400) });
  const key = (eventId: string) => ({ pk: { S: dedupeKeyOf(eventId) } });
  const owned = (token: string) => ({ ExpressionAttributeValues: { ':token': { S: token } } });
  const unavailable = (error: unknown): Claim => {
    if (failOpen) return 'unavailable';
    const { name, message } = error as Error;
    throw new DedupeUnavailableError(`dedupe table ${tableName}: ${name}: ${message}`, { cause: error });
  };

  const claimOf = (eventId: string, token: string, until: number): TransactWriteItem => ({
    Put: {
      TableName: tableName,
      Item: {
        ...key(eventId),
        state: { S: 'claimed' },
        claimedUntil: { N: String(until) },
        claimToken: { S: token },
        expiresAt: expiresAt(),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedUntil < :now)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':claimed': { S: 'claimed' }, ':now': { N: String(nowSeconds()) } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });

  /** Settles each of our claims; counts the ones the table did not take (lost, or another's now). */
  async function settle(actions: TransactWriteItem[], signal?: AbortSignal): Promise<number> {
    const outcomes = await writeEach(dynamo, actions, signal);
    return outcomes.filter(({ kind }) => kind !== 'written').length;
  }

  const release: DedupeStore['release'] = (token, eventIds, signal) =>
    settle(
      eventIds.map((eventId) => ({
        Delete: {
          TableName: tableName,
          Key: key(eventId),
          ConditionExpression: 'claimToken = :token',
          ...owned(token),
        },
      })),
      signal,
    );

  return {
    release,
    async claim(eventIds, { until, signal }) {
      const token = randomUUID();
      const outcomes = new Map<string, Claim>();
      let pending = [...eventIds];
      // A second round only for a failed condition that returned no item: it was there, and is gone.
      for (let round = 0; pending.length > 0 && round < 2; round++) {
        const written = await writeEach(
          dynamo,
          pending.map((id) => claimOf(id, token, until)),
          signal,
        );
        const vanished: string[] = [];
        written.forEach((outcome, index) => {
          const eventId = pending[index] as string;
          if (outcome.kind === 'written') outcomes.set(eventId, 'claimed');
          else if (outcome.kind === 'error') outcomes.set(eventId, 'unavailable');
          else if (outcome.item) outcomes.set(eventId, ownerOf(outcome.item, token));
          else vanished.push(eventId);
        });
        const failure = written.find((outcome) => outcome.kind === 'error');
        if (failure?.kind === 'error' && !failOpen) {
          // Failing closed: free what this call claimed, so that a rerun can claim it again.
          await release(
            token,
            [...outcomes].flatMap(([id, claim]) => (claim === 'claimed' ? [id] : [])),
          );
          unavailable(failure.error);
        }
        pending = vanished;
      }
      for (const eventId of pending)
        outcomes.set(eventId, unavailable(new Error('the claimed item vanished twice')));
      return { token, outcomes };
    },
    confirm: (token, eventIds, signal) =>
      settle(
        eventIds.map((eventId) => ({
          Put: {
            TableName: tableName,
            Item: {
              ...key(eventId),
              state: { S: 'announced' },
              announcedAt: { S: new Date().toISOString() },
              expiresAt: expiresAt(),
            },
            // Ours, or gone (the table lost it): an announced sign-in is remembered either way.
            ConditionExpression: 'attribute_not_exists(pk) OR claimToken = :token',
            ...owned(token),
          },
        })),
        signal,
      ),
    async announcedAmong(eventIds) {
      const states = await mapConcurrent(eventIds, MAX_IN_FLIGHT, async (eventId) => {
        const { Item } = await dynamo.send(new GetItemCommand({ TableName: tableName, Key: key(eventId) }));
        return Item?.state?.S;
      });
      return new Set(eventIds.filter((_, index) => states[index] === 'announced'));
    },
  };
}

/** Whose item failed our claim's condition: announced, our own (a lost reply retried), or another's. */
function ownerOf(item: Item, token: string): Claim {
  if (item.state?.S !== 'claimed') return 'duplicate';
  return item.claimToken?.S === token ? 'claimed' : 'in-flight';
}
