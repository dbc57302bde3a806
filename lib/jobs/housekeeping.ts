/**
 * Hourly clean-up of short-lived operational rows. The audit trail is deliberately absent: it is retained
 * for at least six years (documentation rule) and its table refuses deletes anyway.
 */
import { db } from '../db'
import type { JobDefinition } from './types'

const DAY_MS = 24 * 60 * 60 * 1000
export const LOGIN_ATTEMPT_RETENTION_DAYS = 30
export const JOB_RUN_RETENTION_DAYS = 90
// Probe results are rolled up into availability SLIs within a minute; the raw rows serve the probes page (24 h).
export const PROBE_RESULT_RETENTION_DAYS = 30

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)

export const housekeeping: JobDefinition = {
  name: 'housekeeping',
  schedule: '0 * * * *',
  description: `Deletes sign-in attempts older than ${LOGIN_ATTEMPT_RETENTION_DAYS} days, job runs older than ${JOB_RUN_RETENTION_DAYS} days, health-probe results older than ${PROBE_RESULT_RETENTION_DAYS} days and expired job leases.`,
  async run({ now, signal }) {
    const loginAttempts = await db.loginAttempt.deleteMany({ where: { at: { lt: daysBefore(now, LOGIN_ATTEMPT_RETENTION_DAYS) } } })
    signal.throwIfAborted()
    const jobRuns = await db.jobRun.deleteMany({ where: { startedAt: { lt: daysBefore(now, JOB_RUN_RETENTION_DAYS) } } })
    signal.throwIfAborted()
    const jobLeases = await db.jobLease.deleteMany({ where: { expiresAt: { lt: now } } })
    signal.throwIfAborted()
    const probeResults = await db.probeResult.deleteMany({ where: { at: { lt: daysBefore(now, PROBE_RESULT_RETENTION_DAYS) } } })
    return { loginAttempts: loginAttempts.count, jobRuns: jobRuns.count, jobLeases: jobLeases.count, probeResults: probeResults.count }
  },
}
