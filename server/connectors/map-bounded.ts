/**
 * `fn` over `items` with at most `limit` calls pending at once; the results in the items' order. The first failure
 * rejects at once, and no call starts after it (the ones pending finish, their outcome ignored).
 *
 * A sync reads one status history per ticket (a thousand per page). Started all at once, the thousand calls each
 * held their promise chain, closures and place in the HTTP slot queue for most of the page: young objects that
 * outlived scavenges, were copied and promoted, and grew the old generation the collector then marks. A few
 * callers ahead of the HTTP limit keep every slot busy with a tenth of the garbage.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++
      try {
        results[i] = await fn(items[i])
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const workers: Array<Promise<void>> = []
  for (let w = Math.min(limit, items.length); w > 0; w--) workers.push(worker())
  await Promise.all(workers)
  return results
}
