/**
 * A restore drill: the newest backup is checked against its checksum, restored into a scratch database,
 * verified there — schema version (its migrations are the backup's, all known to this build), row counts
 * (every table as the manifest counted it) and the audit chain (hashes and the signed checkpoints the
 * backup carries) — and the scratch database is dropped. The time from the first check to a verified
 * database is the measured restore time (RTO evidence); the backup's age when the drill starts is the RPO
 * evidence. Never throws for a failed check: the outcome says which check failed and why.
 *
 * The scratch database lives where WARDROOM_BACKUP_DRILL_URL points (config.ts): by default the same
 * server, as a role that may create databases. Stale scratch databases of a drill that died are dropped by
 * the next one.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { countTableRows, quoteIdent, restoreDatabase } from '@/lib/admin/backup'
import { configuredAnchor, type AnchorConfig } from '@/lib/audit-anchor'
import { verifyAuditChain } from '@/lib/audit-verify'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { formatDuration } from '@/lib/format'
import { listMigrations } from '@/lib/migrations'
import { describeVerdict, verifyDumpChecksum } from './checksum'
import { safeErrorText } from './error-text'
import type { BackupConfig } from './config'
import { totalRows, type BackupKind, type DrillCheck } from './schema'
import { listBackups, type ListedBackup } from './store'

export const SCRATCH_PREFIX = 'wardroom_drill_'
/** A scratch database older than this belongs to a drill that died; the next drill drops it. */
const STALE_SCRATCH_MS = 6 * 3_600_000

export interface DrillOutcome {
  ok: boolean
  startedAt: Date
  backup: { file: string; kind: BackupKind; createdAt: Date } | null
  /** The drilled backup's age when the drill started (RPO evidence). */
  backupAgeMs: number | null
  restoreMs: number | null
  /** First check to verified database (RTO evidence). */
  totalMs: number
  schemaVersion: string | null
  tables: number | null
  rows: number | null
  auditRows: number | null
  checks: DrillCheck[]
  /** The first failed check's detail. */
  error: string | null
}

