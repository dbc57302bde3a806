/**
 * Tampering with the audit trail, on a database of this file's own (its checkpoints and anchor file must
 * not meet the shared test database's): what the database refuses, by trigger to the owner and by
 * privilege to the runtime role, and what verification finds when someone with the owner's rights
 * tampers anyway.
 */
import { randomBytes } from 'node:crypto'
import { verifyAuditChain, writeAuditCheckpoint } from '@/lib/audit-verify'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { auditHash, GENESIS_HASH, recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { checkpointLine, signCheckpoint, type AnchorConfig } from '@/lib/audit-anchor'
import { createRuntimeRole, migrateUrl } from '@/test/migrate-url'

const name = `wr_tamper_${randomBytes(5).toString('hex')}`
const adminUrl = inject('adminDatabaseUrl')
const dbUrl = (() => {
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return u.toString()
})()
const dir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-tamper-'))
const key = randomBytes(32).toString('base64url')
let runtime: { role: string; url: string }
let app: PrismaClient
let anchor: AnchorConfig
let n = 0

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await c.query(text)
  } finally {
    await c.end()
  }
}

/** As the owner, behind the triggers (what the runtime role cannot do). */
const asOwnerWithoutTriggers = (text: string) =>
  sql(dbUrl, `BEGIN; ALTER TABLE "AuditLog" DISABLE TRIGGER USER; ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER USER; ${text};
              ALTER TABLE "AuditLog" ENABLE TRIGGER USER; ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER USER; COMMIT`)

async function audit(count: number): Promise<bigint[]> {
  const ids: bigint[] = []
  for (let i = 0; i < count; i++) ids.push((await app.$transaction((tx) => recordAudit(SYSTEM_ACTOR, { action: 'test.tamper', summary: { i } }, tx))).id)
  return ids
}

const verify = () => verifyAuditChain({ client: app, anchor })
const checkpoint = () => writeAuditCheckpoint({ client: app, anchor })

beforeAll(async () => {
  await sql(adminUrl, `CREATE DATABASE ${name}`)
  runtime = await createRuntimeRole(dbUrl)
})

