/** The guides' ladder, worked through on a clock: when each level pages per severity, with the emergency interval. */
import { describe, expect, it } from 'vitest'
import type { Severity } from '@/lib/severity'
import { emergencyIntervalFor, firstEscalationAt, nextLevelAt } from './escalation-policy'
import { GUIDE_LADDER } from './guide-ladder'

const ID = '00000000-0000-4000-8000-00000000000a'
type Policy = { levels: { delayMinutes: number; targets: { type: string; id: string }[] }[]; severityDelays: unknown; emergencyIntervalMinutes: number | null }
const ladder: Policy = {
  levels: GUIDE_LADDER.levelDelays.map((delayMinutes) => ({ delayMinutes, targets: [{ type: 'schedule', id: ID }] })),
  severityDelays: GUIDE_LADDER.severityDelays,
  emergencyIntervalMinutes: GUIDE_LADDER.emergencyIntervalMinutes,
}
const T0 = new Date('2026-12-06T02:10:00Z')
const minutesAfterT0 = (d: Date) => (d.getTime() - T0.getTime()) / 60_000

/** Minutes after opening at which levels 1..4 page when nobody acknowledges (as the runner chains them). */
function pageTimes(policy: Policy, severity: Severity): number[] {
  const times: number[] = []
  let at = firstEscalationAt(policy, severity, T0)
  const cap = emergencyIntervalFor(policy, severity)
  for (let paged = 0; at; ) {
    times.push(minutesAfterT0(at))
    paged += 1
    at = nextLevelAt(policy.levels, paged, at, cap)
  }
  return times
}

describe('the operations guide ladder', () => {
  it.each<[Severity, number[]]>([
    // critical: at once, then every 15 minutes (emergency interval) instead of 30 / 60 / 120.
    ['critical', [0, 15, 30, 45]],
    // high: after 5 minutes, then 30 min, 1 h, 2 h: L2 at 0:35, L3 at 1:35, L4 at 3:35.
    ['high', [5, 35, 95, 215]],
    // medium: after 15 minutes, then the same gaps.
    ['medium', [15, 45, 105, 225]],
    ['low', []],
    ['info', []],
  ])('%s pages its levels at %j minutes', (severity, expected) => {
    expect(pageTimes(ladder, severity)).toEqual(expected)
  })

  it('without an emergency interval critical climbs at the levels’ own delays', () => {
    expect(pageTimes({ ...ladder, emergencyIntervalMinutes: null }, 'critical')).toEqual([0, 30, 90, 210])
  })
})

describe('emergencyIntervalFor and the cap', () => {
  it('applies to critical only, and only a usable number', () => {
    expect(emergencyIntervalFor({ emergencyIntervalMinutes: 15 }, 'critical')).toBe(15)
    expect(emergencyIntervalFor({ emergencyIntervalMinutes: 15 }, 'high')).toBeNull()
    expect(emergencyIntervalFor({ emergencyIntervalMinutes: null }, 'critical')).toBeNull()
    expect(emergencyIntervalFor({}, 'critical')).toBeNull()
    expect(emergencyIntervalFor(null, 'critical')).toBeNull()
    expect(emergencyIntervalFor({ emergencyIntervalMinutes: -5 }, 'critical')).toBeNull()
  })

  it('never lengthens a gap: a level set to page with the previous one (0) still does', () => {
    const levels = [{ delayMinutes: 0 }, { delayMinutes: 0 }, { delayMinutes: 45 }]
    expect(nextLevelAt(levels, 1, T0, 15)).toEqual(T0)
    expect(minutesAfterT0(nextLevelAt(levels, 2, T0, 15)!)).toBe(15)
    expect(minutesAfterT0(nextLevelAt(levels, 2, T0, 60)!)).toBe(45)
    expect(nextLevelAt(levels, 3, T0, 15)).toBeNull()
  })
})
