import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Severity } from '@/lib/generated/prisma/enums'
import { firstEscalationAt, nextLevelAt, parseLevels, severityDelayMinutes } from './escalation-policy'

const U1 = '00000000-0000-4000-8000-000000000001'
const S1 = '00000000-0000-4000-8000-000000000002'
const levels = [
  { delayMinutes: 0, targets: [{ type: 'schedule', id: S1 }] },
  { delayMinutes: 10, targets: [{ type: 'user', id: U1 }] },
  { delayMinutes: 30, targets: [{ type: 'user', id: U1 }] },
]
/** The operations guide's defaults: critical immediate, high 5 minutes, medium 15 minutes. */
const guide = { levels, severityDelays: { critical: 0, high: 5, medium: 15 } }
const T0 = new Date('2026-03-08T06:55:00Z')
const plus = (min: number) => new Date(T0.getTime() + min * 60_000)

describe('firstEscalationAt', () => {
  it.each<[Severity, Date | null]>([
    ['critical', plus(0)],
    ['high', plus(5)],
    ['medium', plus(15)],
    ['low', null],
    ['info', null],
  ])('%s under the guide defaults → %s', (severity, expected) => {
    expect(firstEscalationAt(guide, severity, T0)).toEqual(expected)
  })

  it('adds the first level’s own delay to the severity delay', () => {
    const policy = { levels: [{ ...levels[0], delayMinutes: 2 }], severityDelays: { high: 5 } }
    expect(firstEscalationAt(policy, 'high', T0)).toEqual(plus(7))
  })

  it.each([
    ['no policy', null],
    ['no levels', { levels: [], severityDelays: { critical: 0 } }],
    ['levels not a list', { levels: { a: 1 }, severityDelays: { critical: 0 } }],
    ['a level without targets', { levels: [{ delayMinutes: 0, targets: [] }], severityDelays: { critical: 0 } }],
    ['delays not an object', { levels, severityDelays: [0] }],
    ['negative delay', { levels, severityDelays: { critical: -1 } }],
    ['delay as text', { levels, severityDelays: { critical: '0' } }],
  ])('never pages with %s', (_label, policy) => {
    expect(firstEscalationAt(policy, 'critical', T0)).toBeNull()
  })
})

describe('severityDelayMinutes and parseLevels', () => {
  it('reads only finite, non-negative numbers', () => {
    expect(severityDelayMinutes({ high: 5 }, 'high')).toBe(5)
    expect(severityDelayMinutes({ high: Number.NaN }, 'high')).toBeNull()
    expect(severityDelayMinutes(null, 'high')).toBeNull()
  })

  it('returns [] for stored JSON that is not a valid list of levels', () => {
    expect(parseLevels(levels)).toHaveLength(3)
    expect(parseLevels([{ delayMinutes: 0, targets: [{ type: 'team', id: U1 }] }])).toEqual([])
    expect(parseLevels('x')).toEqual([])
  })
})

describe('nextLevelAt', () => {
  it('counts each level’s delay from when the previous level paged; null after the last', () => {
    expect(nextLevelAt(levels, 1, plus(0))).toEqual(plus(10))
    expect(nextLevelAt(levels, 2, plus(10))).toEqual(plus(40))
    expect(nextLevelAt(levels, 3, plus(40))).toBeNull()
  })
})

describe('an escalation timeline on a fake clock (one job tick a minute)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(T0)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  /** The pure core of runEscalations: page every level that is due at each tick, as the job does. */
  function simulate(severity: Severity, minutes: number, ackAtMinute?: number) {
    const pages: { level: number; minute: number }[] = []
    let next = firstEscalationAt(guide, severity, new Date())
    let paged = 0
    for (let minute = 0; minute <= minutes; minute += 1) {
      const now = new Date()
      if (minute === ackAtMinute) next = null // acknowledge clears nextEscalationAt
      while (next && next <= now) {
        paged += 1
        pages.push({ level: paged, minute })
        next = nextLevelAt(parseLevels(guide.levels), paged, now)
      }
      vi.advanceTimersByTime(60_000)
    }
    return pages
  }

  it('a high incident pages level 1 after 5 min, level 2 ten minutes later, level 3 thirty after that, then stops', () => {
    expect(simulate('high', 120)).toEqual([
      { level: 1, minute: 5 },
      { level: 2, minute: 15 },
      { level: 3, minute: 45 },
    ])
  })

  it('an acknowledgement stops the climb', () => {
    expect(simulate('critical', 120, 3)).toEqual([{ level: 1, minute: 0 }])
  })

  it('a low incident never pages', () => {
    expect(simulate('low', 120)).toEqual([])
  })
})
