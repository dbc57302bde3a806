/**
 * The connection pool under contention: 32 clients share the app's pool (DB_POOL_MAX connections, 10 by
 * default), through pg directly and through Prisma. Every value a client sends carries its own tag, so a
 * result routed to the wrong client, or a row that survived a rollback, fails the comparison.
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db, getPool, Prisma } from '@/lib/db'
import { env } from '@/lib/env'

const CLIENTS = 32
const ROUNDS = 2
const PARAM_BYTES = 70_000
const ROW_BYTES = 200_000

// Only hex after a fixed prefix, so the name is safe to splice into SQL.
const table = `concurrency_${randomBytes(6).toString('hex')}`
const tableSql = Prisma.raw(`"${table}"`)

/** A value of `bytes` characters that starts with `tag` and is otherwise random (not compressible to nothing). */
function value(tag: string, bytes: number): string {
  const head = `${tag}:`
  return head + randomBytes(Math.ceil((bytes - head.length) / 2)).toString('hex').slice(0, bytes - head.length)
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex')

/** Parameters for a query of `arity` (1–6): text and integers, one of them ~70 kB from arity 2 up. */
function params(tag: string, arity: number): (string | number)[] {
  return Array.from({ length: arity }, (_, i) => {
    if (i % 3 === 2) return Number.parseInt(createHash('sha1').update(`${tag}-${i}`).digest('hex').slice(0, 7), 16)
    return i === 1 ? value(`${tag}-p${i}`, PARAM_BYTES) : `${tag}-p${i}`
  })
}
const cast = (p: string | number) => (typeof p === 'number' ? 'int' : 'text')
/** What `SELECT $1 AS p1, …` must answer. */
const row = (ps: (string | number)[]) => Object.fromEntries(ps.map((p, i) => [`p${i + 1}`, p]))

interface Stored {
  tx: string
  payload: string
}

/** What each client committed (and rolled back), checked against the table at the end. */
interface Ledger {
  committed: Stored[]
  rolledBack: string[]
}

/** One client through pg: queries of every arity, then a transaction that commits or rolls back. */
async function pgClient(client: number, ledger: Ledger): Promise<void> {
  const pool = getPool()
  for (let round = 0; round < ROUNDS; round++) {
    for (let arity = 1; arity <= 6; arity++) {
      const ps = params(`pg${client}-r${round}-a${arity}`, arity)
      const select = ps.map((p, i) => `$${i + 1}::${cast(p)} AS p${i + 1}`).join(', ')
      const { rows } = await pool.query(`SELECT ${select}`, ps)
      expect(rows).toEqual([row(ps)])
    }
    const { rows: series } = await pool.query('SELECT $1::text || $2::text || g AS v FROM generate_series(1, $3::int) g', [`pg${client}`, `-r${round}-`, 3])
    expect(series.map((r: { v: string }) => r.v)).toEqual([1, 2, 3].map((g) => `pg${client}-r${round}-${g}`))

    const tx = `pg${client}-tx${round}`
    const commit = (client + round) % 2 === 0
    const inserted = [0, 1].map((k) => ({ tx, payload: value(`${tx}-${k}`, ROW_BYTES) }))
    const conn = await pool.connect()
    try {
      await conn.query('BEGIN')
      for (const r of inserted) await conn.query(`INSERT INTO "${table}" (client, tx, payload) VALUES ($1, $2, $3)`, [client, r.tx, r.payload])
      // This client's rows as its transaction sees them: earlier commits and its own inserts, nobody else's.
      const { rows } = await conn.query(`SELECT tx, payload FROM "${table}" WHERE client = $1 ORDER BY id`, [client])
      expect(rows).toEqual([...ledger.committed, ...inserted])
      await conn.query(commit ? 'COMMIT' : 'ROLLBACK')
    } catch (e) {
      await conn.query('ROLLBACK').catch(() => undefined)
      throw e
    } finally {
      conn.release()
    }
    if (commit) ledger.committed.push(...inserted)
    else ledger.rolledBack.push(tx)
  }
}

class Rollback extends Error {}

/** One client through Prisma: $queryRaw of every arity, then a $transaction that commits or rolls back. */
async function prismaClient(client: number, ledger: Ledger): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    for (let arity = 1; arity <= 6; arity++) {
      const ps = params(`prisma${client}-r${round}-a${arity}`, arity)
      const select = Prisma.join(ps.map((p, i) => Prisma.sql`${p}::${Prisma.raw(cast(p))} AS ${Prisma.raw(`p${i + 1}`)}`))
      const rows = await db.$queryRaw<Record<string, string | number>[]>`SELECT ${select}`
      expect(rows).toEqual([row(ps)])
    }

    const tx = `prisma${client}-tx${round}`
    const commit = (client + round) % 2 === 0
    const inserted = [0, 1].map((k) => ({ tx, payload: value(`${tx}-${k}`, ROW_BYTES) }))
    try {
      await db.$transaction(async (t) => {
        for (const r of inserted) await t.$executeRaw`INSERT INTO ${tableSql} (client, tx, payload) VALUES (${client}, ${r.tx}, ${r.payload})`
        const rows = await t.$queryRaw<Stored[]>`SELECT tx, payload FROM ${tableSql} WHERE client = ${client} ORDER BY id`
        expect(rows).toEqual([...ledger.committed, ...inserted])
        if (!commit) throw new Rollback(tx)
      })
    } catch (e) {
      if (!(e instanceof Rollback)) throw e
    }
    if (commit) ledger.committed.push(...inserted)
    else ledger.rolledBack.push(tx)
  }
}

