/**
 * Incidents of backups and drills, raised at once (not after three failures like other jobs: a backup that
 * failed is a recovery point lost). A failed backup or drill uses its job's own incident key
 * (failure-incident.ts), so the job's next successful run resolves it as for any job; a missed backup —
 * the newest one older than the RPO allows — has a key of its own and stays open for a person to look at
 * why backups stopped. Through the ordinary alert ingest, so escalation, notifications and audit apply.
 */
import { ingestAlert } from '../incidents/ingest'
import { logger } from '../logger'
import { formatDuration } from '../format'
import { ensureWardroomService, JOB_INCIDENT_SERVICE, JOB_RUNNER_ACTOR, jobIncidentKey } from './failure-incident'
import { errorMessage } from './format'

export const BACKUP_MISSED_KEY = 'wardroom-backup:missed'

/** Raises (or joins the open) incident; never throws: the run's own outcome is recorded either way. */
async function raise(dedupKey: string, message: string, details: Record<string, string | number | boolean | null>, at: Date): Promise<void> {
  try {
    await ensureWardroomService()
    const { incidentId } = await ingestAlert(JOB_RUNNER_ACTOR, {
      source: 'jobs',
      severity: 'high',
      system: 'wardroom_backups',
      message,
      occurredAt: at,
      dedupKey,
      serviceKey: JOB_INCIDENT_SERVICE,
      details,
    })
    logger.warn({ dedupKey, incident: incidentId }, 'backup incident raised')
  } catch (err) {
    logger.warn({ dedupKey, error: errorMessage(err) }, 'backup incident not raised')
  }
}

export function raiseBackupFailed(reason: string, at: Date): Promise<void> {
  return raise(jobIncidentKey('db-backup'), `Backup failed: ${reason}`, { job: 'db-backup' }, at)
}

export function raiseDrillFailed(reason: string, backupFile: string | null, at: Date): Promise<void> {
  return raise(jobIncidentKey('restore-drill'), `Restore drill failed: ${reason}`, { job: 'restore-drill', backup: backupFile }, at)
}

export function raiseBackupMissed(ageMs: number, rpoMs: number, at: Date): Promise<void> {
  return raise(
    BACKUP_MISSED_KEY,
    `Backups missed: the newest backup was ${formatDuration(ageMs)} old, over the recovery point objective of ${formatDuration(rpoMs)}`,
    { ageMinutes: Math.round(ageMs / 60_000), rpoMinutes: Math.round(rpoMs / 60_000) },
    at,
  )
}
