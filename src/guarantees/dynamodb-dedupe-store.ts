/**
 * The dedupe store on DynamoDB: one item per eventID (its dedupeKeyOf), expired by TTL.
 *   claim   conditional PutItem: the item is new, or a claim that lapsed. A failed condition
 *           returns the item that failed it (ReturnValuesOnConditionCheckFailure: ALL_OLD), read
 *           in the same atomic step, as Powertools Idempotency does: announced, or whose claim.
 *   confirm conditional PutItem: the item is ours (our token), or gone.
 *   release conditional DeleteItem: the item is ours.
 * All of a call's writes go out at once (up to MAX_IN_FLIGHT): one round trip, not one per item.
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
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mapConcurrent } from '../shared/batching.js';
import { DedupeUnavailableError } from '../shared/errors.js';
import { type Claim, type DedupeStore, dedupeKeyOf, RETENTION_DAYS } from './dedupe-store.js';

/** As many writes at once as the client has sockets for (aws-clients.ts). */
export const MAX_IN_FLIGHT = 256;

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
  const unavailable = (error: unknown): Claim => {
    if (failOpen) return 'unavailable';
    const { name, message } = error as Error;
    throw new DedupeUnavailableError(`dedupe table ${tableName}: ${name}: ${message}`, { cause: error });
  };

  /** The item a failed condition returned, or undefined when the write succeeded. */
  async function conditional(command: PutItemCommand | DeleteItemCommand, signal?: AbortSignal) {
    try {
      await dynamo.send(command as PutItemCommand, { abortSignal: signal });
      return { failed: false as const };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return { failed: true as const, item: (error as { Item?: Item }).Item };
    }
  }

  async function claimOne(
    eventId: string,
    token: string,
    until: number,
    signal?: AbortSignal,
  ): Promise<Claim> {
    const now = String(nowSeconds());
    const put = new PutItemCommand({
      TableName: tableName,
      Item: {
        pk: { S: dedupeKeyOf(eventId) },
        state: { S: 'claimed' },
        claimedUntil: { N: String(until) },
        claimToken: { S: token },
        expiresAt: expiresAt(),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedUntil < :now)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':claimed': { S: 'claimed' }, ':now': { N: now } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    try {
      // A second try only for a failed condition that returned no item: it was there, and is gone.
      for (let attempt = 0; attempt < 2; attempt++) {
        const outcome = await conditional(put, signal);
        if (!outcome.failed) return 'claimed';
        if (outcome.item) return ownerOf(outcome.item, token);
      }
      return unavailable(new Error('the item that failed the condition vanished twice'));
    } catch (error) {
      return unavailable(error);
    }
  }

  /** Settles each of our claims; counts the ones the table did not take (lost, or another's now). */
  async function settle(
    eventIds: readonly string[],
    write: (eventId: string) => PutItemCommand | DeleteItemCommand,
    signal?: AbortSignal,
  ) {
    const outcomes = await mapConcurrent(eventIds, MAX_IN_FLIGHT, async (eventId) => {
      try {
        return (await conditional(write(eventId), signal)).failed ? 1 : 0;
      } catch {
        return 1; // The SDK already retried; the claim lapses by itself.
      }
    });
    return outcomes.reduce<number>((sum, count) => sum + count, 0);
  }

  const owned = (token: string) => ({
    ExpressionAttributeValues: { ':token': { S: token } },
  });

  const release: DedupeStore['release'] = (token, eventIds, signal) =>
    settle(
      eventIds,
      (eventId) =>
        new DeleteItemCommand({
          TableName: tableName,
          Key: { pk: { S: dedupeKeyOf(eventId) } },
          ConditionExpression: 'claimToken = :token',
          ...owned(token),
        }),
      signal,
    );

  return {
    release,
    async claim(eventIds, { until, signal }) {
      const token = randomUUID();
      const outcomes = await mapConcurrent(eventIds, MAX_IN_FLIGHT, (eventId) =>
        claimOne(eventId, token, until, signal).then(
          (claim) => ({ claim, error: undefined }),
          (error: unknown) => ({ claim: undefined, error }),
        ),
      );
      const failed = outcomes.find(({ error }) => error !== undefined);
      if (failed) {
        // Failing closed: free what this call claimed, so that a rerun can claim it again.
        await release(
          token,
          eventIds.filter((_, index) => outcomes[index]?.claim === 'claimed'),
        );
        throw failed.error;
      }
      return { token, outcomes: new Map(eventIds.map((id, index) => [id, outcomes[index]?.claim as Claim])) };
    },
    confirm: (token, eventIds, signal) =>
      settle(
        eventIds,
        (eventId) =>
          new PutItemCommand({
            TableName: tableName,
            Item: {
              pk: { S: dedupeKeyOf(eventId) },
              state: { S: 'announced' },
              announcedAt: { S: new Date().toISOString() },
              expiresAt: expiresAt(),
            },
            // Ours, or gone (the table lost it): an announced sign-in is remembered either way.
            ConditionExpression: 'attribute_not_exists(pk) OR claimToken = :token',
            ...owned(token),
          }),
        signal,
      ),
    async announcedAmong(eventIds) {
      const states = await mapConcurrent(eventIds, MAX_IN_FLIGHT, async (eventId) => {
        const { Item } = await dynamo.send(
          new GetItemCommand({ TableName: tableName, Key: { pk: { S: dedupeKeyOf(eventId) } } }),
        );
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
