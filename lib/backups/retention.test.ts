import { describe, expect, it } from 'vitest'
import { chooseBackupsToPrune, maxAgeMs } from './retention'
import type { BackupKind } from './schema'

const policy = { retentionDays: 30, hourlyRetentionHours: 48 }
const now = new Date('2026-12-31T12:00:00Z')
const HOUR = 3_600_000
const b = (file: string, kind: BackupKind, hoursAgo: number) => ({ file, kind, createdAt: new Date(now.getTime() - hoursAgo * HOUR) })

describe('chooseBackupsToPrune', () => {
  it('keeps daily and weekly backups 30 days and hourly ones 48 hours', () => {
    expect(maxAgeMs('daily', policy)).toBe(30 * 24 * HOUR)
    expect(maxAgeMs('weekly', policy)).toBe(30 * 24 * HOUR)
    expect(maxAgeMs('hourly', policy)).toBe(48 * HOUR)
  })

  it('worked example: prunes the hourly one of 49 h and the daily one of 31 days, oldest first, nothing younger', () => {
    const backups = [
      b('h-now', 'hourly', 0),
      b('h-47', 'hourly', 47),
      b('h-49', 'hourly', 49),
      b('d-29d', 'daily', 29 * 24),
      b('d-31d', 'daily', 31 * 24),
      b('w-30d-exactly', 'weekly', 30 * 24),
      b('w-35d', 'weekly', 35 * 24),
    ]
    expect(chooseBackupsToPrune(backups, now, policy).map((x) => x.file)).toEqual(['w-35d', 'd-31d', 'h-49'])
  })

  it('never prunes the newest backup, however old (a server that stopped backing up keeps its last one)', () => {
    const backups = [b('d-40d', 'daily', 40 * 24), b('h-60d', 'hourly', 60 * 24)]
    expect(chooseBackupsToPrune(backups, now, policy).map((x) => x.file)).toEqual(['h-60d'])
    expect(chooseBackupsToPrune([b('only', 'hourly', 1000)], now, policy)).toEqual([])
    expect(chooseBackupsToPrune([], now, policy)).toEqual([])
  })

  it('follows a shorter policy', () => {
    const backups = [b('d-2d', 'daily', 49), b('d-now', 'daily', 0)]
    expect(chooseBackupsToPrune(backups, now, { retentionDays: 2, hourlyRetentionHours: 1 }).map((x) => x.file)).toEqual(['d-2d'])
  })
})
