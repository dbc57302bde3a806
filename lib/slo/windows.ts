/**
 * SLO windows and chart buckets. Pure: the clock and the time zone are arguments.
 *
 * - Rolling windows are exactly N × 24 h ending now, so a window's budget in minutes is fixed whatever the
 *   clocks do (a 30-day window is always 43,200 minutes).
 * - Calendar months run from local midnight on the 1st to local midnight on the 1st of the next month in
 *   the deployment's zone (WARDROOM_TIMEZONE); a month with a clock change is an hour shorter or longer.
 * - Local days (sparklines, reports) are 23, 24 or 25 hours long, from local midnight to local midnight.
 */

import type { BurnWindow, SloRange } from './types'
import { localDateTimeAt, zonedTimeToUtc } from '@/lib/time'

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

export const BURN_WINDOW_MINUTES: Record<BurnWindow, number> = {
  '5m': 5,
  '30m': 30,
  '1h': 60,
  '2h': 120,
  '6h': 360,
  '1d': 1440,
  '3d': 4320,
}

export interface WindowSpec {
  /** rolling | calendar_month */
  windowKind: string
  windowDays: number
}

export interface WindowBounds {
  start: Date
  /** Exclusive; `now` for the current window. */
  end: Date
  /** The whole window's length in minutes (a calendar month's full length, even part-way through it). */
  minutes: number
  /** '30d' / '28d' or 'calendar_month'. */
  label: string
}

export function floorToMinute(d: Date): Date {
  return new Date(Math.floor(d.getTime() / MINUTE_MS) * MINUTE_MS)
}

export interface LocalDate {
  year: number
  month: number
  day: number
}

/** The calendar date in `timeZone` at `instant`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const l = localDateTimeAt(timeZone, instant)
  return { year: l.year, month: l.month, day: l.day }
}

/** Local midnight of a calendar date (day may overflow: 32 January is 1 February). */
export function localMidnight(date: LocalDate, timeZone: string): Date {
  const norm = new Date(Date.UTC(date.year, date.month - 1, date.day))
  return zonedTimeToUtc(timeZone, { year: norm.getUTCFullYear(), month: norm.getUTCMonth() + 1, day: norm.getUTCDate(), hour: 0, minute: 0 })
}

export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return localMidnight(localDateOf(instant, timeZone), timeZone)
}

/** Local midnight `days` calendar days after the local day of `instant`. */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const d = localDateOf(instant, timeZone)
  return localMidnight({ ...d, day: d.day + days }, timeZone)
}

export function localDayKey(instant: Date, timeZone: string): string {
  const d = localDateOf(instant, timeZone)
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
}

export interface LocalDay {
  /** YYYY-MM-DD in the zone. */
  day: string
  start: Date
  end: Date
}

/** The last `n` local days up to and including the one containing `now`, oldest first. */
export function lastLocalDays(now: Date, n: number, timeZone: string): LocalDay[] {
  const out: LocalDay[] = []
  for (let i = n - 1; i >= 0; i--) {
    const start = addLocalDays(now, -i, timeZone)
    out.push({ day: localDayKey(start, timeZone), start, end: addLocalDays(now, -i + 1, timeZone) })
  }
  return out
}

export function startOfLocalMonth(instant: Date, timeZone: string): Date {
  const d = localDateOf(instant, timeZone)
  return localMidnight({ year: d.year, month: d.month, day: 1 }, timeZone)
}

export function nextLocalMonth(instant: Date, timeZone: string): Date {
  const d = localDateOf(instant, timeZone)
  const next = d.month === 12 ? { year: d.year + 1, month: 1 } : { year: d.year, month: d.month + 1 }
  return localMidnight({ ...next, day: 1 }, timeZone)
}

/** The SLO's current window: the last N days, or the calendar month so far. */
export function sloWindow(spec: WindowSpec, now: Date, timeZone: string): WindowBounds {
  if (spec.windowKind === 'calendar_month') {
    const start = startOfLocalMonth(now, timeZone)
    const next = nextLocalMonth(now, timeZone)
    return { start, end: now, minutes: Math.round((next.getTime() - start.getTime()) / MINUTE_MS), label: 'calendar_month' }
  }
  const minutes = spec.windowDays * 1440
  return { start: new Date(now.getTime() - minutes * MINUTE_MS), end: now, minutes, label: `${spec.windowDays}d` }
}

/** The window that ends at `at` (rolling) or the month so far at `at` (calendar), for burn-down charts. */
export function windowStartAt(spec: WindowSpec, at: Date, timeZone: string): Date {
  if (spec.windowKind === 'calendar_month') {
    // A point exactly at local midnight on the 1st closes the previous month.
    const start = startOfLocalMonth(at, timeZone)
    return start.getTime() === at.getTime() ? startOfLocalMonth(new Date(at.getTime() - 1), timeZone) : start
  }
  return new Date(at.getTime() - spec.windowDays * DAY_MS)
}

export function windowHours(bounds: WindowBounds): number {
  return bounds.minutes / 60
}

/**
 * Burn-rate windows end at the end of the current minute (the minute in progress counts), e.g. 5 m at
 * 12:03:30 covers the buckets 11:59 … 12:03.
 */
export function burnWindowStart(now: Date, window: BurnWindow): Date {
  const end = floorToMinute(now).getTime() + MINUTE_MS
  return new Date(end - BURN_WINDOW_MINUTES[window] * MINUTE_MS)
}

export function burnWindowEnd(now: Date): Date {
  return new Date(floorToMinute(now).getTime() + MINUTE_MS)
}

export interface RangeSpec {
  minutes: number
  /** Chart bucket width. */
  bucketMinutes: number
  /** Resolution burn-rate series are computed at (≤ 1 h, the shortest charted window). */
  gridMinutes: number
}

/** Chart ranges: about 100–200 points each. */
export const RANGES: Record<SloRange, RangeSpec> = {
  '24h': { minutes: 1440, bucketMinutes: 10, gridMinutes: 5 },
  '7d': { minutes: 7 * 1440, bucketMinutes: 60, gridMinutes: 60 },
  '30d': { minutes: 30 * 1440, bucketMinutes: 240, gridMinutes: 60 },
  '90d': { minutes: 90 * 1440, bucketMinutes: 720, gridMinutes: 60 },
}

/** Floors `t` to a multiple of `minutes` since the Unix epoch (UTC-aligned, as SQL `date_bin` from the epoch). */
export function floorTo(t: Date, minutes: number): Date {
  const ms = minutes * MINUTE_MS
  return new Date(Math.floor(t.getTime() / ms) * ms)
}
