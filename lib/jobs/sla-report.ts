/**
 * The three SLA report jobs (sla-report-daily/-weekly/-monthly.ts): each builds the report of the last full
 * period through lib/slo's `generateReport` command, acting as the system under the job's name, then
 * e-mails it to the period's subscribers (./sla-report-delivery.ts, which composes lib/slo's mail with
 * lib/notifications' e-mail channel: a composition that belongs to the jobs, not to either area).
 */
import { env } from '@/lib/env'
import { systemActor, type Actor } from '@/lib/auth/actor'
import { generateReport } from '@/lib/slo/commands'
import type { BuildReportOptions } from '@/lib/slo/reports'
import { lastFullPeriod, PERIOD_NOUN, type ReportPeriod } from '@/lib/slo/report-periods'
import { deliverReport, type ReportDeliveryDeps } from './sla-report-delivery'
import type { JobDefinition, JobResult } from './types'

export interface ReportJobDeps extends ReportDeliveryDeps {
  figures?: BuildReportOptions['figures']
  timeZone?: string
}

/**
 * Builds the report of the last full period in WARDROOM_TIMEZONE (yesterday, last ISO week, last month),
 * stores it (replacing an earlier build) and e-mails it to the period's subscribers.
 */
export async function runReportJob(actor: Actor, period: ReportPeriod, now: Date, deps: ReportJobDeps = {}): Promise<JobResult> {
  const tz = deps.timeZone ?? env.WARDROOM_TIMEZONE
  const range = lastFullPeriod(period, now, tz)
  const { report, replaced } = await generateReport(actor, period, range.start, range.end, tz, { figures: deps.figures, now })
  const mail = await deliverReport(report, deps)
  return {
    reportId: report.id,
    period,
    periodStart: report.periodStart.toISOString(),
    periodEnd: report.periodEnd.toISOString(),
    timezone: tz,
    replaced,
    objectives: report.data.summary.objectives,
    met: report.data.summary.met,
    missed: report.data.summary.missed,
    emailed: mail.sent,
    emailFailed: mail.failed,
    emailSkipped: mail.skipped,
  }
}

export function reportJob(period: ReportPeriod, schedule: string): JobDefinition {
  const noun = PERIOD_NOUN[period]
  const name = `sla-report-${period}`
  return {
    name,
    schedule,
    description: `Builds the SLA report of the last full ${noun} in the server's time zone (compliance, budget used, violations, MTTR and the change against the ${noun} before, with a significance test), stores it and e-mails it to ${period} subscribers.`,
    timeoutSeconds: 600,
    run: ({ now }) => runReportJob(systemActor(name), period, now),
  }
}
