/**
 * Backups and restore drills: the shapes shared by the job, the CLI, the admin page and its action
 * (client-safe). A backup is a gzip-compressed plain SQL dump (lib/admin/backup.ts writes the SQL) with a
 * manifest beside it (`<file>.json`) holding its SHA-256, size, schema version and row counts; the manifest
 * is written last, so a file without one is an unfinished backup and is never listed or restored.
 */
import { z } from 'zod'

/**
 * Which slot of the guides' schedule a backup fills. Every backup is a full logical dump; the kind decides
 * how long it is kept (retention.ts): weekly (Sunday 03:00) and daily (02:00) ones for the retention in
 * days, the hourly ones in between (which meet the RPO) for a shorter while.
 */
export const BACKUP_KINDS = ['weekly', 'daily', 'hourly'] as const
export const BackupKind = z.enum(BACKUP_KINDS)
export type BackupKind = z.infer<typeof BackupKind>

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = { weekly: 'Weekly', daily: 'Daily', hourly: 'Hourly' }

/** wardroom-2026-12-06T02-00-00-123Z-daily.sql.gz: the time is the dump's snapshot, UTC, to the millisecond. */
export const BACKUP_FILE_PATTERN = /^wardroom-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-(weekly|daily|hourly)\.sql\.gz$/
/** A backup's file name: no directory part, so a name from a form or a listing cannot point elsewhere. */
export const BackupFileName = z.string().max(80).regex(BACKUP_FILE_PATTERN, 'not a Wardroom backup file name')

export const MANIFEST_FORMAT = 'wardroom-backup/1'
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in hexadecimal')

export const OffsiteCopy = z.object({
  /** Where the copy went, without credentials (e.g. `s3://bucket/prefix` or a directory). */
  target: z.string().max(500),
  status: z.enum(['copied', 'failed']),
  at: z.iso.datetime(),
  error: z.string().max(500).optional(),
})
export type OffsiteCopy = z.infer<typeof OffsiteCopy>

export const BackupManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  file: BackupFileName,
  kind: BackupKind,
  /** The moment of the dump's snapshot (its transaction started then). */
  createdAt: z.iso.datetime(),
  /** Of the compressed file, as stored. */
  sha256: Sha256Hex,
  bytes: z.number().int().nonnegative(),
  /** Of the SQL inside. */
  sqlBytes: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  wardroomVersion: z.string().max(50),
  /** The applied migrations, in order; the last is the schema version. */
  migrations: z.array(z.string().max(200)),
  tables: z.array(z.object({ table: z.string().max(200), rows: z.number().int().nonnegative() })),
  offsite: OffsiteCopy.optional(),
})
export type BackupManifest = z.infer<typeof BackupManifest>

/** The schema version a manifest records: its newest migration. */
export const schemaVersionOf = (m: Pick<BackupManifest, 'migrations'>): string | null => m.migrations.at(-1) ?? null
export const totalRows = (m: Pick<BackupManifest, 'tables'>): number => m.tables.reduce((n, t) => n + t.rows, 0)

/** "Run a restore drill now" (Admin → Backups) takes nothing: it always drills the newest backup. */
export const RunRestoreDrillInput = z.object({}).strict()
export type RunRestoreDrillInput = z.infer<typeof RunRestoreDrillInput>

/** One verification step of a drill, as recorded (PHI-free: names, counts, versions). */
export const DrillCheck = z.object({
  name: z.enum(['backup', 'checksum', 'restore', 'schema', 'row-counts', 'audit-chain', 'rto']),
  ok: z.boolean(),
  detail: z.string().max(500),
})
export type DrillCheck = z.infer<typeof DrillCheck>
export const DrillChecks = z.array(DrillCheck)
