/**
 * The dedupe store on DynamoDB: one item per eventID, expired by TTL.
 *   claim   conditional PutItem before publishing: only one invocation may announce an eventID;
 *   confirm BatchWriteItem after publishing: the eventID is announced;
 *   release BatchWriteItem delete when publishing failed: a later redrive may announce it.
 * If the table cannot be reached the store fails open: announce (a duplicate beats silence).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
 *
 * Powertools Idempotency wraps one function call per key; this store claims many keys and lets the
 * notifier publish them in PublishBatch requests, which a per-sign-in wrapper would forbid.
 */
import { randomUUID } from 'node:crypto';
import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { batchesOf, mapConcurrent } from '../shared/batching.js';
import { DedupeUnavailableError } from '../shared/errors.js';
import { type Claim, type DedupeStore, RETENTION_DAYS } from './dedupe-store.js';

const CLAIM_CONCURRENCY = 50;
const BATCH_WRITE_ITEMS = 25;

export interface DedupeOptions {
  /** When the table cannot be reached: announce anyway (the Lambda), or throw (the commands). */
  readonly failOpen?: boolean;
}

export function createDynamoDbDedupeStore(
  dynamo: DynamoDBClient,
  tableName: string,
  { failOpen = true }: DedupeOptions = {},
): DedupeStore {
  const unavailable = (error: unknown): Claim => {
    if (failOpen) return 'unavailable';
    throw new DedupeUnavailableError(
      `dedupe table ${tableName}: ${(error as Error).name}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  };
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const expiresAt = () => String(nowSeconds() + RETENTION_DAYS * 86_400);

  async function claimOne(key: string, claimSeconds: number, token: string): Promise<Claim> {
    const now = nowSeconds();
    try {
      await dynamo.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: key },
            state: { S: 'claimed' },
            claimedUntil: { N: String(now + claimSeconds) },
            claimToken: { S: token },
            expiresAt: { N: expiresAt() },
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': { S: 'claimed' }, ':now': { N: String(now) } },
        }),
      );
      return 'claimed';
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') return unavailable(error);
      // DynamoDB may have applied a PutItem whose reply was lost; the SDK's retry then fails its
      // condition on our own claim. The token tells our claim from another invocation's.
      return ownerOf(key, token);
    }
  }

  async function ownerOf(key: string, token: string): Promise<Claim> {
    try {
      const { Item } = await dynamo.send(
        new GetItemCommand({ TableName: tableName, Key: { pk: { S: key } }, ConsistentRead: true }),
      );
      if (Item?.state?.S !== 'claimed') return 'duplicate';
      return Item.claimToken?.S === token ? 'claimed' : 'in-flight';
    } catch (error) {
      return unavailable(error);
    }
  }

  /** Writes in batches of 25, retrying unprocessed items twice; returns how many were not written. */
  async function batchWrite(requests: WriteRequest[]): Promise<number> {
    const unwritten = await mapConcurrent(
      batchesOf(requests, BATCH_WRITE_ITEMS),
      CLAIM_CONCURRENCY,
      async (batch) => {
        let pending = batch;
        for (let attempt = 0; pending.length > 0 && attempt < 3; attempt++) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
          try {
            const reply = await dynamo.send(
              new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
            );
            pending = reply.UnprocessedItems?.[tableName] ?? [];
          } catch {
            // The SDK already retried; try the batch again, then count it as unwritten.
          }
        }
        return pending.length;
      },
    );
    return unwritten.reduce((sum, count) => sum + count, 0);
  }

  const release = (keys: readonly string[]) =>
    batchWrite(keys.map((key) => ({ DeleteRequest: { Key: { pk: { S: key } } } })));

  return {
    async claim(keys, claimSeconds) {
      const token = randomUUID();
      const outcomes = await mapConcurrent(keys, CLAIM_CONCURRENCY, (key) =>
        claimOne(key, claimSeconds, token).then(
          (claim) => ({ claim, error: undefined }),
          (error: unknown) => ({ claim: undefined, error }),
        ),
      );
      const failed = outcomes.find(({ error }) => error !== undefined);
      if (failed) {
        // Failing closed: free what this call claimed, so that a rerun can claim it again.
        await release(keys.filter((_, index) => outcomes[index]?.claim === 'claimed'));
        throw failed.error;
      }
      return new Map(keys.map((key, index) => [key, outcomes[index]?.claim as Claim]));
    },
    confirm: (keys) =>
      batchWrite(
        keys.map((key) => ({
          PutRequest: {
            Item: {
              pk: { S: key },
              state: { S: 'announced' },
              announcedAt: { S: new Date().toISOString() },
              expiresAt: { N: expiresAt() },
            },
          },
        })),
      ),
    release,
    async announcedAmong(keys) {
      const states = await mapConcurrent(keys, CLAIM_CONCURRENCY, async (key) => {
        const { Item } = await dynamo.send(
          new GetItemCommand({ TableName: tableName, Key: { pk: { S: key } } }),
        );
        return Item?.state?.S;
      });
      return new Set(keys.filter((_, index) => states[index] === 'announced'));
    },
  };
}
