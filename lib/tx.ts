/**
 * The one way to run an interactive transaction. Every write of an area's `commands.ts` goes through
 * `inTransaction`, and writes its audit entry with the same `tx`, so the audit row commits or rolls back
 * with the change it describes.
 *
 * Prisma's transaction timeouts (P2028: no pool connection in time, or the transaction outlived its
 * timeout) mean overload, not a bug: they answer 503 with Retry-After, not 500. Work to do after the
 * commit (publish a live update, drop a cache) goes in `afterCommit`, which runs only once the commit
 * succeeded.
 */
import { db, type Prisma } from './db'
import { prismaCode, serviceUnavailable } from './errors'

export type Tx = Prisma.TransactionClient

/** Interactive transactions wait for a pool connection under load instead of failing after 2 s. */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const

export interface TxOptions {
  /** Runs after a successful commit, with the transaction's result. */
  afterCommit?: () => void
  /** Overrides the transaction timeout (ms), for the rare long write such as a restore. */
  timeout?: number
  isolationLevel?: Prisma.TransactionIsolationLevel
}

export async function inTransaction<T>(work: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  let result: T
  try {
    result = await db.$transaction(work, {
      ...TX_OPTIONS,
      ...(opts.timeout ? { timeout: opts.timeout } : {}),
      ...(opts.isolationLevel ? { isolationLevel: opts.isolationLevel } : {}),
    })
  } catch (err) {
    if (prismaCode(err) === 'P2028') throw serviceUnavailable('Wardroom is busy; try again shortly', 2)
    throw err
  }
  opts.afterCommit?.()
  return result
}
