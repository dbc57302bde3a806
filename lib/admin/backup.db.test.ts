import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { generateApiKey } from '@/lib/auth/api-keys'
import { createUser, uid } from '@/test/factories'
import { runCli } from '@/test/run-script'
import { countTableRows, dumpToString, restoreDatabase, type DumpResult } from './backup'

const TRICKY = `it's "quoted"; back\\slash \\\\ \n newline -- not a comment $$ dollar $x$ ünï©ødé 🩺 \u0001`

/** A fresh, empty database on the same server as the one under test (embedded or external PostgreSQL). */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const sourceUrl = process.env.DATABASE_URL!
  const name = `wr_restore_${uid('t').slice(2).replace(/-/g, '')}`
  const admin = new pg.Client({ connectionString: sourceUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(sourceUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: sourceUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}

const rowText = async (client: pg.ClientBase, table: string, key: string, value: string) =>
  (await client.query<{ t: string }>(`SELECT t::text AS t FROM "${table}" t WHERE "${key}"::text = $1`, [value])).rows[0]?.t

describe('backup and restore', () => {
  const source = new pg.Client({ connectionString: process.env.DATABASE_URL })
  let target: pg.Client
  let fresh: Awaited<ReturnType<typeof freshDatabase>>
  let dump: DumpResult & { sql: string }
  const ids = { user: '', key: '', setting: uid('backup.setting'), audit: '', job: '', analytics: uid('u_backup') }
  // A duplicate whose key sorts before its original's: in key order its INSERT would come first and fail.
  const feedback = { original: `ffffffff-ffff-4fff-bfff-${uid('f').replace(/\D/g, '').padStart(12, '0').slice(-12)}`, duplicate: '' }
  feedback.duplicate = `00000000${feedback.original.slice(8)}`

  beforeAll(async () => {
    const user = await createUser('ops', { name: TRICKY })
    // A role added by a later migration: its value must be usable in the restore's one transaction.
    await createUser('safety_officer')
    ids.user = user.id
    const { prefix, hash } = generateApiKey()
    const key = await db.apiKey.create({
      data: { name: uid('backup-key'), prefix, hash, scopes: ['read', 'a,b', 'quote"d', 'back\\slash', 'NULL', '', '{x}'], createdById: user.id },
    })
    ids.key = key.id
    await db.setting.create({
      data: { key: ids.setting, value: { text: TRICKY, nested: { list: [1, 2.5, true, null, 'x'] }, empty: {}, big: 12345678901234 } },
    })
    ids.audit = (await recordAudit(SYSTEM_ACTOR, { action: 'test.backup', targetType: 'user', targetId: user.id, summary: { note: TRICKY, n: [1, 2] } })).id.toString()
    ids.job = (await db.jobRun.create({ data: { job: uid('job'), trigger: 'cli', status: 'failed', error: TRICKY, durationMs: 7 } })).id.toString()
    await db.loginAttempt.create({ data: { email: `${uid('l')}@test.wardroom.local`, ip: '10.0.0.1', success: false } })
    // Analytics events live in monthly partitions that no migration creates (lib/analytics/README.md).
    await db.$queryRawUnsafe(`SELECT analytics_create_partition('2026-01-01')`)
    await db.$executeRawUnsafe(
      `INSERT INTO "AnalyticsEvent" ("occurredAt", "userKey", type, event, properties) VALUES ('2026-01-15T10:00:00Z', $1, 'track', 'backup_test', $2::jsonb)`,
      ids.analytics,
      JSON.stringify({ note: TRICKY }),
    )

    const item = (id: string, parentId: string | null) =>
      db.$executeRawUnsafe(
        `INSERT INTO "FeedbackItem" (id, type, category, priority, "priorityReason", source, description, "dedupText", "slaDueAt", "parentId", "updatedAt")
         VALUES ($1::uuid, 'bug', 'performance', 'low', 'low: backup test', 'in_app', 'slow', 'slow', now(), $2::uuid, now())`,
        id,
        parentId,
      )
    await item(feedback.original, null)
    await item(feedback.duplicate, feedback.original)

    await source.connect()
    dump = await dumpToString(source, { batchRows: 3 })
    fresh = await freshDatabase()
    target = new pg.Client({ connectionString: fresh.url })
    await target.connect()
    await restoreDatabase(target, dump.sql, { batchChars: 10_000 })
  })

  afterAll(async () => {
    await source.end()
    await target?.end()
    await fresh?.drop()
  })

  it('writes a row that refers to another row of its table after that row', async () => {
    expect(dump.sql.indexOf(feedback.duplicate)).toBeGreaterThan(dump.sql.indexOf(feedback.original))
    const { rows } = await target.query<{ parent: string }>(`SELECT "parentId"::text AS parent FROM "FeedbackItem" WHERE id = $1`, [feedback.duplicate])
    expect(rows[0]?.parent).toBe(feedback.original)
  })

  it('writes a plain SQL file with a header, one transaction and the applied migrations', () => {
    expect(dump.sql).toMatch(/^-- Wardroom database backup/)
    expect(dump.sql).toContain('-- migrations: 20261125045657_init')
    expect(dump.sql).toContain('\nBEGIN;\n')
    expect(dump.sql).toContain('\nCOMMIT;\n')
    expect(dump.sql).toContain('DROP SCHEMA IF EXISTS public CASCADE;')
    expect(dump.migrations.length).toBeGreaterThanOrEqual(1)
    // Parents before children: a key's creator is restored before the key.
    const order = dump.tables.map((t) => t.table)
    expect(order[0]).toBe('_prisma_migrations')
    expect(order.indexOf('User')).toBeLessThan(order.indexOf('ApiKey'))
  })

  it('restores every table with the row counts of the snapshot', async () => {
    const restored = new Map((await countTableRows(target)).map((t) => [t.table, t.rows]))
    for (const t of dump.tables) expect(restored.get(t.table), t.table).toBe(t.rows)
    expect(restored.size).toBe(dump.tables.length)
  })

  it('restores text, uuid, enum, timestamptz, jsonb, arrays, bigint, boolean and nulls exactly', async () => {
    for (const [table, key, value] of [
      ['User', 'id', ids.user],
      ['ApiKey', 'id', ids.key],
      ['Setting', 'key', ids.setting],
      ['AuditLog', 'id', ids.audit],
      ['JobRun', 'id', ids.job],
    ] as const) {
      const original = await rowText(source, table, key, value)
      expect(original, `${table} ${value}`).toBeDefined()
      expect(await rowText(target, table, key, value), `${table} ${value}`).toBe(original)
    }
    const setting = await target.query<{ value: { text: string } }>('SELECT value FROM "Setting" WHERE key = $1', [ids.setting])
    expect(setting.rows[0]!.value.text).toBe(TRICKY)
    const key = await target.query<{ scopes: string[] }>('SELECT scopes FROM "ApiKey" WHERE id = $1', [ids.key])
    expect(key.rows[0]!.scopes).toEqual(['read', 'a,b', 'quote"d', 'back\\slash', 'NULL', '', '{x}'])
  })

  it('restores analytics events into their monthly partition', async () => {
    expect(dump.sql).toMatch(/CREATE TABLE public\."AnalyticsEvent_2026_01" PARTITION OF public\."AnalyticsEvent" FOR VALUES FROM \('2026-01-01 00:00:00\+00'\) TO \('2026-02-01 00:00:00\+00'\);/)
    const { rows } = await target.query(`SELECT tableoid::regclass::text AS part, properties FROM "AnalyticsEvent" WHERE "userKey" = $1`, [ids.analytics])
    expect(rows).toEqual([{ part: '"AnalyticsEvent_2026_01"', properties: { note: TRICKY } }])
  })

  it('restores the sequences, so new rows get fresh ids', async () => {
    const max = await target.query<{ max: string }>('SELECT max(id)::text AS max FROM "AuditLog"')
    const next = await target.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('"AuditLog"', 'id'))::text AS id`)
    expect(BigInt(next.rows[0]!.id)).toBeGreaterThan(BigInt(max.rows[0]!.max))
  })

  it('keeps the audit chain verifiable, and audit:verify names a row altered afterwards', async () => {
    const audited = dump.tables.find((t) => t.table === 'AuditLog')!.rows
    const ok = await runCli(['audit:verify'], '', fresh.url)
    expect(ok.stdout.trim()).toBe(`audit chain intact: ${audited} rows`)
    expect(ok.code).toBe(0)

    await target.query('BEGIN')
    await target.query('ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"')
    await target.query(`UPDATE "AuditLog" SET action = 'test.tampered' WHERE id = $1`, [ids.audit])
    await target.query('ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"')
    await target.query('COMMIT')
    const broken = await runCli(['audit:verify'], '', fresh.url)
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain(`audit chain broken at row ${ids.audit}`)
  })

  it('replaces existing data on a second restore, and a failing restore changes nothing', async () => {
    await target.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('only-in-target', '1', now())`)
    await restoreDatabase(target, dump.sql)
    expect((await target.query(`SELECT 1 FROM "Setting" WHERE key = 'only-in-target'`)).rowCount).toBe(0)
    expect(await rowText(target, 'AuditLog', 'id', ids.audit)).toBe(await rowText(source, 'AuditLog', 'id', ids.audit))

    const before = await countTableRows(target)
    await expect(restoreDatabase(target, `${dump.sql}\nINSERT INTO "Setting" (key) VALUES ('missing value');\n`)).rejects.toThrow()
    expect(await countTableRows(target)).toEqual(before)
    expect(await rowText(target, 'Setting', 'key', ids.setting)).toBe(await rowText(source, 'Setting', 'key', ids.setting))
  })
})
