import { describe, expect, it } from 'vitest'
import { addDays, isoWeek, isoWeekLabel, isoWeekStart, lastDays, lastWeeks, utcDay, weeksBetween } from './trends-dates'

describe('UTC days', () => {
  it('buckets an instant into its UTC day, whatever the local clock says', () => {
    expect(utcDay(Date.parse('2026-12-07T23:59:59.999Z'))).toBe('2026-12-07')
    expect(utcDay(Date.parse('2026-12-08T00:30:00+01:00'))).toBe('2026-12-07')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('lists the last n days up to today, oldest first', () => {
    expect(lastDays(new Date('2026-12-07T08:00:00Z'), 3)).toEqual(['2026-12-05', '2026-12-06', '2026-12-07'])
  })
})

describe('ISO weeks', () => {
  it.each([
    // 1 January 2026 is a Thursday: its week, starting Monday 29 December 2025, is 2026's first.
    ['2025-12-29', '2025-12-29', 2026, 1],
    ['2026-01-04', '2025-12-29', 2026, 1],
    ['2026-12-07', '2026-12-07', 2026, 50],
    // A year that starts on a Thursday has 53 weeks; 1 January 2027 (a Friday) still belongs to its last.
    ['2026-12-28', '2026-12-28', 2026, 53],
    ['2027-01-01', '2026-12-28', 2026, 53],
    ['2027-01-04', '2027-01-04', 2027, 1],
    // 1 January 2021 (a Friday) is in 2020's week 53.
    ['2021-01-01', '2020-12-28', 2020, 53],
  ])('%s is in the week of %s, %i-W%i', (day, monday, year, week) => {
    expect(isoWeekStart(day)).toBe(monday)
    expect(isoWeek(day)).toEqual({ year, week })
  })

  it('labels weeks and lists the last n Mondays, the current week last', () => {
    expect(isoWeekLabel('2026-03-02')).toBe('2026-W10')
    expect(lastWeeks(new Date('2026-12-09T10:00:00Z'), 3)).toEqual(['2026-11-23', '2026-11-30', '2026-12-07'])
    expect(weeksBetween('2026-11-23', '2026-12-07')).toBe(2)
  })
})
