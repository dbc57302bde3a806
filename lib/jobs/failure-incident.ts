/**
 * A job that fails JOB_FAILURE_STREAK times in a row opens an incident on the operations board (service
 * `wardroom`, severity high, one open incident per job by dedup key `wardroom-job:<name>`); its next
 * successful run resolves it. Both go through the ordinary alert ingest, as health probes do
 * (lib/probes/probe.ts), so escalation, notifications, redaction and audit apply unchanged.
 */
import { recordAudit } from '../audit'
import { systemActor } from '../auth/actor'
import { db } from '../db'
import { resolveAlertsByKey } from '../incidents/alert-lifecycle'
import { ingestAlert } from '../incidents/ingest'
import { logger } from '../logger'
import { inTransaction } from '../tx'
import { errorMessage } from './format'

/** Failed runs in a row (finished runs only: skipped and running ones do not count) that open an incident. */
export const JOB_FAILURE_STREAK = 3
/** The service the incidents of failing jobs belong to: Wardroom itself. */
export const JOB_INCIDENT_SERVICE = 'wardroom'
export const JOB_RUNNER_ACTOR = systemActor('job-runner')
const ERROR_EXCERPT_MAX = 160

export const jobIncidentKey = (job: string) => `wardroom-job:${job}`

/** Pure: whether the newest finished runs (newest first) are `streak` failures. */
export function isFailureStreak(statuses: readonly string[], streak: number = JOB_FAILURE_STREAK): boolean {
  return statuses.length >= streak && statuses.slice(0, streak).every((s) => s === 'failed')
}

/**
 * Pure: the incident's message, naming the job and the first line of its last error. The error is a job's
 * own summary (errorMessage keeps no stack); ingest redacts anything that looks like PHI before storing it.
 */
export function jobIncidentMessage(job: string, failures: number, error: string | null | undefined): string {
  const line = error?.split('\n').find((l) => l.trim())?.trim() ?? 'no error message'
  const excerpt = line.length > ERROR_EXCERPT_MAX ? `${line.slice(0, ERROR_EXCERPT_MAX - 1)}…` : line
  return `Job ${job} failed ${failures} times in a row: ${excerpt}`
}

/**
 * Wardroom itself as a service on the board, created the first time a job of its own fails (a fresh
 * install has only the services its operators defined). Ops may attach an escalation policy to it later;
 * until then the default policy applies. Audited like any service created by the system.
 */
export async function ensureWardroomService(): Promise<void> {
  const existing = await db.service.findUnique({ where: { key: JOB_INCIDENT_SERVICE }, select: { id: true } })
  if (existing) return
  await inTransaction(async (tx) => {
    const created = await tx.service.upsert({
      where: { key: JOB_INCIDENT_SERVICE },
      create: { key: JOB_INCIDENT_SERVICE, name: 'Wardroom', description: 'This cockpit: its periodic jobs (SLO monitoring, escalation, notifications, reports).' },
      update: {},
      select: { id: true },
    })
    await recordAudit(JOB_RUNNER_ACTOR, { action: 'service.create', targetType: 'service', targetId: created.id, summary: { key: JOB_INCIDENT_SERVICE } }, tx)
  })
}

const openIncidents = (job: string) => db.incident.count({ where: { dedupKey: jobIncidentKey(job), status: { not: 'resolved' } } })

/**
 * After a finished run: raise the job's incident at the end of a failure streak (unless one is open),
 * or resolve it after a success. Never throws: the run's own outcome is already recorded.
 */
export async function trackJobHealth(job: string, status: 'ok' | 'failed', error: string | undefined, at: Date = new Date()): Promise<void> {
  try {
    if (status === 'ok') {
      // A read first: nearly every ok run has nothing to resolve, and resolving takes a locked transaction.
      if ((await openIncidents(job)) > 0) await resolveAlertsByKey(JOB_RUNNER_ACTOR, jobIncidentKey(job), at, { source: 'jobs' })
      return
    }
    const last = await db.jobRun.findMany({
      where: { job, status: { in: ['ok', 'failed'] } },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: JOB_FAILURE_STREAK,
      select: { status: true },
    })
    if (!isFailureStreak(last.map((r) => r.status))) return
    // Still failing with its incident open: nothing new to say. Resolved by hand while still failing: raise again.
    if ((await openIncidents(job)) > 0) return
    await ensureWardroomService()
    const { incidentId } = await ingestAlert(
      JOB_RUNNER_ACTOR,
      {
        source: 'jobs',
        severity: 'high',
        system: 'wardroom_jobs',
        message: jobIncidentMessage(job, JOB_FAILURE_STREAK, error),
        occurredAt: at,
        dedupKey: jobIncidentKey(job),
        serviceKey: JOB_INCIDENT_SERVICE,
        details: { job, failures: JOB_FAILURE_STREAK },
      },
    )
    logger.warn({ job, incident: incidentId }, 'job failing repeatedly: incident raised')
  } catch (err) {
    logger.warn({ job, status, error: errorMessage(err) }, 'job incident not updated')
  }
}