afterAll(async () => {
  await sql(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await sql(adminUrl, `DROP ROLE IF EXISTS ${runtime.role}`)
  rmSync(dir, { recursive: true, force: true })
})

// Every test starts from an empty, migrated schema and a new anchor file.
beforeEach(async () => {
  await migrateUrl(dbUrl, true, runtime.role)
  app = new PrismaClient({ adapter: new PrismaPg({ connectionString: runtime.url }) })
  anchor = { key, file: path.join(dir, `anchor-${++n}.log`) }
})

afterEach(async () => {
  await app.$disconnect()
})

describe('what the database refuses', () => {
  it('refuses TRUNCATE of the audit tables by trigger, even to the owner', async () => {
    await audit(2)
    await expect(sql(dbUrl, 'TRUNCATE "AuditLog"')).rejects.toThrow(/AuditLog is append-only/)
    await expect(sql(dbUrl, 'TRUNCATE "AuditCheckpoint"')).rejects.toThrow(/AuditCheckpoint is append-only/)
    await expect(sql(dbUrl, 'DELETE FROM "AuditLog"')).rejects.toThrow(/AuditLog is append-only/)
    expect((await sql(dbUrl, 'SELECT count(*)::int AS n FROM "AuditLog"')).rows[0].n).toBe(2)
  })

  it('lets the runtime role only insert and read audit rows, and run no DDL', async () => {
    const [id] = await audit(1)
    await checkpoint()
    expect(await app.auditLog.count()).toBe(1)
    for (const statement of [
      'TRUNCATE "AuditLog"',
      `UPDATE "AuditLog" SET action = 'x' WHERE id = ${id}`,
      `DELETE FROM "AuditLog" WHERE id = ${id}`,
      'TRUNCATE "AuditCheckpoint"',
      `UPDATE "AuditCheckpoint" SET "rowCount" = 0`,
      'DELETE FROM "AuditCheckpoint"',
    ]) {
      await expect(sql(runtime.url, statement), statement).rejects.toThrow(/permission denied for table/)
    }
    for (const statement of ['ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"', 'ALTER TABLE "AuditLog" DISABLE TRIGGER USER', 'DROP TABLE "AuditLog"']) {
      await expect(sql(runtime.url, statement), statement).rejects.toThrow(/must be owner/)
    }
    await expect(sql(runtime.url, 'CREATE TABLE public.t (v int)')).rejects.toThrow(/permission denied for schema public/)
    // Ordinary tables keep ordinary DML.
    await sql(runtime.url, `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('t', '1', now())`)
    await sql(runtime.url, `UPDATE "Setting" SET value = '2' WHERE key = 't'`)
    await sql(runtime.url, `DELETE FROM "Setting" WHERE key = 't'`)
  })
})

describe('verification against signed checkpoints', () => {
  it('passes an intact chain and counts the checkpoints it held it against', async () => {
    await checkpoint() // of the empty trail
    await audit(3)
    await checkpoint()
    await audit(2)
    const result = await verify()
    expect(result).toMatchObject({ ok: true, checked: 5, checkpoints: { verified: 1, source: 'file+table', warnings: [] } })
  })

  it('finds a truncated table, also once new rows follow', async () => {
    const ids = await audit(4)
    await checkpoint()
    await asOwnerWithoutTriggers('TRUNCATE "AuditLog"')
    // Without checkpoints an empty table looks fine; that is what they are for.
    expect((await verifyAuditChain({ client: app, anchor: false })).ok).toBe(true)
    expect(await verify()).toMatchObject({ ok: false, checked: 0, brokenAt: { id: ids[3]!.toString(), kind: 'truncated' } })
    await audit(2) // a fresh chain from the genesis hash: its links verify
    expect((await verifyAuditChain({ client: app, anchor: false })).ok).toBe(true)
    const result = await verify()
    expect(result).toMatchObject({ ok: false, brokenAt: { id: ids[3]!.toString(), kind: 'truncated' } })
    expect(result.brokenAt?.reason).toMatch(/checkpointed rows are missing/)
  })

  it('finds a cut tail: the chain ends before the last checkpoint', async () => {
    const ids = await audit(5)
    await checkpoint()
    await asOwnerWithoutTriggers(`DELETE FROM "AuditLog" WHERE id >= ${ids[3]}`)
    expect((await verifyAuditChain({ client: app, anchor: false })).ok).toBe(true)
    const result = await verify()
    expect(result).toMatchObject({ ok: false, checked: 3, brokenAt: { id: ids[4]!.toString(), kind: 'cut-tail' } })
    expect(result.brokenAt?.reason).toContain(`the chain ends at entry ${ids[2]}`)
  })

  it('finds an edited row and a reordered one at their positions', async () => {
    const ids = await audit(4)
    await checkpoint()
    await asOwnerWithoutTriggers(`UPDATE "AuditLog" SET action = 'test.edited' WHERE id = ${ids[2]}`)
    expect(await verify()).toMatchObject({ ok: false, checked: 2, brokenAt: { id: ids[2]!.toString(), kind: 'content' } })
    await asOwnerWithoutTriggers(`UPDATE "AuditLog" SET action = 'test.tamper' WHERE id = ${ids[2]}`)
    expect((await verify()).ok).toBe(true)
    // Swap rows 2 and 3 (every column but the id).
    const cols = ['at', 'actorType', 'actorId', 'actorLabel', 'action', 'targetType', 'targetId', 'summary', 'count', 'ip', 'requestId', 'prevHash', 'hash']
    const set = cols.map((c) => `"${c}" = o."${c}"`).join(', ')
    await asOwnerWithoutTriggers(
      `UPDATE "AuditLog" a SET ${set} FROM (SELECT * FROM "AuditLog") o WHERE (a.id, o.id) IN ((${ids[1]}, ${ids[2]}), (${ids[2]}, ${ids[1]}))`,
    )
    expect(await verify()).toMatchObject({ ok: false, checked: 1, brokenAt: { id: ids[1]!.toString(), kind: 'link' } })
  })

  it('finds a chain rewritten with fresh hashes, which the hashes alone cannot', async () => {
    const ids = await audit(4)
    await checkpoint()
    // Rewrite row 2 and re-chain every row after it, as someone holding the owner's rights could.
    const rows = await app.auditLog.findMany({ orderBy: { id: 'asc' } })
    let prev = GENESIS_HASH
    const updates: string[] = []
    for (const [i, row] of rows.entries()) {
      const action = i === 1 ? 'test.rewritten' : row.action
      const hash = auditHash(prev, { ...row, action })
      updates.push(`UPDATE "AuditLog" SET action = '${action}', "prevHash" = '${prev}', hash = '${hash}' WHERE id = ${row.id}`)
      prev = hash
    }
    await asOwnerWithoutTriggers(updates.join('; '))
    expect((await verifyAuditChain({ client: app, anchor: false })).ok).toBe(true)
    expect(await verify()).toMatchObject({ ok: false, checked: 3, brokenAt: { id: ids[3]!.toString(), kind: 'checkpoint-mismatch' } })
  })

  it('finds a forged checkpoint in the file or in the table', async () => {
    await audit(2)
    const good = await checkpoint()
    // Signed with another key: claims fewer rows.
    appendFileSync(anchor.file!, `${checkpointLine(signCheckpoint('not-the-audit-key-at-all', { ...good, rowCount: 1n }))}\n`)
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { kind: 'checkpoint-forged', id: good.lastId.toString() } })
    expect((await verify()).brokenAt?.reason).toMatch(/line 2 of .*anchor-\d+\.log does not verify/)

    anchor = { key, file: path.join(dir, `anchor-${++n}.log`) }
    // The runtime role may insert checkpoints, but cannot sign them.
    await app.auditCheckpoint.create({ data: { ...good, rowCount: 1n, at: new Date() } })
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { kind: 'checkpoint-forged' } })
    expect((await verify()).brokenAt?.reason).toMatch(/in the AuditCheckpoint table does not verify/)
  })

  it('holds to the anchor file when the table has lost its checkpoints, and says so', async () => {
    const ids = await audit(4)
    await checkpoint()
    await asOwnerWithoutTriggers(`DELETE FROM "AuditCheckpoint"; DELETE FROM "AuditLog" WHERE id = ${ids[3]}`)
    const result = await verify()
    expect(result).toMatchObject({ ok: false, brokenAt: { id: ids[3]!.toString(), kind: 'cut-tail' }, checkpoints: { source: 'file' } })
  })

  it('reports checkpoints it cannot check without a key, and table-only checkpoints with a warning', async () => {
    await audit(2)
    await checkpoint()
    expect(await verifyAuditChain({ client: app, anchor: { key: null, file: anchor.file } })).toMatchObject({
      ok: false,
      brokenAt: { kind: 'checkpoint-unverifiable' },
    })
    const tableOnly = await verifyAuditChain({ client: app, anchor: { key, file: path.join(dir, 'missing.log') } })
    expect(tableOnly).toMatchObject({ ok: true, checkpoints: { source: 'table', verified: 1 } })
    expect(tableOnly.checkpoints?.warnings.join('\n')).toMatch(/missing or empty/)
  })

  it('starts over from a restore checkpoint (an older backup restored on purpose)', async () => {
    const ids = await audit(4)
    await checkpoint()
    await asOwnerWithoutTriggers(`DELETE FROM "AuditLog" WHERE id >= ${ids[2]}`)
    expect((await verify()).ok).toBe(false)
    await writeAuditCheckpoint({ client: app, anchor, kind: 'restore' })
    expect(await verify()).toMatchObject({ ok: true, checked: 2 })
    await audit(1)
    expect((await verify()).ok).toBe(true)
  })
})
