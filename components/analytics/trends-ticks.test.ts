import { describe, expect, it } from 'vitest'
import { dayTicks } from './trends-ticks'

const daysFrom = (first: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10))
const labels = (days: string[]) => {
  const t = dayTicks(days)
  return t.ticks.map(t.label)
}

describe('dayTicks', () => {
  it('labels every day of a week', () => {
    expect(labels(daysFrom('2026-12-01', 7))).toEqual(['1 Dec', '2 Dec', '3 Dec', '4 Dec', '5 Dec', '6 Dec', '7 Dec'])
  })

  it('labels every other day of 16, counting back from today so today is labelled', () => {
    expect(labels(daysFrom('2026-11-22', 16))).toEqual(['23 Nov', '25 Nov', '27 Nov', '29 Nov', '1 Dec', '3 Dec', '5 Dec', '7 Dec'])
  })

  it('labels every third day of 20', () => {
    expect(labels(daysFrom('2026-11-18', 20))).toEqual(['19 Nov', '22 Nov', '25 Nov', '28 Nov', '1 Dec', '4 Dec', '7 Dec'])
  })

  it('labels Mondays for 30 days, and every other Monday for 90', () => {
    expect(labels(daysFrom('2026-11-08', 30))).toEqual(['9 Nov', '16 Nov', '23 Nov', '30 Nov', '7 Dec'])
    expect(labels(daysFrom('2026-09-09', 90))).toEqual(['14 Sep', '28 Sep', '12 Oct', '26 Oct', '9 Nov', '23 Nov', '7 Dec'])
    expect(dayTicks(daysFrom('2026-09-09', 90)).ticks.every((ms) => new Date(ms).getUTCDay() === 1)).toBe(true)
  })
})
