import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupConfig, describeOffsite, parseOffsite } from './config'
import { backupFileName, parseBackupFileName } from './store'
import { BackupFileName } from './schema'

const s3 = { region: 'us-east-1' }

describe('backup settings', () => {
  it('defaults to the guides: 30 days, RPO 1 h, RTO 4 h, <data dir>/backups, no offsite copy', () => {
    const c = backupConfig({ DATABASE_URL: 'postgresql://app@db/wardroom' })
    expect(c).toMatchObject({ retentionDays: 30, hourlyRetentionHours: 48, rpoMs: 3_600_000, rtoMs: 14_400_000, offsite: null, offsiteRetentionDays: null })
    expect(c.dir).toBe(path.resolve('.data/backups'))
    // Drills create scratch databases as the migration role when there is one.
    expect(c.drillUrl).toBe('postgresql://app@db/wardroom')
    expect(backupConfig({ DATABASE_URL: 'a', DATABASE_MIGRATE_URL: 'b' }).drillUrl).toBe('b')
    expect(backupConfig({ DATABASE_URL: 'a', WARDROOM_BACKUP_DRILL_URL: 'c' }).drillUrl).toBe('c')
  })

  it('reads an S3 bucket with a prefix, or a directory', () => {
    expect(parseOffsite('s3://wr-backups/site-a/db/', s3)).toEqual({ kind: 's3', bucket: 'wr-backups', prefix: 'site-a/db/', region: 'us-east-1' })
    expect(parseOffsite('s3://wr-backups', { ...s3, endpoint: 'http://127.0.0.1:9000' })).toMatchObject({ prefix: '', endpoint: 'http://127.0.0.1:9000' })
    expect(parseOffsite('/mnt/offsite', s3)).toEqual({ kind: 'directory', dir: '/mnt/offsite' })
    expect(parseOffsite(undefined, s3)).toBeNull()
    expect(() => parseOffsite('s3://No_Such', s3)).toThrow(/valid bucket name/)
    expect(() => parseOffsite('https://example.org/bucket', s3)).toThrow(/only a directory or s3/)
  })

  it('refuses an offsite directory that is the backup directory, and bad numbers', () => {
    expect(() => backupConfig({ WARDROOM_BACKUP_DIR: '/srv/b', WARDROOM_BACKUP_OFFSITE: '/srv/b' })).toThrow(/must live elsewhere/)
    expect(() => backupConfig({ WARDROOM_BACKUP_RETENTION_DAYS: '0' })).toThrow(/WARDROOM_BACKUP_RETENTION_DAYS/)
  })

  it('describes the offsite target without credentials', () => {
    const target = parseOffsite('s3://wr-backups/x', { ...s3, endpoint: 'https://key:secret@s3.example.org' })
    expect(describeOffsite(target)).toBe('s3://wr-backups/x/ at s3.example.org')
    expect(describeOffsite(null)).toBe('none')
  })
})

describe('backup file names', () => {
  it('records the snapshot time to the millisecond and the kind, and read back', () => {
    const at = new Date('2026-12-06T02:00:00.123Z')
    const name = backupFileName(at, 'daily')
    expect(name).toBe('wardroom-2026-12-06T02-00-00-123Z-daily.sql.gz')
    expect(BackupFileName.safeParse(name).success).toBe(true)
    expect(parseBackupFileName(name)).toEqual({ createdAt: at, kind: 'daily' })
  })

  it('accepts no path or other name', () => {
    for (const bad of ['../wardroom-2026-12-06T02-00-00-123Z-daily.sql.gz', 'wardroom-2026-12-06T02-00-00-123Z-monthly.sql.gz', 'x.sql.gz']) {
      expect(BackupFileName.safeParse(bad).success, bad).toBe(false)
      expect(parseBackupFileName(bad), bad).toBeNull()
    }
  })
})
