/**
 * An SLA report as CSV (RFC 4180): one row per SLO, a header row of stable snake_case names, CRLF line ends,
 * fields quoted and formulas defused by lib/csv.ts. Pure.
 */
import { csvDocument, type CsvValue } from '../csv'
import type { ReportData } from './report-data'
import { periodSlug } from './report-periods'

export const REPORT_CSV_COLUMNS = [
  'period',
  'period_start',
  'period_end',
  'timezone',
  'slo_key',
  'slo_name',
  'service',
  'workflow',
  'target_percent',
  'compliance_percent',
  'good',
  'total',
  'met_target',
  'budget_used_percent',
  'violations',
  'linked_incidents',
  'mttr_minutes',
  'previous_compliance_percent',
  'change_percentage_points',
  'p_value',
  'change_verdict',
] as const

export { csvField, csvLine, type CsvValue } from '../csv'

/** A fraction as a percentage with at most `digits` decimals and no binary noise (0.99871 → 99.871). */
export function percentFigure(fraction: number | null, digits = 4): number | null {
  if (fraction === null || !Number.isFinite(fraction)) return null
  return Number((fraction * 100).toFixed(digits))
}

function pValueFigure(p: number | null): number | null {
  return p === null ? null : Number(p.toPrecision(3))
}

export interface CsvReportMeta {
  period: string
  periodStart: Date
  periodEnd: Date
  timezone: string
}

export function reportToCsv(meta: CsvReportMeta, data: ReportData): string {
  const rows = data.slos.map((s): CsvValue[] => [
    meta.period,
    meta.periodStart.toISOString(),
    meta.periodEnd.toISOString(),
    meta.timezone,
    s.key,
    s.name,
    s.service,
    s.workflow ?? '',
    percentFigure(s.target),
    percentFigure(s.compliance),
    s.good,
    s.total,
    s.met,
    percentFigure(s.budgetUsed, 2),
    s.violations,
    s.incidents,
    s.mttrMinutes === null ? null : Math.round(s.mttrMinutes),
    percentFigure(s.previous?.compliance ?? null),
    percentFigure(s.change.compliance),
    pValueFigure(s.change.pValue),
    s.change.verdict,
  ])
  return csvDocument(REPORT_CSV_COLUMNS, rows)
}

/** "wardroom-sla-weekly-2026-03-02.csv": the period and its first local day. */
export function reportCsvFilename(report: { period: string; periodStart: Date; timezone: string }): string {
  return `wardroom-sla-${report.period}-${periodSlug(report.periodStart, report.timezone)}.csv`
}
