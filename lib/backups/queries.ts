import 'server-only'
/**
 * Reads of Admin → Backups: the backups on disk (their manifests), the recorded drills, and both
 * objectives evaluated from measured figures only — the newest backup's age (RPO) and the newest
 * completed drill's restore time (RTO).
 */
import { db, Prisma } from '@/lib/db'
import { backupConfig, describeOffsite } from './config'
import { evaluateRpo, evaluateRto, type Evaluation } from './objectives'
import { DrillChecks, schemaVersionOf, totalRows, type BackupKind, type DrillCheck, type OffsiteCopy } from './schema'
import { listBackups } from './store'

export const RECENT_DRILLS = 10

const drillSelect = {
  id: true,
  startedAt: true,
  trigger: true,
  actorLabel: true,
  ok: true,
  backupFile: true,
  backupKind: true,
  backupAgeSeconds: true,
  restoreMs: true,
  totalMs: true,
  schemaVersion: true,
  tables: true,
  rows: true,
  auditRows: true,
  error: true,
  checks: true,
} satisfies Prisma.RestoreDrillSelect
type DrillRow = Prisma.RestoreDrillGetPayload<{ select: typeof drillSelect }>

export interface BackupRow {
  file: string
  kind: BackupKind
  createdAt: Date
  bytes: number
  sha256: string
  schemaVersion: string | null
  tables: number
  rows: number
  offsite: OffsiteCopy | null
}

export interface DrillRecord {
  id: string
  startedAt: Date
  trigger: string
  actorLabel: string
  ok: boolean
  backupFile: string | null
  backupAgeMs: number | null
  restoreMs: number | null
  totalMs: number
  schemaVersion: string | null
  rows: number | null
  auditRows: number | null
  error: string | null
  checks: DrillCheck[]
}

export interface BackupsOverview {
  settings: {
    dir: string
    retentionDays: number
    hourlyRetentionHours: number
    offsite: string
    offsiteRetentionDays: number | null
  }
  backups: BackupRow[]
  /** Manifests that could not be read, or whose dump is missing. */
  problems: { file: string; problem: string }[]
  drills: DrillRecord[]
  rpo: Evaluation & { at: Date | null }
  rto: Evaluation & { drillAt: Date | null }
  /** The settings could not be read (e.g. an invalid WARDROOM_BACKUP_OFFSITE): the page says so. */
  configError: string | null
}

function toDrill(r: DrillRow): DrillRecord {
  const checks = DrillChecks.safeParse(r.checks)
  return {
    id: r.id.toString(),
    startedAt: r.startedAt,
    trigger: r.trigger,
    actorLabel: r.actorLabel,
    ok: r.ok,
    backupFile: r.backupFile,
    backupAgeMs: r.backupAgeSeconds === null ? null : r.backupAgeSeconds * 1000,
    restoreMs: r.restoreMs,
    totalMs: r.totalMs,
    schemaVersion: r.schemaVersion,
    rows: r.rows === null ? null : Number(r.rows),
    auditRows: r.auditRows,
    error: r.error,
    checks: checks.success ? checks.data : [],
  }
}

export async function getBackupsOverview(now: Date = new Date()): Promise<BackupsOverview> {
  let config
  let configError: string | null = null
  try {
    config = backupConfig()
  } catch (e) {
    configError = e instanceof Error ? e.message : String(e)
  }
  const [rows, lastPassed] = await Promise.all([
    db.restoreDrill.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: RECENT_DRILLS, select: drillSelect }),
    db.restoreDrill.findFirst({ where: { ok: true }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], select: { totalMs: true, startedAt: true } }),
  ])
  const listing = config ? listBackups(config.dir) : { backups: [], problems: [] }
  const backups: BackupRow[] = listing.backups.map((b) => ({
    file: b.manifest.file,
    kind: b.manifest.kind,
    createdAt: b.createdAt,
    bytes: b.manifest.bytes,
    sha256: b.manifest.sha256,
    schemaVersion: schemaVersionOf(b.manifest),
    tables: b.manifest.tables.length,
    rows: totalRows(b.manifest),
    offsite: b.manifest.offsite ?? null,
  }))
  const drills = rows.map(toDrill)
  // RTO evidence: the newest drill that restored and verified the database, also one that then failed only
  // the RTO check (its time is the evidence that matters most); else the newest passed drill further back.
  const measured = drills.find((d) => d.checks.some((c) => c.name === 'audit-chain') && d.checks.every((c) => c.ok || c.name === 'rto'))
  const rtoEvidence = measured ? { totalMs: measured.totalMs, startedAt: measured.startedAt } : lastPassed
  const newest = backups[0]?.createdAt ?? null
  const rpoTarget = config?.rpoMs ?? 3_600_000
  const rtoTarget = config?.rtoMs ?? 4 * 3_600_000
  return {
    settings: {
      dir: config?.dir ?? '(unknown)',
      retentionDays: config?.retentionDays ?? 0,
      hourlyRetentionHours: config?.hourlyRetentionHours ?? 0,
      offsite: config ? describeOffsite(config.offsite) : '(unknown)',
      offsiteRetentionDays: config?.offsiteRetentionDays ?? null,
    },
    backups,
    problems: listing.problems,
    drills,
    rpo: { ...evaluateRpo(newest, now, rpoTarget), at: newest },
    rto: { ...evaluateRto(rtoEvidence?.totalMs ?? null, rtoTarget), drillAt: rtoEvidence?.startedAt ?? null },
    configError,
  }
}
