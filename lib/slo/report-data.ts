/**
 * The content of a stored SLA report (SlaReport.data) and how it is composed from two periods' figures.
 * Pure and client-safe: the report page, the CSV and the e-mail all read this one shape.
 */
import { z } from 'zod'
import type { PeriodFigure } from './types'
import { twoProportionZTest } from './stats'

export const REPORT_DATA_VERSION = 1

const Figures = z.object({
  good: z.number(),
  total: z.number(),
  compliance: z.number().nullable(),
  budgetUsed: z.number().nullable(),
  violations: z.number().int(),
  incidents: z.number().int(),
  mttrMinutes: z.number().nullable(),
})
export type ReportFigures = z.infer<typeof Figures>

export const CHANGE_VERDICTS = ['better', 'worse', 'no_significant_change', 'too_few_events', 'no_previous_data'] as const
export type ChangeVerdict = (typeof CHANGE_VERDICTS)[number]

export const ReportRow = Figures.extend({
  key: z.string(),
  name: z.string(),
  service: z.string(),
  workflow: z.string().nullable(),
  target: z.number(),
  budgeting: z.string(),
  /** Compliance met the target in the period; null without events. */
  met: z.boolean().nullable(),
  previous: Figures.nullable(),
  change: z.object({
    /** Compliance now minus compliance before, as a fraction (0.001 = 0.1 percentage points). */
    compliance: z.number().nullable(),
    z: z.number().nullable(),
    pValue: z.number().nullable(),
    verdict: z.enum(CHANGE_VERDICTS),
  }),
})
export type ReportRow = z.infer<typeof ReportRow>

export const ReportData = z.object({
  version: z.literal(REPORT_DATA_VERSION),
  previousStart: z.iso.datetime(),
  previousEnd: z.iso.datetime(),
  summary: z.object({
    objectives: z.number().int(),
    met: z.number().int(),
    missed: z.number().int(),
    noData: z.number().int(),
    violations: z.number().int(),
  }),
  slos: z.array(ReportRow),
})
export type ReportData = z.infer<typeof ReportData>

function figuresOf(f: PeriodFigure): ReportFigures {
  return {
    good: f.good,
    total: f.total,
    compliance: f.compliance,
    budgetUsed: f.budgetUsed,
    violations: f.violations,
    incidents: f.incidents,
    mttrMinutes: f.mttrMinutes,
  }
}

/** Compares a period with the one before: the compliance difference and, where the counts allow, a z-test. */
export function compareFigures(current: ReportFigures, previous: ReportFigures | null): ReportRow['change'] {
  if (!previous || previous.compliance === null || current.compliance === null) {
    return { compliance: null, z: null, pValue: null, verdict: 'no_previous_data' }
  }
  const difference = current.compliance - previous.compliance
  const test = twoProportionZTest(current.good, current.total, previous.good, previous.total)
  if (!test) return { compliance: difference, z: null, pValue: null, verdict: 'too_few_events' }
  const verdict: ChangeVerdict = !test.significant ? 'no_significant_change' : test.difference > 0 ? 'better' : 'worse'
  return { compliance: difference, z: test.z, pValue: test.pValue, verdict }
}

/** Worst first: missed targets, then no data, then met; within each, the lowest compliance relative to target. */
function severityOrder(row: ReportRow): number {
  return row.met === false ? 0 : row.met === null ? 1 : 2
}

export function composeReport(current: readonly PeriodFigure[], previous: readonly PeriodFigure[], previousRange: { start: Date; end: Date }): ReportData {
  const before = new Map(previous.map((f) => [f.key, f]))
  const slos: ReportRow[] = current.map((f) => {
    const now = figuresOf(f)
    const prior = before.get(f.key)
    const prev = prior ? figuresOf(prior) : null
    return {
      ...now,
      key: f.key,
      name: f.name,
      service: f.service,
      workflow: f.workflow,
      target: f.target,
      budgeting: f.budgeting,
      met: f.compliance === null ? null : f.compliance >= f.target,
      previous: prev,
      change: compareFigures(now, prev),
    }
  })
  slos.sort(
    (a, b) =>
      severityOrder(a) - severityOrder(b) ||
      (a.compliance ?? 1) - a.target - ((b.compliance ?? 1) - b.target) ||
      a.name.localeCompare(b.name),
  )
  return {
    version: REPORT_DATA_VERSION,
    previousStart: previousRange.start.toISOString(),
    previousEnd: previousRange.end.toISOString(),
    summary: {
      objectives: slos.length,
      met: slos.filter((s) => s.met === true).length,
      missed: slos.filter((s) => s.met === false).length,
      noData: slos.filter((s) => s.met === null).length,
      violations: slos.reduce((n, s) => n + s.violations, 0),
    },
    slos,
  }
}

/** Reads stored report data; null when it is not in the shape this version writes. */
export function parseReportData(value: unknown): ReportData | null {
  const parsed = ReportData.safeParse(value)
  return parsed.success ? parsed.data : null
}
