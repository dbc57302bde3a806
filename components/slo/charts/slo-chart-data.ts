/**
 * Axis domains of the SLO charts: compliance (zoomed to the target), budget left (always through 0 and 100)
 * and burn rates (every alert threshold in view, with a floor for the log scale). Pure.
 */
import { finite } from '@/components/charts/chart-data'

export const LOG_FLOOR = 0.01

const NICE_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25]

/**
 * The y range of a compliance chart, in percent: up to 100, down far enough to show both the lowest value
 * and the target with a little air, rounded to a step that gives at most six gridlines.
 */
export function complianceDomain(valuesPct: readonly (number | null)[], targetPct: number): [number, number] {
  const low = Math.min(targetPct, ...finite(valuesPct))
  const span = Math.max(100 - low, 0.05)
  const padded = Math.max(0, low - span * 0.2)
  const step = NICE_STEPS.find((s) => (100 - padded) / s <= 6) ?? 25
  return [Math.max(0, Number((Math.floor(padded / step) * step).toFixed(4))), 100]
}

/** Budget left, in percent: always shows 0 (exhausted) and 100 (untouched), and further, by quarters, when beyond either. */
export function budgetDomain(valuesPct: readonly (number | null)[]): [number, number] {
  const v = finite(valuesPct)
  const min = Math.min(0, ...v)
  const max = Math.max(100, ...v)
  return [Math.floor(min / 25) * 25, Math.ceil(max / 25) * 25]
}

/** Gridlines every 25 % (every 50 % or more when overspending stretches the axis), always through 0. */
export function budgetTicks([lo, hi]: [number, number]): number[] {
  const step = (hi - lo) / 25 > 8 ? 50 * Math.ceil((hi - lo) / 400) : 25
  const out: number[] = []
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(t)
  return out
}

/** A burn rate ready for the chosen scale: a log axis cannot show 0, so values below the floor sit on it. */
export function scaleBurnRate(rate: number | null, log: boolean): number | null {
  if (rate === null || !Number.isFinite(rate)) return null
  return log ? Math.max(rate, LOG_FLOOR) : rate
}

/** y range of the burn-rate chart: every threshold stays in view. */
export function burnRateDomain(values: readonly (number | null)[], thresholds: readonly number[], log: boolean): [number, number] {
  const max = Math.max(...finite(values), ...thresholds, 1)
  if (log) return [LOG_FLOOR, 10 ** Math.ceil(Math.log10(max * 1.2))]
  return [0, Math.ceil(max * 1.15)]
}
