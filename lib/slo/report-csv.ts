/**
 * An SLA report as CSV (RFC 4180): one row per SLO, a header row of stable snake_case names, CRLF line ends,
 * fields quoted when they hold a comma, quote or line break. Pure. csv-stringify writes the rows; the options
 * below fix how numbers, booleans and would-be formulas are written.
 */
import { stringify, type Options } from 'csv-stringify/sync'
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

export type CsvValue = string | number | boolean | null | undefined

const CSV_OPTIONS: Options = {
  record_delimiter: 'windows',
  // Quote any field holding CR or LF, not only the CRLF pair (the default once record_delimiter is set).
  quote_record_delimiter: true,
  // Spreadsheets run a cell that starts with = + - @ tab or CR (or their full-width forms) as a formula: text
  // starting so is prefixed with '. Negative numbers stay numbers.
  escape_formulas: true,
  cast: {
    number: (n) => (Number.isFinite(n) ? String(n) : ''),
    boolean: (b) => (b ? 'true' : 'false'),
  },
}

/** Rows as CSV text, each ended by CRLF; null and undefined are empty fields. */
function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return stringify(rows as CsvValue[][], CSV_OPTIONS)
}

/** One line without its line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return stringify([values as CsvValue[]], { ...CSV_OPTIONS, eof: false })
}

/** One field: numbers as they are, text defused against formula injection and quoted when needed. */
export function csvField(value: CsvValue): string {
  return csvLine([value])
}

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

// A byte-order mark lets Excel, which many executives open CSV files in, read UTF-8 names correctly.
const BOM = '\uFEFF'

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
  return `${BOM}${csvRows([REPORT_CSV_COLUMNS, ...rows])}`
}

/** "wardroom-sla-weekly-2026-03-02.csv": the period and its first local day. */
export function reportCsvFilename(report: { period: string; periodStart: Date; timezone: string }): string {
  return `wardroom-sla-${report.period}-${periodSlug(report.periodStart, report.timezone)}.csv`
}
