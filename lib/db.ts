/**
 * The only place a database client is created. Both deployments go through `pg` + @prisma/adapter-pg:
 * an external PostgreSQL via DATABASE_URL, or the embedded PostgreSQL server that `npm start` runs on a
 * Unix socket (scripts/lib/embedded.ts) and hands to this process as DATABASE_URL. One code path, one behaviour.
 */
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './generated/prisma/client'
import { env } from './env'

interface DbGlobals {
  wardroomPool?: pg.Pool
  wardroomDb?: PrismaClient
}
// `next dev` evaluates modules several times: keep one pool and client per process.
const g = globalThis as unknown as DbGlobals

export function getPool(): pg.Pool {
  if (!g.wardroomPool) {
    const connectionString = process.env.DATABASE_URL
    if (!connectionString) {
      throw new Error(
        'DATABASE_URL is not set. Start Wardroom with `npm start` (it serves the embedded database) or set DATABASE_URL.',
      )
    }
    g.wardroomPool = new pg.Pool({
      connectionString,
      max: env.DB_POOL_MAX,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
      application_name: 'wardroom',
      // Sized for a small server: no statement runs away with a connection, and a transaction left open
      // by a stalled request releases its locks instead of blocking jobs and ingest.
      ...(env.DB_STATEMENT_TIMEOUT_MS ? { statement_timeout: env.DB_STATEMENT_TIMEOUT_MS } : {}),
      idle_in_transaction_session_timeout: 60_000,
    })
    // An idle client losing its connection must not crash the process; the pool replaces it.
    g.wardroomPool.on('error', () => {})
  }
  return g.wardroomPool
}

function getClient(): PrismaClient {
  if (!g.wardroomDb) g.wardroomDb = new PrismaClient({ adapter: new PrismaPg(getPool()) })
  return g.wardroomDb
}

/** Created on first use, so that importing this module (e.g. during `next build`) opens no connection. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getClient()
    const value = Reflect.get(client, prop, client) as unknown
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value
  },
})

const closeHooks = new Set<() => void>()

/** Runs before the pool closes: a holder of a long-lived connection (the flag change listener) lets go of it. */
export function beforeCloseDb(hook: () => void): void {
  closeHooks.add(hook)
}

export async function closeDb(): Promise<void> {
  // The pool's end() waits for every checked-out client: those holding one must release it first.
  for (const hook of closeHooks) hook()
  const { wardroomDb, wardroomPool } = g
  g.wardroomDb = undefined
  g.wardroomPool = undefined
  await wardroomDb?.$disconnect()
  await wardroomPool?.end()
}

export type { PrismaClient }
export { Prisma } from './generated/prisma/client'
