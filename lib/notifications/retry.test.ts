import { describe, expect, it } from 'vitest'
import { backoffMs, dueBy, DUE_TOLERANCE_MS, nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from './retry'

const SEC = 1000
const MIN = 60 * SEC
const HOUR = 60 * MIN
const created = new Date('2026-03-01T10:00:00Z')
const at = (ms: number) => new Date(created.getTime() + ms)
const clock = (iso: string) => new Date(`2026-03-01T${iso}Z`)

describe('backoff steps', () => {
  it.each([
    [1, 0, 30 * SEC],
    [2, 0, 1 * MIN],
    [3, 0, 2 * MIN],
    [4, 0, 4 * MIN],
    [5, 0, 5 * MIN], // 8 min, capped at 5 in the first hour
    [12, 59 * MIN, 5 * MIN],
    [5, 1 * HOUR, 8 * MIN], // after the first hour the cap is 15 min
    [6, 1 * HOUR, 15 * MIN],
    [90, 20 * HOUR, 15 * MIN],
  ])('after %i failed attempt(s), at age %i ms, the step is %i ms', (attempts, age, step) => {
    expect(backoffMs(attempts, age)).toBe(step)
  })

  it('jitter shortens a step by up to 20 % and never lengthens it past the cap', () => {
    expect(retryDelayMs(4, 0, 0)).toBe(240 * SEC)
    expect(retryDelayMs(4, 0, 0.5)).toBe(216 * SEC)
    expect(retryDelayMs(4, 0, 1)).toBe(192 * SEC)
    expect(retryDelayMs(20, 0, 0)).toBe(5 * MIN)
    expect(retryDelayMs(20, 0, 1)).toBe(4 * MIN)
    expect(retryDelayMs(20, 2 * HOUR, 0.999)).toBeGreaterThan(12 * MIN)
    expect(retryDelayMs(1, 0, 7)).toBe(24 * SEC) // out-of-range jitter is clamped
  })
})

describe('retry schedule', () => {
  it('walks the whole schedule from creation to dead at 24 h (no jitter)', () => {
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
    // 30 s, 1, 2 and 4 min, then every 5 min while under an hour old.
    expect(times.slice(0, 6)).toEqual([30 * SEC, 90 * SEC, 210 * SEC, 450 * SEC, 750 * SEC, 1050 * SEC])
    const firstLate = times.findIndex((t) => t >= HOUR)
    expect(times[firstLate - 1]).toBe(57 * MIN + 30 * SEC)
    expect(times[firstLate]).toBe(62 * MIN + 30 * SEC) // its step was decided at 57:30, under an hour old
    expect(times[firstLate + 1]).toBe(77 * MIN + 30 * SEC) // then every 15 min
    expect(times.at(-2)).toBe(23 * HOUR + 47 * MIN + 30 * SEC)
    expect(times.at(-1)).toBe(RETRY_WINDOW_MS) // the last attempt is clamped to the window's end
    expect(attempts).toBe(108) // 107 retries after the first attempt, then dead
  })

  it('never schedules past 24 h after creation and gives up at the limit', () => {
    expect(nextAttemptAt(created, 50, at(23 * HOUR + 50 * MIN))).toEqual(at(RETRY_WINDOW_MS))
    expect(nextAttemptAt(created, 60, at(RETRY_WINDOW_MS))).toBeNull()
    expect(nextAttemptAt(created, 1, at(RETRY_WINDOW_MS + 1))).toBeNull()
  })
})

describe('due-time tolerance', () => {
  it('the issue’s lost minute: a retry decided at 10:01:00.400 is due in the run that starts at 10:02:00.050', () => {
    const run1 = clock('10:01:00.400')
    const run2 = clock('10:02:00.050') // a few ms earlier in its minute than run 1
    const due = nextAttemptAt(created, 2, run1)! // 1 min step
    expect(due).toEqual(clock('10:02:00.400'))
    expect(due > run2).toBe(true) // compared with the start alone it would wait for 10:03
    expect(due <= dueBy(run2)).toBe(true)
  })

  it('is a few seconds, below the shortest step, so a message never comes due twice in one pass', () => {
    expect(DUE_TOLERANCE_MS).toBe(5 * SEC)
    const run = clock('10:05:00.000')
    expect(nextAttemptAt(created, 1, run, 0.999)! > dueBy(run)).toBe(true)
  })
})
