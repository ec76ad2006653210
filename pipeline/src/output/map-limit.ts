/**
 * Runs `work` over the items with at most `limit` in flight, keeping the order of results.
 * File-system calls then overlap on libuv's thread pool instead of queueing one by one.
 * When one fails, no more are started, and the returned promise rejects only once every call
 * in flight has settled: a caller that then deletes the folder they write to finds it quiet
 * (a full disk used to leave the staging folder behind, "ENOTEMPTY, rmdir").
 */
export async function mapLimit<T, R>(
  items: ArrayLike<T>,
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
  return results;
}
