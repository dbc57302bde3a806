import { describe, expect, it } from 'vitest'
import { splitSessions } from './sessions'

const min = 60_000
const s = (startedAt: number, endedAt: number, eventCount: number) => ({ startedAt, endedAt, eventCount })

describe('splitSessions (idle 5 min, at most 1 h)', () => {
  it.each([
    ['no events', [], []],
    ['one event', [0], [s(0, 0, 1)]],
    // Gaps of 4:59 keep one session; a gap of exactly 5:00 starts a new one.
    ['gaps under 5 min', [0, 4 * min, 8 * min + 59_000], [s(0, 8 * min + 59_000, 3)]],
    ['a gap of exactly 5 min', [0, 5 * min], [s(0, 0, 1), s(5 * min, 5 * min, 1)]],
    ['a 20-minute break', [0, 2 * min, 22 * min, 23 * min], [s(0, 2 * min, 2), s(22 * min, 23 * min, 2)]],
    // Every 4 minutes for 2 hours: busy enough never to go idle, so the hour splits it: 0–56, 60–116, 120.
    [
      'a clinician busy for two hours',
      Array.from({ length: 31 }, (_, i) => i * 4 * min),
      [s(0, 56 * min, 15), s(60 * min, 116 * min, 15), s(120 * min, 120 * min, 1)],
    ],
    ['an event at exactly 1 h after the start', [0, 4 * min, 8 * min, 12 * min, 16 * min, 20 * min, 24 * min, 28 * min, 32 * min, 36 * min, 40 * min, 44 * min, 48 * min, 52 * min, 56 * min, 60 * min], [s(0, 56 * min, 15), s(60 * min, 60 * min, 1)]],
    ['two events at the same time', [1000, 1000], [s(1000, 1000, 2)]],
  ])('%s', (_name, times, sessions) => {
    expect(splitSessions(times)).toEqual(sessions)
  })

  it('gives the same sessions when recomputed from a session start with a late event added', () => {
    const times = [0, 3 * min, 30 * min, 33 * min, 36 * min]
    const all = splitSessions([...times, 34 * min].sort((a, b) => a - b))
    const fromSecond = splitSessions([30 * min, 33 * min, 34 * min, 36 * min])
    expect(all.slice(1)).toEqual(fromSecond)
  })
})
