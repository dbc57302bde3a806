/**
 * Offsite copies and retention on real backups: a second directory, and an S3-compatible bucket served
 * by s3rver (a local S3 server from npm, in this process) through the official AWS SDK client.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import S3rver from 's3rver'
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBackup } from './backup-run'
import { sha256OfFile } from './checksum'
import type { BackupConfig } from './config'
import { createBackup } from './create'
import { listBackups } from './store'

const roots: string[] = []
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `wardroom-${name}-`))
  roots.push(dir)
  return dir
}
const config = (dir: string, extra: Partial<BackupConfig> = {}): BackupConfig => ({
  dir,
  retentionDays: 30,
  hourlyRetentionHours: 48,
  rpoMs: 3_600_000,
  rtoMs: 4 * 3_600_000,
  offsite: null,
  offsiteRetentionDays: null,
  drillUrl: process.env.DATABASE_URL!,
  ...extra,
})
const DAY = 86_400_000
const client = new pg.Client({ connectionString: process.env.DATABASE_URL })

beforeAll(() => client.connect())
afterAll(async () => {
  await client.end()
  for (const dir of roots) rmSync(dir, { recursive: true, force: true })
})

describe('backup runs with retention', () => {
  it('keeps daily and weekly backups 30 days and hourly ones 48 hours, never the newest, and cleans up stale partial files', async () => {
    const dir = tempDir('retention')
    const now = new Date()
    const ago = (ms: number) => new Date(now.getTime() - ms)
    const oldDaily = await createBackup(client, { dir, kind: 'daily', now: ago(31 * DAY) })
    const keptDaily = await createBackup(client, { dir, kind: 'daily', now: ago(29 * DAY) })
    const oldHourly = await createBackup(client, { dir, kind: 'hourly', now: ago(49 * 3_600_000) })
    const keptHourly = await createBackup(client, { dir, kind: 'hourly', now: ago(47 * 3_600_000) })
    // What a run that died mid-write leaves: removed once a day old, left alone while it may be in progress.
    const stale = path.join(dir, 'wardroom-2026-01-01T00-00-00-000Z-hourly.sql.gz.partial')
    const fresh = path.join(dir, 'wardroom-2026-01-02T00-00-00-000Z-hourly.sql.gz.partial')
    writeFileSync(stale, 'x')
    writeFileSync(fresh, 'x')
    utimesSync(stale, ago(2 * DAY), ago(2 * DAY))
    const run = await runBackup(client, { config: config(dir), now, timeZone: 'UTC' })
    expect(run.pruned.local.sort()).toEqual([oldDaily.file, oldHourly.file].sort())
    expect(listBackups(dir).backups.map((b) => b.manifest.file).sort()).toEqual([keptDaily.file, keptHourly.file, run.manifest.file].sort())
    expect(readdirSync(dir).filter((f) => f.includes(oldDaily.file))).toEqual([])
    expect(run.pruned.partials).toEqual([path.basename(stale)])
    expect(existsSync(fresh)).toBe(true)
    // The newest before this one was 47 h old: backups were missed, and the run says so.
    expect(run.missed?.ageMs).toBeGreaterThan(46 * 3_600_000)
  })
})

describe('offsite copies to a directory', () => {
  it('copies the dump and its manifest, checks the copy, and records it in the manifest', async () => {
    const dir = tempDir('local')
    const offsite = tempDir('offsite')
    const run = await runBackup(client, { config: config(dir, { offsite: { kind: 'directory', dir: offsite } }), now: new Date(), timeZone: 'UTC' })
    expect(run.offsite).toMatchObject({ status: 'copied', target: offsite })
    const copy = path.join(offsite, run.manifest.file)
    expect(await sha256OfFile(copy)).toBe(run.manifest.sha256)
    expect(JSON.parse(readFileSync(`${copy}.json`, 'utf8'))).toMatchObject({ file: run.manifest.file, sha256: run.manifest.sha256 })
    expect(listBackups(dir).backups[0]!.manifest.offsite).toMatchObject({ status: 'copied' })
  })

  it('records a failed copy without losing the local backup', async () => {
    const dir = tempDir('local')
    const notADir = path.join(tempDir('file'), 'plain-file')
    writeFileSync(notADir, 'x')
    const run = await runBackup(client, { config: config(dir, { offsite: { kind: 'directory', dir: notADir } }), now: new Date(), timeZone: 'UTC' })
    expect(run.offsite).toMatchObject({ status: 'failed', error: expect.stringMatching(/EEXIST|ENOTDIR/) })
    expect(existsSync(path.join(dir, run.manifest.file))).toBe(true)
    expect(listBackups(dir).backups[0]!.manifest.offsite?.status).toBe('failed')
  })
})

describe('offsite copies to an S3-compatible bucket (s3rver, official AWS SDK)', () => {
  const bucket = 'wardroom-offsite'
  let server: S3rver
  let endpoint = ''
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY }

  beforeAll(async () => {
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: tempDir('s3'), configureBuckets: [{ name: bucket }] })
    const { port } = await server.run()
    endpoint = `http://127.0.0.1:${port}`
    // s3rver's fixed test credentials (it checks the access key id; it does not verify signatures).
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'
  })
  afterAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY
    await server?.close()
  })

  const s3 = () => new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })

  it('uploads the dump with its SHA-256 and the manifest, reads them back identical, and prunes copies past the offsite retention', async () => {
    const dir = tempDir('local')
    const target = { kind: 's3' as const, bucket, prefix: 'site-a/', endpoint, region: 'us-east-1' }
    // A copy of ten days ago already in the bucket, from an earlier run.
    const oldDir = tempDir('old')
    const old = await createBackup(client, { dir: oldDir, kind: 'daily', now: new Date(Date.now() - 10 * DAY) })
    const { S3Target } = await import('./offsite-s3')
    await new S3Target(target, 'test').put(path.join(oldDir, old.file), old)

    const first = await runBackup(client, { config: config(dir, { offsite: target }), now: new Date(), timeZone: 'UTC' })
    expect(first.offsite).toMatchObject({ status: 'copied', target: `s3://${bucket}/site-a/ at 127.0.0.1:${new URL(endpoint).port}` })
    // No offsite retention configured: nothing is pruned there.
    expect(first.pruned.offsite).toEqual([])

    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: `site-a/${first.manifest.file}` }))
    expect(head.ContentLength).toBe(first.manifest.bytes)
    expect(head.Metadata?.sha256).toBe(first.manifest.sha256)
    const body = Buffer.from(await (await s3().send(new GetObjectCommand({ Bucket: bucket, Key: `site-a/${first.manifest.file}` }))).Body!.transformToByteArray())
    expect(body.equals(readFileSync(path.join(dir, first.manifest.file)))).toBe(true)

    const second = await runBackup(client, { config: config(dir, { offsite: target, offsiteRetentionDays: 7 }), now: new Date(), timeZone: 'UTC' })
    expect(second.pruned.offsite).toEqual([old.file])
    const keys = ((await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'site-a/' }))).Contents ?? []).map((o) => o.Key).sort()
    expect(keys).toEqual([`site-a/${first.manifest.file}`, `site-a/${first.manifest.file}.json`, `site-a/${second.manifest.file}`, `site-a/${second.manifest.file}.json`].sort())
  })

  it('records a copy the bucket refused (an unknown access key) as failed, without the credentials', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'NOT-A-KNOWN-KEY'
    try {
      const dir = tempDir('local')
      const run = await runBackup(client, { config: config(dir, { offsite: { kind: 's3', bucket, prefix: 'refused/', endpoint, region: 'us-east-1' } }), now: new Date(), timeZone: 'UTC' })
      expect(run.offsite).toMatchObject({ status: 'failed', error: expect.stringMatching(/access key/i) })
      expect(run.offsite?.error).not.toContain('NOT-A-KNOWN-KEY')
      expect(existsSync(path.join(dir, run.manifest.file))).toBe(true)
    } finally {
      process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
    }
  })
})
