/**
 * How the funnel page says its figures: suppressed counts as "<11" (with the reason in words nearby),
 * percentages, durations, breakdowns and order modes in the product's words, and the report shaped for the
 * bar chart and the time-to-convert histogram. Pure, shared by server and client components.
 */
import { formatDuration, formatNumber, formatPercent, NOT_AVAILABLE } from '@/lib/format'
import type { FunnelBreakdown, FunnelQuery, FunnelReport, FunnelSeries, TimeToConvertBucket } from '@/lib/analytics/funnel-query'
import type { OrderMode } from '@/lib/analytics/workflow-schema'

/** A count of people, or "<11" when it is suppressed (k-anonymity). */
export function peopleText(users: number | null, k: number): string {
  return users === null ? `<${k}` : formatNumber(users)
}

/** A rate: "75.0%", "<11" when a count behind it is suppressed, "n/a" when there is nothing to divide by. */
export function rateText(rate: number | null, suppressed: boolean, k: number): string {
  if (rate === null) return suppressed ? `<${k}` : formatPercent(null)
  return formatPercent(rate, 1)
}

/** "3 groups with fewer than 11 people are not shown." (empty when none are hidden). */
export function hiddenGroupsSentence(hidden: number, k: number): string {
  if (hidden <= 0) return ''
  return hidden === 1 ? `1 group with fewer than ${k} people is not shown.` : `${formatNumber(hidden)} groups with fewer than ${k} people are not shown.`
}

/** Why cells read "<11", once per page section that shows one. */
export function kAnonymityNote(k: number): string {
  return `Figures about fewer than ${k} people read “<${k}”: they are suppressed so that nobody in a small team can be singled out (k-anonymity). Rates built on them are suppressed too.`
}

export const BREAKDOWN_LABELS: Record<FunnelBreakdown['kind'], string> = {
  none: 'No breakdown',
  role: 'Role',
  department: 'Department',
  site: 'Site',
  appVersion: 'App version',
  flag: 'Flag variant (experiment)',
}

export const ORDER_MODE_LABELS: Record<OrderMode, string> = { ordered: 'In order', strict: 'Strict order', any: 'Any order' }

/** One line per order mode, shown under the choice. */
export const ORDER_MODE_HINTS: Record<OrderMode, string> = {
  ordered: 'The steps happen in this order; other events may come between them.',
  strict: 'The steps happen in this order with no other event of this funnel between two steps.',
  any: 'All the steps happen within the window, in any order.',
}

/** The name of a breakdown group in words ("(none)" is the engine's key for events without the value). */
export function groupName(key: string, breakdown: FunnelBreakdown): string {
  if (key === '(none)') return breakdown.kind === 'flag' ? 'No variant' : `No ${BREAKDOWN_LABELS[breakdown.kind].toLowerCase()}`
  if (key === '(not exposed)') return 'Not exposed'
  if (key === 'all') return 'Everyone'
  return key
}

/** Whether a series has anyone in it (an all-zero funnel is "no data", not a chart of zeros). */
export function hasPeople(report: FunnelReport): boolean {
  return report.overall.started !== 0
}

export interface FunnelChartSeries {
  /** The data key of the series' bars in each row (`g0`, `g1`, …). */
  dataKey: string
  name: string
  color: string
}

export type FunnelChartRow = { step: string; index: number } & Record<string, number | string | null>

/**
 * One palette for the groups of a breakdown, from the design tokens (colour is never the only cue: the
 * legend, the tooltip and the table name every group). Groups past the palette's length wrap around, and
 * the table one click away tells them apart.
 */
export const GROUP_COLORS = [
  'var(--color-accent)',
  'var(--color-low)',
  'var(--color-medium)',
  'var(--color-ink-muted)',
  'var(--color-ink)',
  'var(--color-low-border)',
  'var(--color-critical)',
  'var(--color-line-strong)',
] as const

/**
 * Rows for the bar chart: one per step, each series' users under `gN` and its conversion from the start
 * under `gN_pct` (for the labels). Without a breakdown there is one series, everyone; with one, a series
 * per shown group.
 */
export function funnelChartData(report: FunnelReport): { rows: FunnelChartRow[]; series: FunnelChartSeries[] } {
  const shown: FunnelSeries[] = report.groups.length > 0 ? report.groups : [report.overall]
  const series = shown.map((s, i) => ({ dataKey: `g${i}`, name: groupName(s.key, report.query.breakdown), color: GROUP_COLORS[i % GROUP_COLORS.length]! }))
  const rows = report.overall.steps.map((step, index) => {
    const row: FunnelChartRow = { step: `${step.step}. ${step.label}`, index }
    shown.forEach((s, i) => {
      const cell = s.steps[index]
      row[`g${i}`] = cell?.users ?? null
      row[`g${i}_pct`] = cell?.conversion ?? null
    })
    return row
  })
  return { rows, series }
}

/** "<1 min", "1–5 min", "15 min–1 h": a time-to-convert bucket's bounds in words. */
export function bucketLabel(b: Pick<TimeToConvertBucket, 'fromMs' | 'toMs'>): string {
  if (b.fromMs <= 0) return `<${formatDuration(b.toMs)}`
  const [from, to] = [formatDuration(b.fromMs), formatDuration(b.toMs)]
  // "1 min–5 min" reads better as "1–5 min" when both end in the same unit.
  const unit = (s: string) => s.match(/^\d+ (\w+)$/)?.[1]
  return unit(from) && unit(from) === unit(to) ? `${from.split(' ')[0]}–${to}` : `${from}–${to}`
}

/** The bucket a duration falls in ([from, to)), for marking the median and 90th percentile on the histogram. */
export function bucketIndexOf(ms: number | null, buckets: readonly Pick<TimeToConvertBucket, 'fromMs' | 'toMs'>[]): number | null {
  if (ms === null) return null
  const i = buckets.findIndex((b) => ms >= b.fromMs && ms < b.toMs)
  if (i >= 0) return i
  return buckets.length > 0 && ms >= buckets.at(-1)!.toMs ? buckets.length - 1 : null
}

export function durationText(ms: number | null): string {
  return ms === null ? NOT_AVAILABLE : formatDuration(ms)
}

const shortDay = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(d)

/** "Last 7 days · 1 h window · in order · by department": what the funnel shown counts, in a line. */
export function funnelDescription(query: FunnelQuery, days: number | null, timeZone: string): string {
  const range = days !== null ? `Last ${days} days` : `${shortDay(query.from, timeZone)} to ${shortDay(new Date(query.to.getTime() - 1), timeZone)}`
  const parts = [range, `${formatDuration(query.conversionWindowMs)} window`, ORDER_MODE_LABELS[query.orderMode].toLowerCase()]
  if (query.exclusions.length > 0) parts.push(`${query.exclusions.length} exclusion ${query.exclusions.length === 1 ? 'step' : 'steps'}`)
  const b = query.breakdown
  if (b.kind !== 'none') parts.push(b.kind === 'flag' ? `by variant of ${b.experiment}` : `by ${BREAKDOWN_LABELS[b.kind].toLowerCase()}`)
  return parts.join(' · ')
}
