/**
 * Time-axis ticks of the SLO charts, chosen by the range shown: whole local hours for a day (24 h → every
 * 3 hours), local midnights for longer ranges (7 d → one per day, 30 d → every 5 days, 90 d → every
 * 2 weeks). Left to itself the chart spaces ticks evenly in milliseconds (every 1.4 days on a week) and
 * labels each with its date, so a date could show twice and midnights never line up. Pure; times follow the
 * viewer's zone, DST included.
 */
import { formatChartTime, localParts } from '@/components/charts/chart-data'
import { zonedTimeToUtc } from '@/lib/time'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** At most this many labels fit under a half-width chart (about 60 px each). */
export const MAX_TIME_TICKS = 8

/** Steps in local hours, then in local days; the first that gives at most `maxTicks` ticks is used. */
const HOUR_STEPS = [1, 2, 3, 4, 6, 12] as const
const DAY_STEPS = [1, 2, 3, 5, 7, 14, 28] as const

export interface TimeTick {
  value: number
  label: string
}

export type TimeStep = { unit: 'hour' | 'day'; size: number }

/** Local calendar days from `fromMs` to `toMs` (inclusive), as [year, month, day]. */
function localDays(fromMs: number, toMs: number, timeZone: string): [number, number, number][] {
  const first = localParts(fromMs, timeZone)
  const out: [number, number, number][] = []
  for (let i = 0; ; i++) {
    const d = new Date(Date.UTC(first.year, first.month - 1, first.day + i))
    const day: [number, number, number] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
    if (zonedTimeToUtc(timeZone, { year: day[0], month: day[1], day: day[2], hour: 0, minute: 0 }).getTime() > toMs) break
    out.push(day)
  }
  return out
}

/**
 * Days since Monday 1970-01-05 of a calendar date, so day steps line up the same way whatever the range
 * (weekly and fortnightly ticks fall on Mondays).
 */
const dayNumber = ([y, m, d]: [number, number, number]) => Date.UTC(y, m - 1, d) / DAY_MS - 4

/** The instants of a step inside [fromMs, toMs]: whole local hours divisible by the step, or local midnights of days divisible by it. */
export function tickInstants(fromMs: number, toMs: number, timeZone: string, step: TimeStep): number[] {
  const out = new Set<number>()
  for (const day of localDays(fromMs, toMs, timeZone)) {
    if (step.unit === 'day' && ((dayNumber(day) % step.size) + step.size) % step.size !== 0) continue
    const hours = step.unit === 'day' ? [0] : Array.from({ length: 24 / step.size }, (_, i) => i * step.size)
    for (const hour of hours) {
      const t = zonedTimeToUtc(timeZone, { year: day[0], month: day[1], day: day[2], hour, minute: 0 }).getTime()
      // A wall time skipped by a DST change resolves past the gap: it is no longer on the step.
      if (t >= fromMs && t <= toMs && localParts(t, timeZone).hour === hour) out.add(t)
    }
  }
  return [...out].sort((a, b) => a - b)
}

/** The finest step that keeps the axis within `maxTicks` labels. */
export function chooseTimeStep(spanMs: number, maxTicks = MAX_TIME_TICKS): TimeStep {
  // A range of up to a day and a half reads best in hours; beyond, in days (as the table and tooltip do).
  if (spanMs <= 36 * HOUR_MS) {
    const size = HOUR_STEPS.find((s) => spanMs / (s * HOUR_MS) <= maxTicks) ?? 12
    return { unit: 'hour', size }
  }
  const size = DAY_STEPS.find((s) => spanMs / (s * DAY_MS) <= maxTicks) ?? 28
  return { unit: 'day', size }
}

/**
 * Ticks and their labels for a time axis from `fromMs` to `toMs`: dates ("3 Dec") for day steps; times
 * ("15:00") for hour steps, with the date at midnight so a day boundary shows. Labels are unique: should two
 * read the same (a range of exactly 24 hours starts and ends at the same time of day), both carry the date.
 */
export function timeTicks(fromMs: number, toMs: number, timeZone: string, maxTicks = MAX_TIME_TICKS): TimeTick[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) return []
  const step = chooseTimeStep(toMs - fromMs, maxTicks)
  const ticks = tickInstants(fromMs, toMs, timeZone, step).map((value) => {
    const p = localParts(value, timeZone)
    const style = step.unit === 'day' || (p.hour === 0 && p.minute === 0) ? 'day' : 'time'
    return { value, label: formatChartTime(value, timeZone, style) }
  })
  const seen = new Map<string, number>()
  for (const t of ticks) seen.set(t.label, (seen.get(t.label) ?? 0) + 1)
  return ticks.map((t) => ((seen.get(t.label) ?? 0) > 1 ? { value: t.value, label: formatChartTime(t.value, timeZone, 'day-time') } : t))
}

/** Props for Recharts' XAxis: the tick values and a formatter that reads their labels. */
export function timeTickProps(xs: readonly number[], timeZone: string): { ticks: number[]; tickFormatter: (v: number) => string } {
  const ticks = xs.length ? timeTicks(Math.min(...xs), Math.max(...xs), timeZone) : []
  const labels = new Map(ticks.map((t) => [t.value, t.label]))
  return { ticks: ticks.map((t) => t.value), tickFormatter: (v: number) => labels.get(v) ?? formatChartTime(v, timeZone, 'day-time') }
}
