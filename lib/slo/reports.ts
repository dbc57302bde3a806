/**
 * SLA reports, the computing side: per-SLO figures for a period and the period before, compared with a
 * significance test (report-data.ts). `generateReport` in ./commands.ts stores the result: one report per
 * period and start, built again in place (same id, so links in e-mails keep working), which makes the jobs
 * and "Generate now" idempotent.
 */
import { isValidTimeZone } from '@/lib/time'
import { badRequest } from '@/lib/errors'

import { composeReport, type ReportData } from './report-data'
import { isWholePeriod, periodBefore, type ReportPeriod } from './report-periods'
import { getPeriodFigures } from './overview'
import type { PeriodFigure } from './types'
import type { ReportView } from './report-queries'

/** The figures of a period [from, to): S1's getPeriodFigures, or a test's own. */
export type FiguresSource = (from: Date, to: Date) => Promise<PeriodFigure[]>

export interface BuildReportOptions {
  /** The figures of a period; S1's getPeriodFigures unless a test passes its own. */
  figures?: FiguresSource
  now?: Date
}

export interface BuildReportResult {
  report: ReportView
  /** True when a report for the same period and start already existed and was replaced. */
  replaced: boolean
}

/** Checks that [periodStart, periodEnd) is one whole period in `tz`, then computes the report's data (reads only). */
export async function computeReport(
  period: ReportPeriod,
  periodStart: Date,
  periodEnd: Date,
  tz: string,
  figures: FiguresSource = getPeriodFigures,
): Promise<ReportData> {
  if (!isValidTimeZone(tz)) throw badRequest(`Unknown time zone ${tz}`)
  if (!isWholePeriod(period, { start: periodStart, end: periodEnd }, tz)) {
    throw badRequest(`The range is not one whole ${period} period in ${tz}`)
  }
  const previous = periodBefore(period, periodStart, tz)
  const current = await figures(periodStart, periodEnd)
  const before = await figures(previous.start, previous.end)
  return composeReport(current, before, previous)
}
