/**
 * Group commit: work items submitted while a batch is being written wait and go together in the next one,
 * so a burst of requests shares one transaction (and one audit-chain lock) instead of queueing for one
 * each. An idle system sends a lone item at once, so there is no added latency when quiet. If a batch
 * fails, its items are retried one by one, so one bad item cannot fail its neighbours.
 */

export interface GroupCommitOptions<T, R> {
  /** Writes a batch; returns one result per item, in order. */
  run: (items: T[]) => Promise<R[]>
  maxBatch?: number
  /** Batches in flight at once (each holds a database connection). */
  maxInFlight?: number
}

interface Pending<T, R> {
  item: T
  resolve: (r: R) => void
  reject: (e: unknown) => void
}

export function createGroupCommit<T, R>(opts: GroupCommitOptions<T, R>): (item: T) => Promise<R> {
  const maxBatch = opts.maxBatch ?? 64
  const maxInFlight = opts.maxInFlight ?? 2
  const queue: Pending<T, R>[] = []
  let inFlight = 0

  async function runOne(p: Pending<T, R>): Promise<void> {
    try {
      const [r] = await opts.run([p.item])
      p.resolve(r as R)
    } catch (e) {
      p.reject(e)
    }
  }

  async function runBatch(batch: Pending<T, R>[]): Promise<void> {
    if (batch.length === 1) return runOne(batch[0]!)
    let results: R[]
    try {
      results = await opts.run(batch.map((p) => p.item))
    } catch {
      for (const p of batch) await runOne(p)
      return
    }
    batch.forEach((p, i) => p.resolve(results[i] as R))
  }

  // A further batch starts beside a running one only when enough work waits: starting it for one item
  // would leave the next arrivals to a batch of one again, and batches would never grow under load.
  const parallelThreshold = Math.max(1, Math.floor(maxBatch / 4))

  function pump(): void {
    while (queue.length > 0 && (inFlight === 0 || (inFlight < maxInFlight && queue.length >= parallelThreshold))) {
      const batch = queue.splice(0, maxBatch)
      inFlight++
      void runBatch(batch).finally(() => {
        inFlight--
        pump()
      })
    }
  }

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject })
      pump()
    })
}
