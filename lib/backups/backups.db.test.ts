/**
 * Backups end to end on the test database (embedded PostgreSQL or the PostgreSQL service): a compressed,
 * checksummed dump, a restore drill into a scratch database that checks checksum, schema, row counts and
 * the audit chain, and what each check catches when the backup was damaged or altered.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { uid } from '@/test/factories'
import type { BackupConfig } from './config'
import { createBackup } from './create'
import { performRestoreDrill, SCRATCH_PREFIX } from './drill'
import { BackupManifest } from './schema'
import { listBackups, writeManifest } from './store'

const roots: string[] = []
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `wardroom-${name}-`))
  roots.push(dir)
  return dir
}

export function testConfig(dir: string, extra: Partial<BackupConfig> = {}): BackupConfig {
  return {
    dir,
    retentionDays: 30,
    hourlyRetentionHours: 48,
    rpoMs: 3_600_000,
    rtoMs: 4 * 3_600_000,
    offsite: null,
    offsiteRetentionDays: null,
    // On the embedded server, the wardroom_drill role `npm start` creates: it may create databases, nothing more.
    drillUrl: inject('drillDatabaseUrl'),
    ...extra,
  }
}

const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
const scratchDatabases = async () =>
  (await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${SCRATCH_PREFIX}%`])).rows.map((r) => r.datname)

/** Rewrites a backup's SQL and, like someone covering their tracks, its checksum too. */
function rewriteDump(dir: string, file: string, edit: (sql: string) => string): void {
  const dump = path.join(dir, file)
  const sql = edit(gunzipSync(readFileSync(dump)).toString('utf8'))
  const gz = gzipSync(sql)
  writeFileSync(dump, gz)
  const manifest = BackupManifest.parse(JSON.parse(readFileSync(`${dump}.json`, 'utf8')))
  writeManifest(dir, { ...manifest, sha256: createHash('sha256').update(gz).digest('hex'), bytes: gz.length })
}

beforeAll(async () => {
  await client.connect()
  // Something of this file's own to find in the backup's audit trail.
  await recordAudit(SYSTEM_ACTOR, { action: 'test.backup-drill', targetType: 'test', targetId: uid('drill') })
})

afterAll(async () => {
  await client.end()
  for (const dir of roots) rmSync(dir, { recursive: true, force: true })
})

