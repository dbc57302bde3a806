import { describe, expect, it } from 'vitest'
import { nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from './retry'

const MIN = 60_000
const HOUR = 60 * MIN
const created = new Date('2026-03-01T10:00:00Z')
const at = (ms: number) => new Date(created.getTime() + ms)

describe('retry schedule', () => {
  it.each([
    [1, 1 * MIN],
    [2, 5 * MIN],
    [3, 30 * MIN],
    [4, 2 * HOUR],
    [5, 6 * HOUR],
    [6, 6 * HOUR],
    [12, 6 * HOUR],
  ])('after %i failed attempt(s) waits %i ms', (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay)
  })

  it('walks the whole schedule from creation to dead at 24 h', () => {
    const times: number[] = []
    let now = created
    let attempts = 1
    for (;;) {
      const next = nextAttemptAt(created, attempts, now)
      if (!next) break
      times.push(next.getTime() - created.getTime())
      now = next
      attempts++
    }
    expect(times).toEqual([
      1 * MIN,
      6 * MIN,
      36 * MIN,
      2 * HOUR + 36 * MIN,
      8 * HOUR + 36 * MIN,
      14 * HOUR + 36 * MIN,
      20 * HOUR + 36 * MIN,
      24 * HOUR, // the last attempt is clamped to the window's end
    ])
    expect(attempts).toBe(9) // eight retries after the first attempt, then dead
  })

  it('never schedules past 24 h after creation and gives up at the limit', () => {
    expect(nextAttemptAt(created, 5, at(23 * HOUR))).toEqual(at(RETRY_WINDOW_MS))
    expect(nextAttemptAt(created, 6, at(RETRY_WINDOW_MS))).toBeNull()
    expect(nextAttemptAt(created, 1, at(RETRY_WINDOW_MS + 1))).toBeNull()
  })

  it('keeps a channel that is down for an hour within reach (several retries in the first hour)', () => {
    const first = nextAttemptAt(created, 1, created)!
    const second = nextAttemptAt(created, 2, first)!
    const third = nextAttemptAt(created, 3, second)!
    expect(third.getTime() - created.getTime()).toBeLessThan(HOUR)
    expect(nextAttemptAt(created, 4, third)).not.toBeNull()
  })
})
