import { describe, expect, it } from 'vitest'
import { isoWeek, isWholePeriod, lastFullPeriod, periodBefore, periodContaining, periodLabel, periodSlug, type ReportPeriod } from './report-periods'

const iso = (d: Date) => d.toISOString()
const hours = (r: { start: Date; end: Date }) => (r.end.getTime() - r.start.getTime()) / 3_600_000

describe('lastFullPeriod: what the 09:00 jobs cover', () => {
  it.each<{ period: ReportPeriod; now: string; tz: string; start: string; end: string; h?: number }>([
    // Daily at 09:00 London in winter (UTC+0) and summer (UTC+1).
    { period: 'daily', now: '2026-01-15T09:00:00Z', tz: 'Europe/London', start: '2026-01-14T00:00:00.000Z', end: '2026-01-15T00:00:00.000Z', h: 24 },
    { period: 'daily', now: '2026-07-15T08:00:00Z', tz: 'Europe/London', start: '2026-07-13T23:00:00.000Z', end: '2026-07-14T23:00:00.000Z', h: 24 },
    // The spring-forward day (29 Mar 2026) lasts 23 h, the fall-back day (25 Oct 2026) 25 h.
    { period: 'daily', now: '2026-03-30T08:00:00Z', tz: 'Europe/London', start: '2026-03-29T00:00:00.000Z', end: '2026-03-29T23:00:00.000Z', h: 23 },
    { period: 'daily', now: '2026-10-26T09:00:00Z', tz: 'Europe/London', start: '2026-10-24T23:00:00.000Z', end: '2026-10-26T00:00:00.000Z', h: 25 },
    // US zone: DST starts 8 Mar 2026.
    { period: 'daily', now: '2026-03-09T13:00:00Z', tz: 'America/New_York', start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z', h: 23 },
    // Weekly: Monday 09:00 covers the ISO week before; the week of the clock change is 167 h.
    { period: 'weekly', now: '2026-03-30T08:00:00Z', tz: 'Europe/London', start: '2026-03-23T00:00:00.000Z', end: '2026-03-29T23:00:00.000Z', h: 167 },
    { period: 'weekly', now: '2026-01-05T09:00:00Z', tz: 'UTC', start: '2025-12-29T00:00:00.000Z', end: '2026-01-05T00:00:00.000Z', h: 168 },
    // Monthly: 1st at 09:00 covers the month before; month ends of 28, 29, 30 and 31 days.
    { period: 'monthly', now: '2026-03-01T09:00:00Z', tz: 'UTC', start: '2026-02-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z', h: 28 * 24 },
    { period: 'monthly', now: '2028-03-01T09:00:00Z', tz: 'UTC', start: '2028-02-01T00:00:00.000Z', end: '2028-03-01T00:00:00.000Z', h: 29 * 24 },
    { period: 'monthly', now: '2026-05-01T08:00:00Z', tz: 'Europe/Berlin', start: '2026-03-31T22:00:00.000Z', end: '2026-04-30T22:00:00.000Z', h: 30 * 24 },
    { period: 'monthly', now: '2026-01-01T09:00:00Z', tz: 'UTC', start: '2025-12-01T00:00:00.000Z', end: '2026-01-01T00:00:00.000Z', h: 31 * 24 },
    // March in Berlin contains the spring-forward hour: 31 days less an hour.
    { period: 'monthly', now: '2026-04-01T07:00:00Z', tz: 'Europe/Berlin', start: '2026-02-28T23:00:00.000Z', end: '2026-03-31T22:00:00.000Z', h: 31 * 24 - 1 },
  ])('$period at $now in $tz', ({ period, now, tz, start, end, h }) => {
    const r = lastFullPeriod(period, new Date(now), tz)
    expect(iso(r.start)).toBe(start)
    expect(iso(r.end)).toBe(end)
    if (h !== undefined) expect(hours(r)).toBe(h)
    expect(isWholePeriod(period, r, tz)).toBe(true)
  })

  it('a run one minute after local midnight reports the day that just ended', () => {
    const r = lastFullPeriod('daily', new Date('2026-07-14T23:01:00Z'), 'Europe/London')
    expect(iso(r.start)).toBe('2026-07-13T23:00:00.000Z')
    expect(iso(r.end)).toBe('2026-07-14T23:00:00.000Z')
  })

  it('an instant exactly on a boundary belongs to the period it starts', () => {
    const r = periodContaining('monthly', new Date('2026-03-01T00:00:00Z'), 'UTC')
    expect(iso(r.start)).toBe('2026-03-01T00:00:00.000Z')
  })
})

describe('periodBefore: the comparison period', () => {
  it.each<{ period: ReportPeriod; start: string; tz: string; prevStart: string; prevEnd: string }>([
    { period: 'daily', start: '2026-03-29T23:00:00Z', tz: 'Europe/London', prevStart: '2026-03-29T00:00:00.000Z', prevEnd: '2026-03-29T23:00:00.000Z' },
    { period: 'weekly', start: '2026-01-05T00:00:00Z', tz: 'UTC', prevStart: '2025-12-29T00:00:00.000Z', prevEnd: '2026-01-05T00:00:00.000Z' },
    { period: 'monthly', start: '2026-03-01T00:00:00Z', tz: 'UTC', prevStart: '2026-02-01T00:00:00.000Z', prevEnd: '2026-03-01T00:00:00.000Z' },
    { period: 'monthly', start: '2026-01-01T00:00:00Z', tz: 'UTC', prevStart: '2025-12-01T00:00:00.000Z', prevEnd: '2026-01-01T00:00:00.000Z' },
  ])('$period before $start', ({ period, start, tz, prevStart, prevEnd }) => {
    const r = periodBefore(period, new Date(start), tz)
    expect(iso(r.start)).toBe(prevStart)
    expect(iso(r.end)).toBe(prevEnd)
  })
})

describe('isWholePeriod', () => {
  it('refuses a range that is not one period', () => {
    expect(isWholePeriod('daily', { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-03T00:00:00Z') }, 'UTC')).toBe(false)
    expect(isWholePeriod('weekly', { start: new Date('2026-01-06T00:00:00Z'), end: new Date('2026-01-13T00:00:00Z') }, 'UTC')).toBe(false)
    expect(isWholePeriod('daily', { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') }, 'Europe/Berlin')).toBe(false)
  })
})

describe('labels', () => {
  it.each([
    [{ year: 2026, month: 1, day: 1 }, { year: 2026, week: 1 }],
    [{ year: 2027, month: 1, day: 1 }, { year: 2026, week: 53 }],
    [{ year: 2024, month: 12, day: 30 }, { year: 2025, week: 1 }],
    [{ year: 2026, month: 3, day: 2 }, { year: 2026, week: 10 }],
  ])('ISO week of %o is %o', (date, expected) => expect(isoWeek(date)).toEqual(expected))

  it('names the period in its own zone', () => {
    expect(periodLabel('daily', new Date('2026-07-13T23:00:00Z'), 'Europe/London')).toBe('Tue 14 Jul 2026')
    expect(periodLabel('weekly', new Date('2026-03-02T00:00:00Z'), 'UTC')).toBe('Week 10, 2026 (2 Mar – 8 Mar)')
    expect(periodLabel('weekly', new Date('2025-12-29T00:00:00Z'), 'UTC')).toBe('Week 1, 2026 (29 Dec – 4 Jan)')
    expect(periodLabel('monthly', new Date('2026-03-31T22:00:00Z'), 'Europe/Berlin')).toBe('April 2026')
    expect(periodSlug(new Date('2026-03-31T22:00:00Z'), 'Europe/Berlin')).toBe('2026-04-01')
  })
})
