/**
 * The burn-rate chart's data, pure: its four series in window order, the threshold lines, the rows it
 * plots (with the true rates kept beside the plotted ones, so the tooltip never shows the log floor as a
 * rate) and the order of tooltip entries.
 */
import type { BurnRatePoint } from '@/lib/slo/types'
import { BURN_WINDOW_MINUTES } from '@/lib/slo/windows'
import { formatFactor } from '@/lib/slo/display'
import { toEpoch } from '@/components/charts/chart-data'
import { CHART } from '@/components/charts/chart-theme'
import { scaleBurnRate } from './slo-chart-data'

/** The four long alert windows, shortest first: the order of the legend, the table and the tooltip. */
export const BURN_SERIES = [
  { key: 'r1h', label: '1 h', minutes: BURN_WINDOW_MINUTES['1h'] },
  { key: 'r6h', label: '6 h', minutes: BURN_WINDOW_MINUTES['6h'] },
  { key: 'r1d', label: '1 d', minutes: BURN_WINDOW_MINUTES['1d'] },
  { key: 'r3d', label: '3 d', minutes: BURN_WINDOW_MINUTES['3d'] },
] as const

export type BurnKey = (typeof BURN_SERIES)[number]['key']

export interface BurnRateThresholds {
  /** [1 h rule, 6 h rule], scaled to the SLO's window. */
  page: readonly [number, number]
  /** [1 d rule, 3 d rule]. */
  ticket: readonly [number, number]
}

export interface ThresholdLine {
  key: string
  value: number
  label: string
  /** The factor alone, for a plot too narrow for the label (the legend says which colour is which rule). */
  short: string
  color: string
  dash: string
  /** Where its label prefers to sit; page labels right, ticket labels left, as the lines pair up that way. */
  side: 'left' | 'right'
}

/** The four threshold lines, each belonging to the long window of one alert rule. */
export function thresholdLines(t: BurnRateThresholds): ThresholdLine[] {
  const page = { color: CHART.page, dash: '6 4', side: 'right' as const }
  const ticket = { color: CHART.ticket, dash: '2 3', side: 'left' as const }
  return [
    { key: 'page-1h', value: t.page[0], short: formatFactor(t.page[0]), label: `Page · 1 h over ${formatFactor(t.page[0])}`, ...page },
    { key: 'page-6h', value: t.page[1], short: formatFactor(t.page[1]), label: `Page · 6 h over ${formatFactor(t.page[1])}`, ...page },
    { key: 'ticket-1d', value: t.ticket[0], short: formatFactor(t.ticket[0]), label: `Ticket · 1 d over ${formatFactor(t.ticket[0])}`, ...ticket },
    { key: 'ticket-3d', value: t.ticket[1], short: formatFactor(t.ticket[1]), label: `Ticket · 3 d over ${formatFactor(t.ticket[1])}`, ...ticket },
  ]
}

export type BurnRateRow = { x: number; raw: Record<BurnKey, number | null> } & Record<BurnKey, number | null>

/** Rows to plot: epoch x, each window's rate ready for the scale, and the true rates under `raw`. */
export function shapeBurnRates(points: readonly BurnRatePoint[], log: boolean): BurnRateRow[] {
  return points.map((p) => ({
    x: toEpoch(p.t),
    r1h: scaleBurnRate(p.r1h, log),
    r6h: scaleBurnRate(p.r6h, log),
    r1d: scaleBurnRate(p.r1d, log),
    r3d: scaleBurnRate(p.r3d, log),
    raw: { r1h: p.r1h, r6h: p.r6h, r1d: p.r1d, r3d: p.r3d },
  }))
}

/**
 * Sort key of a tooltip entry: its window's length in minutes (1 h, 6 h, 1 d, 3 d). Recharts sorts by name
 * unless told otherwise, which read "1 d, 1 h, 3 d, 6 h". Unknown entries go last.
 */
export function windowLengthOf(dataKey: unknown): number {
  return BURN_SERIES.find((s) => s.key === dataKey)?.minutes ?? Number.MAX_SAFE_INTEGER
}

/** The true rate behind a tooltip entry (the plotted one may sit on the log floor). */
export function rawRateOf(row: unknown, dataKey: unknown): number | null {
  if (!row || typeof row !== 'object' || !('raw' in row)) return null
  const raw = (row as BurnRateRow).raw
  const v = BURN_SERIES.some((s) => s.key === dataKey) ? raw[dataKey as BurnKey] : null
  return typeof v === 'number' ? v : null
}

/** When and how high the highest rate of a series of points was. */
export function peakOf(points: readonly BurnRatePoint[]): { rate: number; t: string } | null {
  let best: { rate: number; t: string } | null = null
  for (const p of points) {
    for (const s of BURN_SERIES) {
      const v = p[s.key]
      if (v !== null && Number.isFinite(v) && (!best || v > best.rate)) best = { rate: v, t: p.t }
    }
  }
  return best
}
