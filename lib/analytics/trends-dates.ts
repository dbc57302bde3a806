/**
 * Calendar buckets of analytics, all in UTC (the rollups' days are UTC days): days as "YYYY-MM-DD" and
 * ISO weeks (Monday to Sunday; week 1 is the week with the year's first Thursday). Pure.
 */
export const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

/** The UTC day of an instant, "YYYY-MM-DD". */
export function utcDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10)
}

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`)
}

export function addDays(day: string, n: number): string {
  return utcDay(dayMs(day) + n * DAY_MS)
}

/** The last `n` UTC days up to and including today, oldest first. */
export function lastDays(now: Date, n: number): string[] {
  const today = utcDay(now.getTime())
  return Array.from({ length: n }, (_, i) => addDays(today, i - n + 1))
}

/** The Monday of the ISO week a day falls in. */
export function isoWeekStart(day: string): string {
  const weekday = (new Date(dayMs(day)).getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  return addDays(day, -weekday)
}

/** The ISO week-numbering year and week of a day: 2027-01-01 (a Friday) is in 2026's week 53. */
export function isoWeek(day: string): { year: number; week: number } {
  // The Thursday of the day's week decides the year; its week is counted from that year's first Thursday.
  const thursday = addDays(isoWeekStart(day), 3)
  const year = Number(thursday.slice(0, 4))
  const week = Math.floor((dayMs(thursday) - dayMs(`${year}-01-01`)) / WEEK_MS) + 1
  return { year, week }
}

/** "2026-W49". */
export function isoWeekLabel(day: string): string {
  const { year, week } = isoWeek(day)
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The Mondays of the last `n` ISO weeks up to and including the current one, oldest first. */
export function lastWeeks(now: Date, n: number): string[] {
  const current = isoWeekStart(utcDay(now.getTime()))
  return Array.from({ length: n }, (_, i) => addDays(current, 7 * (i - n + 1)))
}

/** Whole weeks from one Monday to another. */
export function weeksBetween(fromMonday: string, toMonday: string): number {
  return Math.round((dayMs(toMonday) - dayMs(fromMonday)) / WEEK_MS)
}
