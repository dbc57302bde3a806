/**
 * The processing-SLA report: for the items that arrived in a range, per priority, how many were triaged in
 * time (met), late (breached) or not yet (open, of which overdue), and the median time to triage of the
 * triaged ones. Duplicates merged on arrival are left out (the merge triaged them; their parent carries the
 * work). Pure: the query passes the rows and `now`.
 */
import { FEEDBACK_PRIORITIES, type FeedbackPriority } from './schema'
import { slaState } from './sla'

export interface SlaRow {
  priority: FeedbackPriority
  createdAt: Date
  slaDueAt: Date
  triagedAt: Date | null
}

export interface SlaReportLine {
  priority: FeedbackPriority
  total: number
  met: number
  breached: number
  open: number
  overdue: number
  /** Share of triaged items triaged in time, 0–1; null when none was triaged. */
  metShare: number | null
  /** Median of triagedAt − createdAt over the triaged items, ms; null when none. */
  medianTriageMs: number | null
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export function slaReport(rows: readonly SlaRow[], now: Date): SlaReportLine[] {
  return FEEDBACK_PRIORITIES.map((priority) => {
    const mine = rows.filter((r) => r.priority === priority)
    const line = { priority, total: mine.length, met: 0, breached: 0, open: 0, overdue: 0 }
    const waits: number[] = []
    for (const r of mine) {
      const state = slaState(r.slaDueAt, r.triagedAt, now)
      if (state === 'met') line.met++
      else if (state === 'breached') line.breached++
      else {
        line.open++
        if (state === 'overdue') line.overdue++
      }
      if (r.triagedAt) waits.push(r.triagedAt.getTime() - r.createdAt.getTime())
    }
    const triaged = line.met + line.breached
    return { ...line, metShare: triaged ? line.met / triaged : null, medianTriageMs: median(waits) }
  })
}

export const SLA_CSV_COLUMNS = ['priority', 'items', 'met', 'breached', 'open', 'overdue', 'met_percent', 'median_minutes_to_triage'] as const

/** The report as CSV rows (csvDocument in lib/csv.ts writes them): percent to 0.1, minutes to 1. */
export function slaCsvRows(lines: readonly SlaReportLine[]): (string | number | null)[][] {
  return lines.map((l) => [
    l.priority,
    l.total,
    l.met,
    l.breached,
    l.open,
    l.overdue,
    l.metShare === null ? null : Math.round(l.metShare * 1000) / 10,
    l.medianTriageMs === null ? null : Math.round(l.medianTriageMs / 60_000),
  ])
}
