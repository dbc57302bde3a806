/** Words and figures of Admin → Backups (pure, client-safe). */
import type { ObjectiveStatus } from './objectives'

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** 1536 → "1.5 KB", 3_500_000 → "3.3 MB" (binary multiples, one decimal below 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'n/a'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}

/** What a status means for each objective, in a sentence for the card. */
export function objectiveSentence(kind: 'rpo' | 'rto', status: ObjectiveStatus | null): string {
  if (status === null) return kind === 'rpo' ? 'No backup yet: nothing could be restored.' : 'No drill has restored a backup yet: the restore time is unmeasured.'
  if (kind === 'rpo') {
    return status === 'ok' ? 'A restore now would lose less than the objective allows.' : status === 'at_risk' ? 'The newest backup is just past the objective: the next one is due.' : 'Backups were missed: a restore now would lose more than the objective allows.'
  }
  return status === 'ok' ? 'The last drill restored well within the objective.' : status === 'at_risk' ? 'The last drill used most of the objective: little room for the rest of a recovery.' : 'The last drill took longer than the objective.'
}

export const DRILL_CHECK_LABELS: Record<string, string> = {
  backup: 'No backup',
  checksum: 'Checksum',
  restore: 'Restore',
  schema: 'Schema version',
  'row-counts': 'Row counts',
  'audit-chain': 'Audit chain',
  rto: 'Restore time',
}

export const TRIGGER_LABELS: Record<string, string> = { schedule: 'scheduled', manual: 'on demand', http: 'external cron', cli: 'command line' }