export interface DrillOptions {
  config: BackupConfig
  now?: Date
  signal?: AbortSignal
  /** How the restored audit chain is held against checkpoints (default: the configured key, the backup's own checkpoint table). */
  anchor?: AnchorConfig | false
  log?: (message: string) => void
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(database)}`
  return u.toString()
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'wardroom-restore-drill' })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Drops scratch databases of drills that died (older than STALE_SCRATCH_MS by the time in their name). */
async function dropStaleScratch(admin: pg.Client, now: Date, log: (m: string) => void): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'wardroom\\_drill\\_%'`)
  for (const { datname } of rows) {
    const at = Number(/^wardroom_drill_(\d+)_/.exec(datname)?.[1])
    if (!Number.isFinite(at) || now.getTime() - at < STALE_SCRATCH_MS) continue
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`).then(
      () => log(`dropped the scratch database ${datname} of an earlier drill`),
      () => undefined,
    )
  }
}

/** The dump's SQL as text, decompressed as it is read. */
function sqlStream(file: string, signal?: AbortSignal): AsyncIterable<string> {
  const out = new PassThrough({ encoding: 'utf8' })
  pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createGunzip(), out, { signal }).catch(() => undefined)
  return out
}

async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  )
  return rows.map((r) => r.name)
}

function schemaCheck(restored: string[], recorded: string[], known: string[]): DrillCheck {
  const version = restored.at(-1) ?? '(none)'
  if (restored.join() !== recorded.join()) {
    return { name: 'schema', ok: false, detail: `the restored schema is at ${version}, the manifest records ${recorded.at(-1) ?? '(none)'}` }
  }
  const unknown = restored.filter((m) => !known.includes(m))
  if (unknown.length) return { name: 'schema', ok: false, detail: `schema ${version} is newer than this Wardroom: ${unknown.length} migration(s) unknown here, e.g. ${unknown[0]}` }
  const pending = known.filter((m) => !restored.includes(m)).length
  return { name: 'schema', ok: true, detail: `schema version ${version}${pending ? `; ${pending} newer migration(s) would be applied at start` : ', current'}` }
}

function rowCheck(restored: { table: string; rows: number }[], recorded: { table: string; rows: number }[]): DrillCheck {
  const got = new Map(restored.map((t) => [t.table, t.rows]))
  const differ = recorded.filter((t) => got.get(t.table) !== t.rows)
  const extra = restored.filter((t) => !recorded.some((r) => r.table === t.table))
  if (differ.length || extra.length) {
    const first = differ[0]
    const what = first ? `${first.table} has ${got.get(first.table) ?? 'no table'} rows, the manifest counted ${first.rows}` : `table ${extra[0]!.table} is not in the manifest`
    return { name: 'row-counts', ok: false, detail: `${differ.length + extra.length} table(s) differ: ${what}` }
  }
  return { name: 'row-counts', ok: true, detail: `${recorded.length} tables, ${totalRows({ tables: recorded })} rows, as counted at backup time` }
}

export async function performRestoreDrill(opts: DrillOptions): Promise<DrillOutcome> {
  const { config } = opts
  const log = opts.log ?? (() => {})
  const startedAt = opts.now ?? new Date()
  const t0 = performance.now()
  const checks: DrillCheck[] = []
  const outcome = (extra: Partial<DrillOutcome> = {}): DrillOutcome => {
    const failed = checks.find((c) => !c.ok)
    return {
      ok: checks.length > 0 && !failed,
      startedAt,
      backup: null,
      backupAgeMs: null,
      restoreMs: null,
      totalMs: Math.round(performance.now() - t0),
      schemaVersion: null,
      tables: null,
      rows: null,
      auditRows: null,
      checks,
      error: failed ? failed.detail : null,
      ...extra,
    }
  }

  const newest: ListedBackup | undefined = listBackups(config.dir).backups[0]
  if (!newest) {
    checks.push({ name: 'backup', ok: false, detail: `there is no backup in ${config.dir} to drill` })
    return outcome()
  }
  const m = newest.manifest
  const base: Partial<DrillOutcome> = {
    backup: { file: m.file, kind: m.kind, createdAt: newest.createdAt },
    backupAgeMs: Math.max(0, startedAt.getTime() - newest.createdAt.getTime()),
  }
  const verdict = await verifyDumpChecksum(newest.path, opts.signal).catch((e: unknown) => ({ ok: false as const, reason: 'unreadable' as const, source: newest.path, detail: safeErrorText(e) }))
  checks.push({ name: 'checksum', ok: verdict.ok, detail: describeVerdict(verdict) })
  if (!verdict.ok) return outcome(base)
  if (!config.drillUrl) {
    checks.push({ name: 'restore', ok: false, detail: 'no database URL to create the scratch database with (WARDROOM_BACKUP_DRILL_URL or DATABASE_URL)' })
    return outcome(base)
  }

  const scratch = `${SCRATCH_PREFIX}${startedAt.getTime()}_${randomBytes(3).toString('hex')}`
  const drillUrl = config.drillUrl
  let created = false
  let stage: DrillCheck['name'] = 'restore'
  let result: Partial<DrillOutcome> = base
  let measuredMs: number | null = null
  try {
    await withClient(drillUrl, async (admin) => {
      await dropStaleScratch(admin, startedAt, log)
      await admin.query(`CREATE DATABASE ${quoteIdent(scratch)}`)
      created = true
    })
    const scratchUrl = withDatabase(drillUrl, scratch)
    result = await withClient(scratchUrl, async (client) => {
      const r0 = performance.now()
      const { statements } = await restoreDatabase(client, sqlStream(newest.path, opts.signal))
      const restoreMs = Math.round(performance.now() - r0)
      checks.push({ name: 'restore', ok: true, detail: `${statements} statements replayed in ${restoreMs} ms` })
      opts.signal?.throwIfAborted()
      stage = 'schema'
      const migrations = await appliedMigrations(client)
      checks.push(schemaCheck(migrations, m.migrations, listMigrations().map((f) => f.name)))
      stage = 'row-counts'
      const counts = await countTableRows(client)
      checks.push(rowCheck(counts, m.tables))
      return { ...base, restoreMs, schemaVersion: migrations.at(-1) ?? null, tables: counts.length, rows: totalRows({ tables: counts }) }
    })
    opts.signal?.throwIfAborted()
    stage = 'audit-chain'
    // The chain of the backup, held against the signed checkpoints it carries (not the live anchor file,
    // which goes on past the backup's moment). Without a key only the hash chain can be checked.
    const key = configuredAnchor().key
    const anchor = opts.anchor ?? (key ? { key, file: null } : false)
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: scratchUrl, application_name: 'wardroom-restore-drill' }) })
    try {
      const chain = await verifyAuditChain({ client: prisma, anchor, signal: opts.signal })
      checks.push({
        name: 'audit-chain',
        ok: chain.ok,
        detail: chain.ok
          ? `${chain.checked} audit rows chained${chain.checkpoints ? `, ${chain.checkpoints.verified} signed checkpoint(s) hold` : anchor ? '' : ' (no audit key: checkpoints not checked)'}`
          : `broken at entry ${chain.brokenAt?.id} (${chain.brokenAt?.kind}): ${chain.brokenAt?.reason}`,
      })
      result = { ...result, auditRows: chain.checked }
    } finally {
      await prisma.$disconnect()
    }
    // Restored and verified: the scratch database could take over from here. Dropping it is not part of a recovery.
    measuredMs = Math.round(performance.now() - t0)
  } catch (e) {
    checks.push({ name: stage, ok: false, detail: safeErrorText(e) })
  } finally {
    if (created) {
      await withClient(drillUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`)).catch((e: unknown) =>
        log(`the scratch database ${scratch} could not be dropped (${safeErrorText(e)}); the next drill drops it`),
      )
    }
  }
  if (measuredMs !== null && checks.every((c) => c.ok)) {
    checks.push({ name: 'rto', ok: measuredMs <= config.rtoMs, detail: `restored and verified in ${formatDuration(measuredMs)}; the RTO target is ${formatDuration(config.rtoMs)}` })
  }
  return outcome({ ...result, ...(measuredMs !== null ? { totalMs: measuredMs } : {}) })
}
