/**
 * Trends, the pure part: the daily series rows of "AnalyticsDailySeries" (rollups.ts) shaped into one line
 * per event (or per event and breakdown value) over every day of the range, with k-anonymity applied per
 * cell, and feature adoption per department with its rate. Which figure comes from where:
 * - events and people per day: the rollups (a day's distinct users are exact there, per series);
 * - people over a range (adoption): the raw events, in trends-query.ts, because distinct users do not add
 *   up over days — someone active on five days is one person, not five.
 *
 * k-anonymity: a cell (a day of a series) with 1 to k−1 distinct people is suppressed, its event count
 * too (the issue: "any cell with fewer than k distinct users"). A breakdown adds one more rule: the whole
 * hospital's figure for the same day is one click away, so when a single value of an event's day is
 * suppressed, the smallest other value of that day is suppressed with it (complementary suppression);
 * otherwise the total minus the values shown would give the hidden one back.
 */
import { DEFAULT_MIN_GROUP_SIZE, suppressedRate, suppressSmall } from './k-anonymity'
import type { TrendBreakdown, TrendMeasure } from './trends-schema'

/** One row of "AnalyticsDailySeries" for the chosen events and dimension. */
export interface SeriesRow {
  day: string
  event: string
  /** The breakdown value ('' when not sent, or for the whole hospital). */
  value: string
  events: number
  users: number
}

export interface TrendCell {
  /** null when suppressed. */
  events: number | null
  users: number | null
}

export interface TrendSeries {
  key: string
  event: string
  /** The breakdown value, null without a breakdown. */
  value: string | null
  label: string
  cells: TrendCell[]
  /** The measure per day as plotted (null where suppressed). */
  points: (number | null)[]
  /** The sum of the days shown, for ordering; suppressed days count nothing. */
  shownTotal: number
  suppressedDays: number
}

export interface Trend {
  days: string[]
  measure: TrendMeasure
  breakdown: TrendBreakdown
  series: TrendSeries[]
}

/** How an empty breakdown value reads: the app did not send it. */
export const NOT_SENT = 'Not sent'

export function valueLabel(value: string): string {
  return value === '' ? NOT_SENT : value
}

const keyOf = (event: string, value: string) => `${event}\u0000${value}`

export interface ShapeTrendOptions {
  days: readonly string[]
  events: readonly string[]
  breakdown: TrendBreakdown
  measure: TrendMeasure
  k?: number
}

/**
 * The series of a trend, most first. Without a breakdown every chosen event has a line (zeros where it
 * had no events); with one, every value seen in the range has one.
 */
export function shapeTrend(rows: readonly SeriesRow[], { days, events, breakdown, measure, k = DEFAULT_MIN_GROUP_SIZE }: ShapeTrendOptions): Trend {
  const dayIndex = new Map(days.map((d, i) => [d, i]))
  const raw = new Map<string, { event: string; value: string; counts: { events: number; users: number }[] }>()
  const series = (event: string, value: string) => {
    const key = keyOf(event, value)
    let s = raw.get(key)
    if (!s) raw.set(key, (s = { event, value, counts: days.map(() => ({ events: 0, users: 0 })) }))
    return s
  }
  if (!breakdown) for (const e of events) series(e, '')
  for (const r of rows) {
    const i = dayIndex.get(r.day)
    if (i === undefined || !events.includes(r.event)) continue
    series(r.event, breakdown ? r.value : '').counts[i] = { events: r.events, users: r.users }
  }

  const all = [...raw.entries()]
  const hidden = new Set<string>() // `${key}@${day index}`
  for (const [key, s] of all) s.counts.forEach((c, i) => suppressSmall(c.users, k) === null && hidden.add(`${key}@${i}`))
  if (breakdown) {
    for (const event of events) {
      const group = all.filter(([, s]) => s.event === event)
      days.forEach((_, i) => {
        const inGroup = group.filter(([key]) => hidden.has(`${key}@${i}`))
        if (inGroup.length !== 1) return
        const partner = group
          .filter(([key, s]) => !hidden.has(`${key}@${i}`) && s.counts[i]!.users > 0)
          .sort(([, a], [, b]) => a.counts[i]!.users - b.counts[i]!.users || a.counts[i]!.events - b.counts[i]!.events || (a.value < b.value ? -1 : 1))[0]
        if (partner) hidden.add(`${partner[0]}@${i}`)
      })
    }
  }

  const multiEvent = events.length > 1
  const shaped = all.map(([key, s]): TrendSeries => {
    const cells = s.counts.map((c, i): TrendCell => (hidden.has(`${key}@${i}`) ? { events: null, users: null } : { ...c }))
    const points = cells.map((c) => c[measure])
    const label = !breakdown ? s.event : multiEvent ? `${s.event} · ${valueLabel(s.value)}` : valueLabel(s.value)
    return {
      key,
      event: s.event,
      value: breakdown ? s.value : null,
      label,
      cells,
      points,
      shownTotal: points.reduce<number>((sum, p) => sum + (p ?? 0), 0),
      suppressedDays: points.filter((p) => p === null).length,
    }
  })
  shaped.sort((a, b) => b.shownTotal - a.shownTotal || (a.label < b.label ? -1 : 1))
  return { days: [...days], measure, breakdown, series: shaped }
}

export interface AdoptionRow {
  department: string
  /** Distinct people with any event in the range. */
  active: number
  /** Of them, those with the feature's event. */
  adopters: number
}

export interface AdoptionFigure {
  department: string
  label: string
  active: number | null
  adopters: number | null
  rate: number | null
}

/** Adoption per department, k-anonymised: fewer than k active people hides the row, fewer than k users of the feature its count and rate. Highest rate first. */
export function shapeAdoption(rows: readonly AdoptionRow[], k = DEFAULT_MIN_GROUP_SIZE): AdoptionFigure[] {
  return rows
    .map((r) => {
      const active = suppressSmall(r.active, k)
      return {
        department: r.department,
        label: valueLabel(r.department),
        active,
        adopters: active === null ? null : suppressSmall(r.adopters, k),
        rate: suppressedRate(r.adopters, r.active, k),
      }
    })
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || (b.active ?? -1) - (a.active ?? -1) || (a.label < b.label ? -1 : 1))
}
