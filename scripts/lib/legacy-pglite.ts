/**
 * Moves an install from an earlier version, whose embedded database was PGlite in <data dir>/pglite, onto
 * the embedded PostgreSQL server: dump with the app's own backup code (PGlite opened in this process, one
 * session, no socket), restore into the new server, then verify that every table has the same row count
 * and that the audit hash chain is intact. Any failure throws; the caller removes the new cluster and the
 * old directory is never touched, so the next start can try again and nothing is silently started empty.
 */
import { createReadStream, createWriteStream, rmSync } from 'node:fs'
import { verifyAuditChain } from '@/lib/audit-verify'
import path from 'node:path'
import { once } from 'node:events'
import type pg from 'pg'
import PG from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { countTableRows, dumpDatabase, restoreDatabase, type TableCount } from '../../lib/admin/backup'

import { PrismaClient } from '../../lib/generated/prisma/client'

interface QueryConfig {
  text: string
  rowMode?: 'array'
}

/** The part of pg's client that the backup code uses, served by an in-process PGlite. */
function pgliteClient(db: { query: (sql: string, params?: unknown[], opts?: { rowMode?: 'array' | 'object' }) => Promise<{ rows: unknown[] }> }): pg.ClientBase {
  const client = {
    query: async (q: string | QueryConfig, params?: unknown[]) => {
      const text = typeof q === 'string' ? q : q.text
      const rowMode = typeof q === 'string' ? undefined : q.rowMode
      const { rows } = await db.query(text, params, rowMode ? { rowMode } : undefined)
      return { rows, rowCount: rows.length }
    },
  }
  return client as unknown as pg.ClientBase
}

function differences(before: TableCount[], after: TableCount[]): string[] {
  const got = new Map(after.map((t) => [t.table, t.rows]))
  return before.filter((t) => got.get(t.table) !== t.rows).map((t) => `${t.table}: ${t.rows} before, ${got.get(t.table) ?? 'missing'} after`)
}

export async function migrateFromPglite(legacyDir: string, targetUrl: string, log: (m: string) => void): Promise<void> {
  const t0 = Date.now()
  const where = path.relative(process.cwd(), legacyDir) || legacyDir
  const dumpFile = path.join(path.dirname(legacyDir), 'pglite-migration.sql')
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
    const source = await PGlite.create(legacyDir, { extensions: { pg_trgm } })
    let before: TableCount[]
    try {
      const out = createWriteStream(dumpFile, { mode: 0o600 })
      await dumpDatabase(pgliteClient(source), {
        write: async (chunk) => {
          if (!out.write(chunk)) await once(out, 'drain')
        },
      })
      out.end()
      await once(out, 'finish')
      before = await countTableRows(pgliteClient(source))
    } finally {
      await source.close()
    }

    const target = new PG.Client({ connectionString: targetUrl })
    await target.connect()
    let after: TableCount[]
    try {
      await restoreDatabase(target, createReadStream(dumpFile, { encoding: 'utf8' }))
      after = await countTableRows(target)
    } finally {
      await target.end()
    }
    const diff = differences(before, after)
    if (diff.length) throw new Error(`row counts differ after the move (${diff.join('; ')})`)

    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: targetUrl }) })
    try {
      // A PGlite-era trail predates audit checkpoints: there is nothing to hold it against but its hashes.
      const chain = await verifyAuditChain({ client: prisma, anchor: false })
      if (!chain.ok) throw new Error(`the audit chain does not verify after the move (row ${chain.brokenAt?.id}: ${chain.brokenAt?.reason})`)
    } finally {
      await prisma.$disconnect()
    }
    const rows = after.reduce((n, t) => n + t.rows, 0)
    log(
      `moved the earlier embedded database (PGlite, ${where}) into PostgreSQL: ${after.length} tables, ${rows} rows, ` +
        `audit chain verified, in ${Date.now() - t0} ms; ${where} is kept untouched and may be deleted`,
    )
  } catch (e) {
    throw new Error(
      `Could not move the earlier embedded database in ${where} to PostgreSQL: ${e instanceof Error ? e.message : String(e)}. ` +
        `${where} is untouched; nothing was started. Fix the cause and start again, or move ${where} away to start empty.`,
    )
  } finally {
    rmSync(dumpFile, { force: true })
  }
}
