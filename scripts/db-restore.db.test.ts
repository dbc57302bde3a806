/**
 * `npm run db:backup` / `npm run db:restore` and checksums: the backup records its SHA-256 beside it, and
 * the restore refuses a dump whose checksum fails (or that has none, unless told) before touching anything.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { createBackup } from '@/lib/backups/create'
import { runScript } from '@/test/run-script'

const dir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-restore-cli-'))
const name = `wr_restore_cli_${randomBytes(4).toString('hex')}`
const adminUrl = process.env.DATABASE_URL!
const targetUrl = (() => {
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return u.toString()
})()
const MARKER = `untouched-${randomBytes(3).toString('hex')}`

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<T>(text)).rows
  } finally {
    await c.end()
  }
}

/** db:restore into the scratch database, with an audit anchor file of its own (not the shared test one). */
function restore(args: string[]) {
  const saved = process.env.WARDROOM_AUDIT_ANCHOR
  process.env.WARDROOM_AUDIT_ANCHOR = path.join(dir, 'anchor.log')
  try {
    return runScript('scripts/db-restore.ts', args, { databaseUrl: targetUrl })
  } finally {
    process.env.WARDROOM_AUDIT_ANCHOR = saved
  }
}

let gz = ''
beforeAll(async () => {
  await sql(adminUrl, `CREATE DATABASE ${name}`)
  await sql(targetUrl, `CREATE TABLE marker (note text); INSERT INTO marker VALUES ('${MARKER}')`)
  await recordAudit(SYSTEM_ACTOR, { action: 'test.restore-cli', targetType: 'test', targetId: MARKER })
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    gz = path.join(dir, (await createBackup(client, { dir, kind: 'hourly' })).file)
  } finally {
    await client.end()
  }
})
afterAll(async () => {
  await sql(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  rmSync(dir, { recursive: true, force: true })
})

const markerLeft = async () => (await sql<{ note: string }>(targetUrl, 'SELECT note FROM marker'))[0]?.note

describe('db:restore checks the checksum first', () => {
  it('refuses a compressed backup whose checksum fails, and changes nothing', async () => {
    const bad = path.join(dir, path.basename(gz).replace('-hourly', '-daily'))
    const bytes = readFileSync(gz)
    bytes[100]! ^= 0x01
    writeFileSync(bad, bytes)
    writeFileSync(`${bad}.json`, readFileSync(`${gz}.json`, 'utf8').replace(path.basename(gz), path.basename(bad)))
    const r = await restore([bad, '--yes'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/refusing to restore .*: checksum mismatch: .* \(damaged or altered\)\. Nothing was changed\./)
    expect(await markerLeft()).toBe(MARKER)
  })

  it('refuses a dump with no recorded checksum unless --no-checksum says to trust it', async () => {
    const plain = path.join(dir, 'plain.sql')
    writeFileSync(plain, 'SELECT 1;\n')
    const r = await restore([plain, '--yes'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/no checksum is recorded beside the file .* add --no-checksum/)
    expect(await markerLeft()).toBe(MARKER)
  })

  it('restores a verified backup of the db-backup job (.sql.gz) in full', async () => {
    const r = await restore([gz, '--yes'])
    expect(r.stderr).not.toMatch(/refusing|failed/)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^checksum verified \(SHA-256 [0-9a-f]{12}…, from wardroom-.*\.sql\.gz\.json\)$/m)
    expect(r.stdout).toMatch(/audit chain intact: \d+ rows/)
    // The dump replaced the schema: the marker table is gone, the backup's tables are there.
    expect(await sql(targetUrl, `SELECT to_regclass('public.marker') AS t`)).toEqual([{ t: null }])
    expect(await sql(targetUrl, `SELECT action FROM "AuditLog" WHERE "targetId" = '${MARKER}'`)).toEqual([{ action: 'test.restore-cli' }])
  })
})

describe('db:backup', () => {
  it('writes the dump’s SHA-256 beside it in sha256sum format', async () => {
    const out = path.join(dir, 'cli-backup.sql')
    const r = await runScript('scripts/db-backup.ts', ['--out', out])
    expect(r.code).toBe(0)
    expect(existsSync(`${out}.sha256`)).toBe(true)
    expect(readFileSync(`${out}.sha256`, 'utf8')).toBe(`${createHash('sha256').update(readFileSync(out)).digest('hex')}  cli-backup.sql\n`)
  })
})
