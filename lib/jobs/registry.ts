/**
 * Every periodic job, one line each. To add a job: write lib/jobs/<name>.ts exporting a JobDefinition and
 * add it to `jobs` below; the scheduler, /api/cron/<name> and the admin page pick it up.
 */
import { auditVerify } from './audit-verify'
import { auditCheckpoint } from './audit-checkpoint'
import { housekeeping } from './housekeeping'
import { incidentEscalation } from './incident-escalation'
import { notificationDelivery } from './notification-delivery'
import { healthProbes } from './health-probes'
import { maintenanceMaterialise } from './maintenance-materialise'
import { slaReportDaily } from './sla-report-daily'
import { slaReportWeekly } from './sla-report-weekly'
import { slaReportMonthly } from './sla-report-monthly'
import { sliRollup } from './sli-rollup'
import { sloEvaluate } from './slo-evaluate'
import { sliRetention } from './sli-retention'
import { rolloutAdvance } from './rollout-advance'
import { flagStale } from './flag-stale'
import { flagEvalFlush } from './flag-eval-flush'
import { dbBackup } from './db-backup'
import { restoreDrill } from './restore-drill'
import { securityScan } from './security-scan'
import { analyticsPartitions } from './analytics-partitions'
import { analyticsRetention } from './analytics-retention'
import { analyticsSessions } from './analytics-sessions'
import { analyticsInsights } from './analytics-insights'
import { analyticsRollups } from './analytics-rollups'
import { feedbackSla } from './feedback-sla'
import { feedbackScreenshotsPurge } from './feedback-screenshots-purge'
import { competitorWatch } from './competitor-watch'
import { roadmapThreats } from './roadmap-threats'
import { roadmapReviewQuarterly } from './roadmap-review-quarterly'
import type { JobDefinition } from './types'

export const jobs: readonly JobDefinition[] = [
  auditVerify,
  auditCheckpoint,
  housekeeping,
  incidentEscalation,
  notificationDelivery,
  healthProbes,
  maintenanceMaterialise,
  slaReportDaily,
  slaReportWeekly,
  slaReportMonthly,
  sliRollup,
  sloEvaluate,
  sliRetention,
  rolloutAdvance,
  flagStale,
  flagEvalFlush,
  dbBackup,
  restoreDrill,
  securityScan,
  analyticsPartitions,
  analyticsRetention,
  analyticsSessions,
  analyticsInsights,
  analyticsRollups,
  feedbackSla,
  feedbackScreenshotsPurge,
  competitorWatch,
  roadmapThreats,
  roadmapReviewQuarterly,
]

// Jobs registered at run time (tests register throwaway jobs here instead of sleeping on real ones).
const extra = new Map<string, JobDefinition>()

export function getJob(name: string): JobDefinition | undefined {
  return jobs.find((j) => j.name === name) ?? extra.get(name)
}

export function jobNames(): string[] {
  return jobs.map((j) => j.name)
}

/** Registers a job outside the static list; returns a function that removes it again. */
export function registerJob(job: JobDefinition): () => void {
  if (getJob(job.name)) throw new Error(`A job named ${job.name} is already registered`)
  extra.set(job.name, job)
  return () => {
    extra.delete(job.name)
  }
}
