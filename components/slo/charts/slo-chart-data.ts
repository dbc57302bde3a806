/**
 * Axis domains of the SLO charts: compliance (zoomed to the target), budget left (always through 0 and 100)
 * and burn rates (every alert threshold in view, with a floor for the log scale). Pure.
 */
import { finite } from '@/components/charts/chart-data'
import { formatFactor } from '@/lib/slo/display'

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

/** The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (× a power of ten) at or above `x`; `steps` narrows the choice. */
export function niceCeil(x: number, steps: readonly number[] = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8]): number {
  if (!(x > 0)) return 1
  const p = 10 ** Math.floor(Math.log10(x))
  for (const s of [...steps, 10]) if (Number((s * p).toPrecision(12)) >= x) return Number((s * p).toPrecision(12))
  return 10 * p
}

/**
 * y range of the burn-rate chart; every threshold stays in view.
 * - log: from the floor to a 1-2-5 value with air above the highest rate or threshold.
 * - linear: up to at most twice the highest threshold, so a spike of 100× cannot squash the 1×–14.4×
 *   thresholds into the bottom strip; anything higher is off scale (drawn clipped and said so).
 */
export function burnRateDomain(values: readonly (number | null)[], thresholds: readonly number[], log: boolean): [number, number] {
  const highestThreshold = Math.max(...thresholds, 1)
  const max = Math.max(...finite(values), highestThreshold)
  if (log) return [LOG_FLOOR, niceCeil(max * 1.3, [1, 2, 5])]
  return [0, niceCeil(Math.min(max * 1.15, highestThreshold * 2))]
}

/** Gridlines: each power of ten on a log axis (0.01×, 0.1×, 1×, 10×, …); four or five even steps on a linear one. */
export function burnRateTicks([lo, hi]: [number, number], log: boolean): number[] {
  const out: number[] = []
  if (log) {
    for (let e = Math.ceil(Math.log10(lo) - 1e-9); 10 ** e <= hi * (1 + 1e-9); e++) out.push(Number((10 ** e).toPrecision(12)))
    return out
  }
  const step = niceCeil(hi / 5, [1, 2, 2.5, 5])
  for (let i = 0; i * step <= hi * (1 + 1e-9); i++) out.push(Number((i * step).toPrecision(12)))
  return out
}

/** A y tick: the log floor reads "≤0.01×" because zero and anything below the floor are drawn on it. */
export function formatBurnTick(value: number, log: boolean): string {
  return log && value <= LOG_FLOOR ? `≤${formatFactor(LOG_FLOOR)}` : formatFactor(value)
}

/** The highest rate when it lies above the axis (drawn clipped at the top), else null. */
export function offScalePeak(values: readonly (number | null)[], [, hi]: [number, number]): number | null {
  const v = finite(values)
  const peak = v.length ? Math.max(...v) : null
  return peak !== null && peak > hi ? peak : null
}
