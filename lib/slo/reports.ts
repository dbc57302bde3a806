/**
 * Builds and stores SLA reports: per-SLO figures for a period and the period before, compared with a
 * significance test (report-data.ts). One report per period and start: building it again replaces it in
 * place (same id, so links in e-mails keep working), which makes the jobs and "Generate now" idempotent.
 */
import { db } from '../db'
import { isValidTimeZone } from '@/lib/time'
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit'
import { badRequest } from '@/lib/errors'

import { composeReport, type ReportData } from './report-data'
import { isWholePeriod, periodBefore, type ReportPeriod } from './report-periods'
import { getPeriodFigures } from './overview'
import type { PeriodFigure } from './types'

/** The figures of a period [from, to): S1's getPeriodFigures, or a test's own. */
export type FiguresSource = (from: Date, to: Date) => Promise<PeriodFigure[]>

export interface StoredReport {
  id: string
  period: ReportPeriod
  periodStart: Date
  periodEnd: Date
  timezone: string
  generatedAt: Date
  data: ReportData
}

export interface BuildReportOptions {
  /** Who asked (audited); the system for the scheduled jobs. */
  actor?: Actor
  /** The figures of a period; S1's getPeriodFigures unless a test passes its own. */
  figures?: FiguresSource
  now?: Date
}

export interface BuildReportResult {
  report: StoredReport
  /** True when a report for the same period and start already existed and was replaced. */
  replaced: boolean
}

export async function buildReport(
  period: ReportPeriod,
  periodStart: Date,
  periodEnd: Date,
  tz: string,
  opts: BuildReportOptions = {},
): Promise<BuildReportResult> {
  if (!isValidTimeZone(tz)) throw badRequest(`Unknown time zone ${tz}`)
  if (!isWholePeriod(period, { start: periodStart, end: periodEnd }, tz)) {
    throw badRequest(`The range is not one whole ${period} period in ${tz}`)
  }
  const figures = opts.figures ?? getPeriodFigures
  const previous = periodBefore(period, periodStart, tz)
  const current = await figures(periodStart, periodEnd)
  const before = await figures(previous.start, previous.end)
  const data = composeReport(current, before, previous)
  const generatedAt = opts.now ?? new Date()
  const actor = opts.actor ?? SYSTEM_ACTOR

  const { row, replaced } = await db.$transaction(async (tx) => {
    const key = { period_periodStart: { period, periodStart } }
    const existing = await tx.slaReport.findUnique({ where: key, select: { id: true } })
    const saved = await tx.slaReport.upsert({
      where: key,
      create: { period, periodStart, periodEnd, timezone: tz, generatedAt, data },
      update: { periodEnd, timezone: tz, generatedAt, data },
    })
    await recordAudit(
      actor,
      {
        action: existing ? 'sla_report.regenerate' : 'sla_report.create',
        targetType: 'sla_report',
        targetId: saved.id,
        summary: { period, periodStart: periodStart.toISOString(), timezone: tz, ...data.summary },
      },
      tx,
    )
    return { row: saved, replaced: existing !== null }
  })
  return {
    report: { id: row.id, period, periodStart: row.periodStart, periodEnd: row.periodEnd, timezone: row.timezone, generatedAt: row.generatedAt, data },
    replaced,
  }
}