describe('the connection pool under 32 concurrent clients', () => {
  beforeAll(async () => {
    await getPool().query(`CREATE TABLE "${table}" (id serial PRIMARY KEY, client int NOT NULL, tx text NOT NULL, payload text NOT NULL)`)
  })

  afterAll(async () => {
    await getPool().query(`DROP TABLE IF EXISTS "${table}"`)
  })

  it('gives each client exactly its own results, and keeps only committed rows', async () => {
    const pool = getPool()
    let mostWaiting = 0
    let mostOpen = 0
    const sample = setInterval(() => {
      mostWaiting = Math.max(mostWaiting, pool.waitingCount)
      mostOpen = Math.max(mostOpen, pool.totalCount)
    }, 2)

    // Even clients go through pg, odd ones through Prisma; both share the one pool.
    const ledgers = Array.from({ length: CLIENTS }, (): Ledger => ({ committed: [], rolledBack: [] }))
    try {
      await Promise.all(ledgers.map((ledger, client) => (client % 2 === 0 ? pgClient(client, ledger) : prismaClient(client, ledger))))
    } finally {
      clearInterval(sample)
    }

    // The pool never grew past its limit, and clients queued for a connection whenever they outnumbered it.
    expect(mostOpen).toBeLessThanOrEqual(env.DB_POOL_MAX)
    expect(mostWaiting > 0).toBe(env.DB_POOL_MAX < CLIENTS)

    const committed = ledgers.flatMap((l) => l.committed)
    const rolledBack = ledgers.flatMap((l) => l.rolledBack)
    expect(committed).toHaveLength((CLIENTS * ROUNDS * 2) / 2)
    expect(rolledBack).toHaveLength((CLIENTS * ROUNDS) / 2)

    const { rows } = await pool.query(`SELECT tx, md5(payload) AS md5 FROM "${table}" ORDER BY id`)
    const sort = (xs: { tx: string; md5: string }[]) => [...xs].sort((a, b) => a.tx.localeCompare(b.tx) || a.md5.localeCompare(b.md5))
    expect(sort(rows)).toEqual(sort(committed.map((r) => ({ tx: r.tx, md5: md5(r.payload) }))))
    const { rows: leaked } = await pool.query(`SELECT DISTINCT tx FROM "${table}" WHERE tx = ANY($1::text[])`, [rolledBack])
    expect(leaked).toEqual([])
  })
})
