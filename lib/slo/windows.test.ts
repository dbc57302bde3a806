import { describe, expect, it } from 'vitest'
import {
  addLocalDays,
  burnWindowEnd,
  burnWindowStart,
  floorTo,
  lastLocalDays,
  localDayKey,
  sloWindow,
  startOfLocalDay,
  windowHours,
  windowStartAt,
} from './windows'

const at = (iso: string) => new Date(iso)
const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000

describe('rolling windows', () => {
  it('is exactly N × 24 h ending now, whatever the clocks do', () => {
    const now = at('2026-03-30T10:00:00Z') // the day after the UK spring-forward
    const w = sloWindow({ windowKind: 'rolling', windowDays: 30 }, now, 'Europe/London')
    expect(w).toEqual({ start: at('2026-02-28T10:00:00Z'), end: now, minutes: 43_200, label: '30d' })
    expect(windowHours(w)).toBe(720)
  })

  it('supports 28-day windows', () => {
    const w = sloWindow({ windowKind: 'rolling', windowDays: 28 }, at('2026-05-01T00:00:00Z'), 'UTC')
    expect(w.start).toEqual(at('2026-04-03T00:00:00Z'))
    expect(w.minutes).toBe(28 * 1440)
  })
})

describe('calendar months', () => {
  it.each([
    { tz: 'UTC', now: '2026-02-14T12:00:00Z', start: '2026-02-01T00:00:00Z', minutes: 28 * 1440 },
    { tz: 'Europe/London', now: '2026-01-31T23:59:00Z', start: '2026-01-01T00:00:00Z', minutes: 31 * 1440 },
    // Clocks go forward on 29 March 2026: March is an hour short.
    { tz: 'Europe/London', now: '2026-03-30T08:00:00Z', start: '2026-03-01T00:00:00Z', minutes: 31 * 1440 - 60 },
    // Clocks go back on 25 October 2026: October is an hour long; the month starts at 00:00 BST = 23:00 UTC.
    { tz: 'Europe/London', now: '2026-10-26T08:00:00Z', start: '2026-09-30T23:00:00Z', minutes: 31 * 1440 + 60 },
    { tz: 'America/New_York', now: '2026-03-20T12:00:00Z', start: '2026-03-01T05:00:00Z', minutes: 31 * 1440 - 60 },
    // 00:30 local on 1 July in London is still 30 June in UTC.
    { tz: 'Europe/London', now: '2026-06-30T23:30:00Z', start: '2026-06-30T23:00:00Z', minutes: 31 * 1440 },
    { tz: 'Australia/Sydney', now: '2026-04-10T00:00:00Z', start: '2026-03-31T13:00:00Z', minutes: 30 * 1440 + 60 },
  ])('$tz at $now starts $start ($minutes min)', ({ tz, now, start, minutes }) => {
    const w = sloWindow({ windowKind: 'calendar_month', windowDays: 30 }, at(now), tz)
    expect(w.start).toEqual(at(start))
    expect(w.end).toEqual(at(now))
    expect(w.minutes).toBe(minutes)
    expect(w.label).toBe('calendar_month')
  })

  it('closes the previous month at local midnight on the 1st', () => {
    const spec = { windowKind: 'calendar_month', windowDays: 30 }
    expect(windowStartAt(spec, at('2026-04-01T00:00:00Z'), 'UTC')).toEqual(at('2026-03-01T00:00:00Z'))
    expect(windowStartAt(spec, at('2026-04-01T00:01:00Z'), 'UTC')).toEqual(at('2026-04-01T00:00:00Z'))
    expect(windowStartAt({ windowKind: 'rolling', windowDays: 30 }, at('2026-04-01T00:00:00Z'), 'UTC')).toEqual(at('2026-03-02T00:00:00Z'))
  })
})

describe('local days', () => {
  it('are 23 h on spring-forward day and 25 h on fall-back day', () => {
    const spring = startOfLocalDay(at('2026-03-29T12:00:00Z'), 'Europe/London')
    expect(spring).toEqual(at('2026-03-29T00:00:00Z'))
    expect(hours(spring, addLocalDays(spring, 1, 'Europe/London'))).toBe(23)
    const autumn = startOfLocalDay(at('2026-10-25T12:00:00Z'), 'Europe/London')
    expect(autumn).toEqual(at('2026-10-24T23:00:00Z'))
    expect(hours(autumn, addLocalDays(autumn, 1, 'Europe/London'))).toBe(25)
  })

  it('lists the last N days oldest first, contiguous across a clock change', () => {
    const days = lastLocalDays(at('2026-03-30T09:00:00Z'), 3, 'Europe/London')
    expect(days.map((d) => d.day)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30'])
    expect(days.map((d) => hours(d.start, d.end))).toEqual([24, 23, 24])
    expect(days[1]!.start).toEqual(days[0]!.end)
    expect(days[2]!.end).toEqual(at('2026-03-30T23:00:00Z'))
  })

  it('names the day in the zone, not in UTC', () => {
    expect(localDayKey(at('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01')
    expect(localDayKey(at('2026-06-30T23:30:00Z'), 'UTC')).toBe('2026-06-30')
    expect(localDayKey(at('2026-07-01T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-06-30')
  })

  it('rolls over month and year ends', () => {
    expect(addLocalDays(at('2026-12-31T12:00:00Z'), 1, 'UTC')).toEqual(at('2027-01-01T00:00:00Z'))
    expect(addLocalDays(at('2026-03-01T12:00:00Z'), -1, 'UTC')).toEqual(at('2026-02-28T00:00:00Z'))
  })
})

describe('burn windows and buckets', () => {
  it('end with the minute in progress', () => {
    const now = at('2026-05-01T12:03:30Z')
    expect(burnWindowEnd(now)).toEqual(at('2026-05-01T12:04:00Z'))
    expect(burnWindowStart(now, '5m')).toEqual(at('2026-05-01T11:59:00Z'))
    expect(burnWindowStart(now, '1h')).toEqual(at('2026-05-01T11:04:00Z'))
    expect(burnWindowStart(now, '3d')).toEqual(at('2026-04-28T12:04:00Z'))
  })

  it('floors to bucket widths from the epoch', () => {
    expect(floorTo(at('2026-05-01T12:03:30Z'), 5)).toEqual(at('2026-05-01T12:00:00Z'))
    expect(floorTo(at('2026-05-01T17:59:59Z'), 720)).toEqual(at('2026-05-01T12:00:00Z'))
  })
})
