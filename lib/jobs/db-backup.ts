/**
 * Hourly backup (the RPO of 1 h), filling the guides' daily (02:00) and weekly (Sunday 03:00) slots as it
 * goes (lib/backups/schedule.ts): a compressed, checksummed dump in WARDROOM_BACKUP_DIR, copied offsite
 * when configured, old ones pruned by retention. A failed backup or offsite copy opens an incident at once;
 * a gap since the previous backup longer than the RPO opens a "backups missed" one.
 */
import { systemActor } from '../auth/actor'
import { getPool } from '../db'
import { env } from '../env'
import { runBackup, type BackupRunResult } from '../backups/backup-run'
import { recordBackup } from '../backups/commands'
import { backupConfig } from '../backups/config'
import { safeErrorText } from '../backups/error-text'
import { schemaVersionOf, totalRows } from '../backups/schema'
import { raiseBackupFailed, raiseBackupMissed } from './backup-incidents'
import { JobFailure, type JobDefinition, type JobResult } from './types'

const BACKUP_ACTOR = systemActor('db-backup')

function summary(run: BackupRunResult): JobResult {
  const m = run.manifest
  return {
    file: m.file,
    kind: m.kind,
    bytes: m.bytes,
    sha256: m.sha256,
    schemaVersion: schemaVersionOf(m),
    tables: m.tables.length,
    rows: totalRows(m),
    offsite: m.offsite?.status ?? 'none',
    pruned: run.pruned.local.length + run.pruned.offsite.length,
    ...(run.missed ? { missedMinutes: Math.round(run.missed.ageMs / 60_000) } : {}),
  }
}

export const dbBackup: JobDefinition = {
  name: 'db-backup',
  schedule: '0 * * * *',
  description: 'Writes a compressed, checksummed backup (weekly on Sunday at 03:00, daily at 02:00, hourly in between), copies it offsite when configured and prunes old ones.',
  timeoutSeconds: 3600,
  async run({ now, log, signal, actor }) {
    const config = backupConfig()
    const client = await getPool().connect()
    let run: BackupRunResult
    let broken = false
    try {
      run = await runBackup(client, { config, now, timeZone: env.WARDROOM_TIMEZONE, signal, log: (m) => log.warn({ note: m }, 'backup note') })
    } catch (err) {
      broken = true
      await raiseBackupFailed(safeErrorText(err), now)
      throw err
    } finally {
      // A connection that failed mid-dump may be mid-transaction: drop it rather than hand it on.
      client.release(broken)
    }
    await recordBackup(actor ?? BACKUP_ACTOR, run)
    if (run.missed) await raiseBackupMissed(run.missed.ageMs, config.rpoMs, now)
    const result = summary(run)
    if (run.pruneError) log.warn({ error: run.pruneError }, 'offsite backups not pruned')
    if (run.offsite?.status === 'failed') {
      const reason = `written locally as ${run.manifest.file}, but the offsite copy to ${run.offsite.target} failed: ${run.offsite.error ?? 'unknown error'}`
      await raiseBackupFailed(reason, now)
      throw new JobFailure(`Backup ${reason}`, result)
    }
    return result
  },
}
