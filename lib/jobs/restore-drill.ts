/**
 * Weekly restore drill (also on demand from Admin → Backups): the newest backup restored into a scratch
 * database and verified there (lib/backups/drill.ts), its figures recorded as RTO and RPO evidence. A failed
 * drill opens an incident at once; a newest backup older than the RPO opens a "backups missed" one.
 */
import { systemActor } from '../auth/actor'
import { recordRestoreDrill } from '../backups/commands'
import { backupConfig } from '../backups/config'
import { performRestoreDrill } from '../backups/drill'
import { installedAt } from '../backups/install-age'
import { missedBackup, nothingToDrillYet } from '../backups/objectives'
import { raiseBackupMissed, raiseDrillFailed } from './backup-incidents'
import { JobFailure, type JobDefinition, type JobResult } from './types'

const DRILL_ACTOR = systemActor('restore-drill')

export const restoreDrill: JobDefinition = {
  name: 'restore-drill',
  schedule: '30 4 * * 0',
  description: 'Restores the newest backup into a scratch database, checks its checksum, schema version, row counts and audit chain, drops it, and records the restore time (RTO) and the backup age (RPO).',
  // A drill slower than the RTO has failed anyway; 4 h is the guides' RTO.
  timeoutSeconds: 4 * 3600,
  async run({ now, log, signal, trigger, actor }) {
    const config = backupConfig()
    const drill = await performRestoreDrill({ config, now, signal, log: (m) => log.info({ note: m }, 'restore drill note') })
    if (!drill.backup && nothingToDrillYet(await installedAt(), now, config.rpoMs)) {
      // A new install whose first backup is not due yet: nothing drilled, nothing recorded, no incident.
      return { drilled: false, reason: 'no backup yet: this install is younger than the recovery point objective' }
    }
    const { id } = await recordRestoreDrill(actor ?? DRILL_ACTOR, trigger ?? 'schedule', drill)
    const result: JobResult = {
      drilled: true,
      drillId: id,
      ok: drill.ok,
      backup: drill.backup?.file ?? null,
      totalMs: drill.totalMs,
      restoreMs: drill.restoreMs,
      backupAgeSeconds: drill.backupAgeMs === null ? null : Math.round(drill.backupAgeMs / 1000),
      schemaVersion: drill.schemaVersion,
      rows: drill.rows,
      auditRows: drill.auditRows,
    }
    const missed = missedBackup(drill.backup?.createdAt ?? null, now, config.rpoMs)
    if (missed) await raiseBackupMissed(missed.ageMs, config.rpoMs, now)
    if (!drill.ok) {
      const failed = drill.checks.find((c) => !c.ok)
      const reason = `${failed?.name ?? 'drill'}: ${drill.error ?? 'unknown'}`
      await raiseDrillFailed(reason, drill.backup?.file ?? null, now)
      throw new JobFailure(`Restore drill failed at ${reason}`, result)
    }
    return result
  },
}
