import { describe, expect, it } from 'vitest'
import { dashboardRangeOf, parseOverviewDays } from './overview'

describe('parseOverviewDays', () => {
  it.each([
    [undefined, 7, false],
    ['30', 30, false],
    [['90', '7'], 90, false],
    ['14', 7, true],
    ['abc', 7, true],
  ] as const)('%j → %i days (invalid %s)', (value, days, invalid) => {
    expect(parseOverviewDays(value as string | string[] | undefined)).toEqual({ days, invalid })
  })
})

describe('dashboardRangeOf', () => {
  it('defaults to the 7 days before to', () => {
    const r = dashboardRangeOf(new URLSearchParams('to=2030-03-08T00:00:00Z'))
    expect(r.success && r.data).toEqual({ from: new Date('2030-03-01T00:00:00Z'), to: new Date('2030-03-08T00:00:00Z') })
  })
  it('refuses more than 92 days', () => {
    expect(dashboardRangeOf(new URLSearchParams('from=2030-01-01T00:00:00Z&to=2030-06-01T00:00:00Z')).success).toBe(false)
  })
})
