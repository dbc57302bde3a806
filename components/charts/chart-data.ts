/**
 * Shaping plain typed series for the charts: epoch x values, percentages, summaries and time labels (the
 * SLO axis domains live in components/slo/charts/slo-chart-data.ts). Pure and deterministic (the data
 * tables are rendered on the server and hydrated in the browser, so times are spelled out from numeric
 * parts rather than left to each ICU's punctuation).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const HOUR_MS = 3_600_000

export function toEpoch(t: string): number {
  return new Date(t).getTime()
}

/** A fraction as a percentage without float noise (0.9987 → 99.87); null stays null. */
export function toPercent(fraction: number | null | undefined): number | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return null
  return Number((fraction * 100).toFixed(6))
}

export function hasValues(values: readonly (number | null | undefined)[]): boolean {
  return values.some((v) => v !== null && v !== undefined && Number.isFinite(v))
}

/** The finite numbers of a series, gaps dropped. */
export function finite(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v))
}

export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const partFormatters = new Map<string, Intl.DateTimeFormat>()

export function localParts(ms: number, timeZone: string): LocalParts {
  let f = partFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
    partFormatters.set(timeZone, f)
  }
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0 }
  for (const p of f.formatToParts(new Date(ms))) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute') out[p.type] = Number(p.value)
  }
  // Some engines write midnight as 24 even with h23.
  if (out.hour === 24) out.hour = 0
  return out
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "2 Mar", "14:00" or "2 Mar 14:00" in `timeZone`. */
export function formatChartTime(ms: number, timeZone: string, style: 'day' | 'time' | 'day-time' | 'full'): string {
  const p = localParts(ms, timeZone)
  const day = `${p.day} ${MONTHS[p.month - 1]}`
  const time = `${pad(p.hour)}:${pad(p.minute)}`
  if (style === 'day') return day
  if (style === 'time') return time
  if (style === 'day-time') return `${day} ${time}`
  return `${day} ${p.year} ${time}`
}

/** Axis ticks: times of day for a span up to a day and a half, dates beyond. */
export function axisTimeStyle(spanMs: number): 'time' | 'day' {
  return spanMs <= 36 * HOUR_MS ? 'time' : 'day'
}

/** Table rows: with the time unless every point falls on local midnight (daily buckets). */
export function tableTimeStyle(xs: readonly number[], timeZone: string): 'full' | 'date' {
  return xs.length > 0 && xs.every((x) => {
    const p = localParts(x, timeZone)
    return p.hour === 0 && p.minute === 0
  })
    ? 'date'
    : 'full'
}

export function formatTableTime(ms: number, timeZone: string, style: 'full' | 'date'): string {
  const p = localParts(ms, timeZone)
  return style === 'date' ? `${p.day} ${MONTHS[p.month - 1]} ${p.year}` : formatChartTime(ms, timeZone, 'full')
}

/** "2026-03-02" (a calendar day with no zone) as the epoch of its UTC midnight, and back as "2 Mar". */
export function dayToEpoch(day: string): number {
  return Date.parse(`${day.slice(0, 10)}T00:00:00Z`)
}

export function formatDay(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number]
  return `${d} ${MONTHS[m - 1]} ${y}`
}

export function spanOf(xs: readonly number[]): number {
  return xs.length < 2 ? 0 : Math.max(...xs) - Math.min(...xs)
}

export interface SeriesSummary {
  latest: number | null
  min: number | null
  max: number | null
}

export function summarise(values: readonly (number | null)[]): SeriesSummary {
  const v = finite(values)
  const latest = [...values].reverse().find((x): x is number => x !== null && Number.isFinite(x)) ?? null
  return { latest, min: v.length ? Math.min(...v) : null, max: v.length ? Math.max(...v) : null }
}
