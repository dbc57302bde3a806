/**
 * The body of the three SLA report jobs: build the report of the last full period in WARDROOM_TIMEZONE
 * (yesterday, last ISO week, last month), store it (replacing an earlier build) and e-mail it to subscribers.
 */
import { env } from '../env'
import type { JobDefinition, JobResult } from '../jobs/types'
import { buildReport, type BuildReportOptions } from './reports'
import { deliverReport, type ReportDeliveryDeps } from './report-delivery'
import { lastFullPeriod, PERIOD_NOUN, type ReportPeriod } from './report-periods'

export interface ReportJobDeps extends ReportDeliveryDeps {
  figures?: BuildReportOptions['figures']
  timeZone?: string
}

export async function runReportJob(period: ReportPeriod, now: Date, deps: ReportJobDeps = {}): Promise<JobResult> {
  const tz = deps.timeZone ?? env.WARDROOM_TIMEZONE
  const range = lastFullPeriod(period, now, tz)
  const { report, replaced } = await buildReport(period, range.start, range.end, tz, { figures: deps.figures, now })
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
  return {
    name: `sla-report-${period}`,
    schedule,
    description: `Builds the SLA report of the last full ${noun} in the server's time zone (compliance, budget used, violations, MTTR and the change against the ${noun} before, with a significance test), stores it and e-mails it to ${period} subscribers.`,
    timeoutSeconds: 600,
    run: ({ now }) => runReportJob(period, now),
  }
}
