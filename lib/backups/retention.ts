/**
 * Which backups to delete (pure). Daily and weekly backups are kept for the retention in days (guides: 30),
 * the hourly ones between them for a shorter while (48 h by default: they exist for the RPO, and a month of
 * hourly dumps would be 24 times the disk). The newest backup is never deleted, whatever its age: a server
 * that stopped backing up keeps its last good backup rather than pruning itself down to nothing.
 */
import type { BackupKind } from './schema'

export interface RetentionPolicy {
  retentionDays: number
  hourlyRetentionHours: number
}

export interface StoredBackup {
  file: string
  kind: BackupKind
  createdAt: Date
}

const HOUR_MS = 3_600_000

/** The age past which a backup of this kind is deleted. */
export function maxAgeMs(kind: BackupKind, policy: RetentionPolicy): number {
  return kind === 'hourly' ? policy.hourlyRetentionHours * HOUR_MS : policy.retentionDays * 24 * HOUR_MS
}

export function chooseBackupsToPrune<T extends StoredBackup>(backups: readonly T[], now: Date, policy: RetentionPolicy): T[] {
  if (backups.length === 0) return []
  const newest = backups.reduce((a, b) => (b.createdAt.getTime() > a.createdAt.getTime() ? b : a))
  return backups
    .filter((b) => b !== newest && now.getTime() - b.createdAt.getTime() > maxAgeMs(b.kind, policy))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
}
