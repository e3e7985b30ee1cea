/**
 * Runs `work` over `items` with at most `limit` calls in flight; results keep the items' order.
 * Items are pulled lazily, so a generator produces an item only when a worker is free to take it.
 */
export async function mapConcurrent<T, R>(
  items: Iterable<T>,
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const iterator = items[Symbol.iterator]();
  const results: R[] = [];
  let taken = 0;
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const index = taken++;
      results[index] = await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/**
 * Groups items in order into batches of at most `maxItems` and at most `maxBytes` by `sizeOf`, as
 * the AWS batch APIs take them (an item larger than `maxBytes` goes alone). Lazy, like mapConcurrent.
 */
export function* batchesOf<T>(
  items: Iterable<T>,
  maxItems: number,
  maxBytes = Number.POSITIVE_INFINITY,
  sizeOf: (item: T) => number = () => 0,
): Generator<T[]> {
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (batch.length === maxItems || (batch.length > 0 && bytes + size > maxBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
