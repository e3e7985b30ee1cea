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
