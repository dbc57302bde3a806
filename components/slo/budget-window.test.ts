import { describe, expect, it } from 'vitest'
import { windowMinutesOf, windowWords } from './budget-window'

describe('windowMinutesOf', () => {
  it('reads rolling windows', () => {
    expect(windowMinutesOf({ window: '30d', windowStart: '2026-02-01T00:00:00Z' }, 'UTC')).toBe(43_200)
    expect(windowMinutesOf({ window: '28d', windowStart: '2026-02-01T00:00:00Z' }, 'UTC')).toBe(40_320)
  })

  it('takes a calendar month whole, clock changes included', () => {
    expect(windowMinutesOf({ window: 'calendar_month', windowStart: '2026-02-01T00:00:00Z' }, 'UTC')).toBe(28 * 1440)
    // March in London loses an hour to summer time.
    expect(windowMinutesOf({ window: 'calendar_month', windowStart: '2026-03-01T00:00:00Z' }, 'Europe/London')).toBe(31 * 1440 - 60)
  })

  it('gives up on what it does not know', () => {
    expect(windowMinutesOf({ window: 'fortnight', windowStart: '2026-02-01T00:00:00Z' }, 'UTC')).toBeNull()
    expect(windowWords('30d')).toBe('30-day rolling window')
    expect(windowWords('calendar_month')).toBe('calendar month')
  })
})