describe('a backup', () => {
  it('is a gzip-compressed plain SQL dump, readable by its owner only, whose SHA-256 and contents the manifest records', async () => {
    const dir = tempDir('backup')
    const at = new Date()
    const manifest = await createBackup(client, { dir, kind: 'hourly', now: at })
    const file = path.join(dir, manifest.file)
    expect(manifest.file).toBe(`wardroom-${at.toISOString().replace(/[:.]/g, '-')}-hourly.sql.gz`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const bytes = readFileSync(file)
    expect(manifest.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(manifest.bytes).toBe(bytes.length)
    const sql = gunzipSync(bytes).toString('utf8')
    expect(sql).toMatch(/^-- Wardroom database backup \(plain SQL\)/)
    expect(manifest.sqlBytes).toBe(Buffer.byteLength(sql))
    // Compressed well below the SQL's size: the point of compressing.
    expect(manifest.bytes).toBeLessThan(manifest.sqlBytes / 2)
    expect(manifest.migrations[0]).toBe('20261125045657_init')
    expect(manifest.tables.find((t) => t.table === 'AuditLog')!.rows).toBeGreaterThan(0)
    expect(listBackups(dir).backups.map((b) => b.manifest.file)).toEqual([manifest.file])
    // Nothing half-written is left behind.
    expect(existsSync(`${file}.partial`)).toBe(false)
  })
})

describe('a restore drill', () => {
  let dir: string
  let file: string

  beforeAll(async () => {
    dir = tempDir('drill')
    await createBackup(client, { dir, kind: 'daily', now: new Date(Date.now() - 120_000) })
    file = (await createBackup(client, { dir, kind: 'hourly' })).file
  })

  it('restores the newest backup into a scratch database, verifies schema, rows and audit chain, and drops it', async () => {
    const before = await scratchDatabases()
    const drill = await performRestoreDrill({ config: testConfig(dir) })
    expect(drill.checks.map((c) => [c.name, c.ok])).toEqual([
      ['checksum', true],
      ['restore', true],
      ['schema', true],
      ['row-counts', true],
      ['audit-chain', true],
      ['rto', true],
    ])
    expect(drill).toMatchObject({ ok: true, error: null, backup: { file, kind: 'hourly' } })
    const manifest = listBackups(dir).backups[0]!.manifest
    expect(drill.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0))
    expect(drill.tables).toBe(manifest.tables.length)
    expect(drill.schemaVersion).toBe(manifest.migrations.at(-1))
    expect(drill.auditRows).toBe(manifest.tables.find((t) => t.table === 'AuditLog')!.rows)
    // Measured, not assumed: the restore took time, the whole drill took longer, and the backup was moments old.
    expect(drill.restoreMs).toBeGreaterThan(0)
    expect(drill.totalMs).toBeGreaterThanOrEqual(drill.restoreMs!)
    expect(drill.backupAgeMs).toBeGreaterThanOrEqual(0)
    expect(drill.backupAgeMs).toBeLessThan(60_000)
    expect(await scratchDatabases()).toEqual(before)
  })

  it('fails an RTO it cannot meet, with the measured time', async () => {
    const drill = await performRestoreDrill({ config: testConfig(dir, { rtoMs: 1 }) })
    expect(drill.ok).toBe(false)
    expect(drill.checks.at(-1)).toMatchObject({ name: 'rto', ok: false })
    expect(drill.error).toMatch(/^restored and verified in .+; the RTO target is 1 ms$/)
  })

  it('refuses a backup whose checksum fails, before creating any database', async () => {
    const copy = tempDir('corrupt')
    const manifest = await createBackup(client, { dir: copy, kind: 'hourly' })
    const dump = path.join(copy, manifest.file)
    const bytes = readFileSync(dump)
    bytes[bytes.length >> 1]! ^= 0xff
    writeFileSync(dump, bytes)
    const before = await scratchDatabases()
    const drill = await performRestoreDrill({ config: testConfig(copy) })
    expect(drill.ok).toBe(false)
    expect(drill.checks).toEqual([{ name: 'checksum', ok: false, detail: expect.stringMatching(/^checksum mismatch: .*\(damaged or altered\)$/) }])
    expect(drill.restoreMs).toBeNull()
    expect(await scratchDatabases()).toEqual(before)
  })

  it('finds an audit row altered inside the dump even when the checksum was recomputed', async () => {
    const copy = tempDir('altered')
    const manifest = await createBackup(client, { dir: copy, kind: 'hourly' })
    rewriteDump(copy, manifest.file, (sql) => {
      expect(sql).toContain("'test.backup-drill'")
      return sql.replace("'test.backup-drill'", "'test.rewritten'")
    })
    const drill = await performRestoreDrill({ config: testConfig(copy) })
    expect(drill.checks.find((c) => c.name === 'checksum')?.ok).toBe(true)
    expect(drill.checks.find((c) => c.name === 'row-counts')?.ok).toBe(true)
    expect(drill).toMatchObject({ ok: false, error: expect.stringMatching(/^broken at entry \d+ \(content\)/) })
    expect(drill.checks.some((c) => c.name === 'rto')).toBe(false)
  })

  it('finds rows missing from the dump against the manifest’s counts', async () => {
    const copy = tempDir('rows')
    const manifest = await createBackup(client, { dir: copy, kind: 'hourly' })
    writeManifest(copy, { ...manifest, tables: manifest.tables.map((t) => (t.table === 'Setting' ? { ...t, rows: t.rows + 2 } : t)) })
    const drill = await performRestoreDrill({ config: testConfig(copy) })
    expect(drill.ok).toBe(false)
    expect(drill.checks.find((c) => c.name === 'row-counts')).toMatchObject({ ok: false, detail: expect.stringMatching(/^1 table\(s\) differ: Setting has \d+ rows, the manifest counted \d+$/) })
  })

  it('says so when there is nothing to drill', async () => {
    const drill = await performRestoreDrill({ config: testConfig(tempDir('empty')) })
    expect(drill).toMatchObject({ ok: false, backup: null, backupAgeMs: null, error: expect.stringMatching(/^there is no backup in /) })
    expect(drill.checks.map((c) => c.name)).toEqual(['backup'])
  })

  it('reports a restore that fails (a dump whose SQL breaks) without row values, and drops the scratch database', async () => {
    const copy = tempDir('broken')
    const manifest = await createBackup(client, { dir: copy, kind: 'hourly' })
    rewriteDump(copy, manifest.file, (sql) => sql.replace('\nCOMMIT;\n', "\nINSERT INTO \"Setting\" (key, value, \"updatedAt\") VALUES ('x', '{\"secret\": \"Jane Doe\"}', 'not a time');\nCOMMIT;\n"))
    const before = await scratchDatabases()
    const drill = await performRestoreDrill({ config: testConfig(copy) })
    expect(drill.checks.find((c) => c.name === 'restore')).toMatchObject({ ok: false, detail: expect.stringMatching(/^PostgreSQL 22007/) })
    expect(drill.error).not.toContain('not a time')
    expect(drill.error).not.toContain('Jane')
    expect(await scratchDatabases()).toEqual(before)
  })
})
