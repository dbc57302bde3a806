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
import { createHash } from 'node:crypto'
import type pg from 'pg'
import { db, getPool, type Prisma } from './db'
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

/**
 * SQL inside a transaction, behind one call: a raw pool client (`inRawTransaction`) or a Prisma
 * transaction (`sqlOfPrisma`). Code written against it runs in either, so a hot path can leave Prisma's
 * per-query cost behind (about 0.5 ms a statement against 0.1 ms for node-postgres, measured in issue 17)
 * while the same function still serves a caller that is in a Prisma transaction. Statements cast what
 * they return to plain types (text, int, timestamptz, jsonb), which both drivers read alike.
 */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<R[]>
}

export function sqlOfPrisma(tx: Tx): Sql {
  return { query: <R>(text: string, values: readonly unknown[] = []) => tx.$queryRawUnsafe<R[]>(text, ...values) }
}

/** Either kind of transaction as `Sql`. */
export function asSql(tx: Tx | Sql): Sql {
  return typeof (tx as Partial<Tx>).$queryRawUnsafe === 'function' ? sqlOfPrisma(tx as Tx) : (tx as Sql)
}

// Each statement text is prepared once per connection (PostgreSQL keeps its plan); the name is its hash.
const statementNames = new Map<string, string>()
function statementName(text: string): string {
  let name = statementNames.get(text)
  if (!name) {
    name = `w_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    statementNames.set(text, name)
  }
  return name
}

export function sqlOfClient(client: pg.PoolClient): Sql {
  return {
    query: async <R>(text: string, values: readonly unknown[] = []) =>
      (await client.query({ name: statementName(text), text, values: values as unknown[] })).rows as R[],
  }
}

/**
 * A transaction on a raw pool connection: BEGIN, `work`, COMMIT (ROLLBACK on any error, and the
 * connection discarded if it failed). For the hottest writes only (alert ingest; SLI ingest's COPY uses
 * the client itself); everything else uses `inTransaction`. A pool with no free connection within its timeout, like P2028 there, means
 * overload: 503 with Retry-After.
 */
export async function inRawTransaction<T>(
  work: (sql: Sql, client: pg.PoolClient) => Promise<T>,
  opts: { afterBegin?: string } = {},
): Promise<T> {
  let client: pg.PoolClient
  try {
    client = await getPool().connect()
  } catch (err) {
    if (err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message)) {
      throw serviceUnavailable('Wardroom is busy; try again shortly', 2)
    }
    throw err
  }
  // A connection that dies while checked out emits 'error' on the client (the pool listens only to idle
  // ones): without a listener that is an uncaught exception. The query in flight fails anyway.
  let broken: Error | undefined
  const onError = (e: Error) => {
    broken = e
  }
  client.on('error', onError)
  try {
    // afterBegin (parameterless statements, such as a lock) rides in BEGIN's round trip.
    await client.query(opts.afterBegin ? `BEGIN; ${opts.afterBegin}` : 'BEGIN')
    const result = await work(sqlOfClient(client), client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch((e: Error) => {
      broken = e
    })
    throw err
  } finally {
    client.off('error', onError)
    client.release(broken)
  }
}
