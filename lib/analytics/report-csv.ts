/**
 * The tables of a funnel report as CSV rows (the page's "Download CSV" links and
 * GET /api/analytics/funnel/export): the steps of the whole population and of each breakdown group, the
 * time-to-convert buckets, and the people lost at a step with their sessions. Pure. A suppressed figure
 * (fewer than k people, k-anonymity.ts) is an empty field, and the row's `suppressed` column names the
 * fields left empty for that reason, so an empty field is never mistaken for zero or for "not applicable".
 */
import type { CsvValue } from '../csv'
import type { DropOffList, FunnelReport, FunnelSeries } from './funnel-query'

export type FunnelCsvTable = 'steps' | 'time' | 'dropoffs'
export const FUNNEL_CSV_TABLES: readonly FunnelCsvTable[] = ['steps', 'time', 'dropoffs']

export interface CsvTable {
  columns: readonly string[]
  rows: CsvValue[][]
}

/** Ratios to 4 decimals (0.6667), the precision a spreadsheet needs without float noise. */
const ratio = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000)
const ms = (v: number | null) => (v === null ? null : Math.round(v))
const names = (fields: (string | false)[]) => fields.filter((f): f is string => f !== false).join('; ')

function seriesRows(series: FunnelSeries): CsvValue[][] {
  return series.steps.map((s, i) => {
    const previous = i === 0 ? s.users : (series.steps[i - 1]?.users ?? null)
    const suppressed = names([
      s.users === null && 'users',
      s.conversion === null && (s.users === null || series.started === null) && 'conversion_from_start',
      s.stepConversion === null && (s.users === null || previous === null) && 'conversion_from_previous',
      s.dropOff === null && 'drop_off',
      i > 0 && s.medianFromPreviousMs === null && s.users === null && 'median_from_previous_ms',
    ])
    return [series.key, s.step, s.event, s.label, s.users, ratio(s.conversion), ratio(s.stepConversion), s.dropOff, ms(s.medianFromPreviousMs), suppressed]
  })
}

/** Every step of the whole population ("all"), then of each shown breakdown group. */
export function stepsCsv(report: FunnelReport): CsvTable {
  return {
    columns: ['group', 'step', 'event', 'label', 'users', 'conversion_from_start', 'conversion_from_previous', 'drop_off', 'median_from_previous_ms', 'suppressed'],
    rows: [report.overall, ...report.groups].flatMap(seriesRows),
  }
}

/** The time-to-convert histogram's buckets, [from, to) in milliseconds from the first step to the last. */
export function timeCsv(report: FunnelReport): CsvTable {
  return {
    columns: ['from_ms', 'to_ms', 'users', 'suppressed'],
    rows: report.timeToConvert.buckets.map((b) => [b.fromMs, b.toMs, b.users, b.users === null ? 'users' : '']),
  }
}

/**
 * The people lost at a step, one row per session of each (a person without a session in the range has one
 * row with empty session fields). When fewer than k were lost, one row says so and names nobody.
 */
export function dropOffsCsv(list: DropOffList): CsvTable {
  const columns = ['step', 'lost', 'person', 'reached_step', 'chain_started_at', 'session_started_at', 'session_ended_at', 'session_event_count', 'session_events', 'suppressed']
  if (list.lost === null) return { columns, rows: [[list.step, null, null, null, null, null, null, null, null, 'lost; person']] }
  const rows = list.people.flatMap((p) => {
    const lead = [list.step, list.lost, p.person, p.reachedStep, p.startedAt]
    if (p.sessions.length === 0) return [[...lead, null, null, null, null, '']]
    return p.sessions.map((s) => [...lead, s.startedAt, s.endedAt, s.eventCount, s.events.join(' > '), ''])
  })
  return { columns, rows }
}

/** "funnel-diagnosis_workflow-steps-2030-03-04-to-2030-03-11.csv": what, which and when, for the Downloads folder. */
export function funnelCsvFilename(report: Pick<FunnelReport, 'query'>, table: FunnelCsvTable, step?: number): string {
  const day = (d: Date) => d.toISOString().slice(0, 10)
  const what = table === 'dropoffs' ? `dropoffs-step-${step ?? 0}` : table
  return `funnel-${report.query.workflow ?? 'custom'}-${what}-${day(report.query.from)}-to-${day(report.query.to)}.csv`
}
