/**
 * Backup settings from the environment, parsed with zod when used (not once at start, like the audit key:
 * the CLI and tests set them late). Defaults follow the operations guides: a daily backup at 02:00, a
 * weekly one at 03:00 on Sunday, 30 days of local retention, RTO 4 h and RPO 1 h (met by hourly backups).
 */
import path from 'node:path'
import { z } from 'zod'
import { ConfigError } from '@/lib/config-error'
import { dataDir } from '@/lib/env'

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))

const BackupEnv = z.object({
  /** Where backups are written (default <data dir>/backups). */
  WARDROOM_BACKUP_DIR: optionalText,
  /** Days daily and weekly backups are kept locally. */
  WARDROOM_BACKUP_RETENTION_DAYS: positiveInt(30),
  /** Hours the hourly backups between them are kept locally. */
  WARDROOM_BACKUP_HOURLY_RETENTION_HOURS: positiveInt(48),
  WARDROOM_BACKUP_RPO_MINUTES: positiveInt(60),
  WARDROOM_BACKUP_RTO_MINUTES: positiveInt(240),
  /** Offsite copy: a directory (another disk or mount) or `s3://bucket[/prefix]`. Unset: no offsite copy. */
  WARDROOM_BACKUP_OFFSITE: optionalText,
  /** Days offsite copies are kept; unset: never pruned by Wardroom (use the bucket's lifecycle rules). */
  WARDROOM_BACKUP_OFFSITE_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  /** An S3-compatible endpoint (MinIO, Ceph, …); unset: AWS. Credentials come from the AWS SDK's usual chain. */
  WARDROOM_BACKUP_S3_ENDPOINT: z.url().optional().or(z.literal('').transform(() => undefined)),
  WARDROOM_BACKUP_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  /**
   * A role that may CREATE DATABASE on the server where drills restore (the same server by default):
   * `npm start` sets it for the embedded database (role wardroom_drill); otherwise DATABASE_MIGRATE_URL,
   * then DATABASE_URL.
   */
  WARDROOM_BACKUP_DRILL_URL: optionalText,
})

export type OffsiteTargetConfig =
  | { kind: 'directory'; dir: string }
  | { kind: 's3'; bucket: string; prefix: string; endpoint?: string; region: string }

export interface BackupConfig {
  dir: string
  retentionDays: number
  hourlyRetentionHours: number
  rpoMs: number
  rtoMs: number
  offsite: OffsiteTargetConfig | null
  offsiteRetentionDays: number | null
  /** Null when no URL is known (no DATABASE_URL either). */
  drillUrl: string | null
}

const S3_URL = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/

/** Reads WARDROOM_BACKUP_OFFSITE: `s3://bucket/prefix` or a directory path. */
export function parseOffsite(value: string | undefined, s3: { endpoint?: string; region: string }, base = process.cwd()): OffsiteTargetConfig | null {
  if (!value) return null
  if (value.startsWith('s3://')) {
    const m = S3_URL.exec(value)
    if (!m) throw new Error(`WARDROOM_BACKUP_OFFSITE: "${value}" is not s3://<bucket>[/<prefix>] with a valid bucket name`)
    const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '')
    return { kind: 's3', bucket: m[1]!, prefix: prefix ? `${prefix}/` : '', region: s3.region, ...(s3.endpoint ? { endpoint: s3.endpoint } : {}) }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new Error(`WARDROOM_BACKUP_OFFSITE: only a directory or s3://… is supported, not "${value}"`)
  return { kind: 'directory', dir: path.resolve(/* turbopackIgnore: true */ base, value) }
}

export function backupConfig(source: Record<string, string | undefined> = process.env): BackupConfig {
  const parsed = BackupEnv.safeParse(source)
  if (!parsed.success) {
    throw new ConfigError(`Invalid backup settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const e = parsed.data
  const dir = path.resolve(/* turbopackIgnore: true */ e.WARDROOM_BACKUP_DIR ?? path.join(dataDir, 'backups'))
  const offsite = parseOffsite(e.WARDROOM_BACKUP_OFFSITE, { endpoint: e.WARDROOM_BACKUP_S3_ENDPOINT, region: e.WARDROOM_BACKUP_S3_REGION })
  if (offsite?.kind === 'directory' && path.resolve(/* turbopackIgnore: true */ offsite.dir) === dir) {
    throw new Error('WARDROOM_BACKUP_OFFSITE names the backup directory itself: an offsite copy must live elsewhere')
  }
  return {
    dir,
    retentionDays: e.WARDROOM_BACKUP_RETENTION_DAYS,
    hourlyRetentionHours: e.WARDROOM_BACKUP_HOURLY_RETENTION_HOURS,
    rpoMs: e.WARDROOM_BACKUP_RPO_MINUTES * 60_000,
    rtoMs: e.WARDROOM_BACKUP_RTO_MINUTES * 60_000,
    offsite,
    offsiteRetentionDays: e.WARDROOM_BACKUP_OFFSITE_RETENTION_DAYS ?? null,
    drillUrl: e.WARDROOM_BACKUP_DRILL_URL ?? source.DATABASE_MIGRATE_URL ?? source.DATABASE_URL ?? null,
  }
}

/** Where offsite copies go, in words and without credentials. */
export function describeOffsite(target: OffsiteTargetConfig | null): string {
  if (!target) return 'none'
  return target.kind === 's3' ? `s3://${target.bucket}/${target.prefix}${target.endpoint ? ` at ${new URL(target.endpoint).host}` : ''}` : target.dir
}
