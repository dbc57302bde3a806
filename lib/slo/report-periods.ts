/**
 * Report periods in a time zone: a local calendar day, ISO week (Monday to Monday) or month, each from local
 * midnight to local midnight. Pure; DST-safe because boundaries are computed on wall-clock dates and only then
 * converted to instants (a spring-forward day lasts 23 h, a fall-back day 25 h).
 */
import { localDateTimeAt, zonedTimeToUtc } from '@/lib/time'

export const REPORT_PERIODS = ['daily', 'weekly', 'monthly'] as const
export type ReportPeriod = (typeof REPORT_PERIODS)[number]

export const REPORT_PERIOD_LABELS: Record<ReportPeriod, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' }
export const PERIOD_NOUN: Record<ReportPeriod, string> = { daily: 'day', weekly: 'week', monthly: 'month' }

export function isReportPeriod(value: unknown): value is ReportPeriod {
  return typeof value === 'string' && (REPORT_PERIODS as readonly string[]).includes(value)
}

export interface PeriodRange {
  /** Inclusive. */
  start: Date
  /** Exclusive: the start of the next period. */
  end: Date
}

/** A calendar date with no time zone, month 1-12. */
interface LocalDate {
  year: number
  month: number
  day: number
}

const DAY_MS = 86_400_000

/** Normalises an out-of-range day or month (Date.UTC carries over), e.g. 32 January → 1 February. */
function normalise(year: number, month: number, day: number): LocalDate {
  const d = new Date(Date.UTC(year, month - 1, day))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** Monday = 0 … Sunday = 6. */
function isoWeekday(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7
}

function localMidnight(timeZone: string, date: LocalDate): Date {
  return zonedTimeToUtc(timeZone, { ...date, hour: 0, minute: 0 })
}

/** The first local date of the period that contains `date`. */
function firstDayOf(period: ReportPeriod, date: LocalDate): LocalDate {
  if (period === 'daily') return date
  if (period === 'weekly') return normalise(date.year, date.month, date.day - isoWeekday(date))
  return { year: date.year, month: date.month, day: 1 }
}

function addPeriods(period: ReportPeriod, first: LocalDate, n: number): LocalDate {
  if (period === 'daily') return normalise(first.year, first.month, first.day + n)
  if (period === 'weekly') return normalise(first.year, first.month, first.day + 7 * n)
  return normalise(first.year, first.month + n, 1)
}

function rangeFrom(period: ReportPeriod, first: LocalDate, timeZone: string): PeriodRange {
  return { start: localMidnight(timeZone, first), end: localMidnight(timeZone, addPeriods(period, first, 1)) }
}

/** The period (day, ISO week, month) in `timeZone` that contains `instant`. */
export function periodContaining(period: ReportPeriod, instant: Date, timeZone: string): PeriodRange {
  const l = localDateTimeAt(timeZone, instant)
  return rangeFrom(period, firstDayOf(period, { year: l.year, month: l.month, day: l.day }), timeZone)
}

/** The last period that ended at or before `now`: yesterday, last ISO week, last month (what the 09:00 jobs report). */
export function lastFullPeriod(period: ReportPeriod, now: Date, timeZone: string): PeriodRange {
  return periodBefore(period, periodContaining(period, now, timeZone).start, timeZone)
}

/** The period right before the one starting at `start` (the comparison period of a report). */
export function periodBefore(period: ReportPeriod, start: Date, timeZone: string): PeriodRange {
  // Half a day before the start is safely inside the previous period whatever the offset change.
  const inside = new Date(start.getTime() - DAY_MS / 2)
  return periodContaining(period, inside, timeZone)
}

/** True when [start, end) is exactly one whole period in `timeZone`. */
export function isWholePeriod(period: ReportPeriod, range: PeriodRange, timeZone: string): boolean {
  const p = periodContaining(period, range.start, timeZone)
  return p.start.getTime() === range.start.getTime() && p.end.getTime() === range.end.getTime()
}

/** ISO-8601 week number and its year (which differs from the calendar year around New Year). */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  // The Thursday of the same ISO week decides the year.
  const thursday = normalise(date.year, date.month, date.day - isoWeekday(date) + 3)
  const jan1 = Date.UTC(thursday.year, 0, 1)
  const week = Math.floor((Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / (7 * DAY_MS)) + 1
  return { year: thursday.year, week }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

function localDateOf(instant: Date, timeZone: string): LocalDate {
  const l = localDateTimeAt(timeZone, instant)
  return { year: l.year, month: l.month, day: l.day }
}

// Spelled out rather than Intl-formatted so the text is the same on every ICU version (CSV files, e-mails, tests).
const shortDay = (d: LocalDate) => `${d.day} ${MONTHS[d.month - 1]!.slice(0, 3)}`

/** "Mon 2 Mar 2026", "Week 10, 2026 (2 – 8 Mar)", "March 2026": what a report covers, in its own time zone. */
export function periodLabel(period: ReportPeriod, start: Date, timeZone: string): string {
  const first = localDateOf(start, timeZone)
  if (period === 'daily') return `${WEEKDAYS[isoWeekday(first)]} ${shortDay(first)} ${first.year}`
  if (period === 'monthly') return `${MONTHS[first.month - 1]} ${first.year}`
  const { year, week } = isoWeek(first)
  const last = normalise(first.year, first.month, first.day + 6)
  return `Week ${week}, ${year} (${shortDay(first)} – ${shortDay(last)})`
}

/** "2026-03-02": the local first day of the period, for file names. */
export function periodSlug(start: Date, timeZone: string): string {
  const d = localDateOf(start, timeZone)
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
}
