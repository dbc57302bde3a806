import { describe, expect, it } from 'vitest'
import { asTimeslices, badIntervals, diurnal, replayViolation, SEED_SLOS, type SeedProfile } from '@/lib/seed/slo-history'
import { SloDefinition } from '@/lib/slo/schema'

const now = new Date('2026-11-25T12:00:00Z')
const night = (daysAgo: number, hour: number) => new Date(Date.UTC(2026, 10, 25 - daysAgo, hour))

describe('demo SLOs', () => {
  it('are valid definitions with unique keys, including the four of the operations guide', () => {
    const defs = SEED_SLOS.map((s) => SloDefinition.parse(s.definition))
    expect(new Set(defs.map((d) => d.key)).size).toBe(defs.length)
    expect(defs.length).toBeGreaterThanOrEqual(6)
    expect(defs.find((d) => d.key === 'patient_response_time')).toMatchObject({ sliType: 'threshold', threshold: 2000, comparator: 'lte' })
    expect(defs.find((d) => d.key === 'system_availability')?.target).toBe(0.999)
    expect(defs.find((d) => d.key === 'diagnosis_accuracy')?.target).toBe(0.95)
    expect(defs.find((d) => d.key === 'phi_access_compliance')?.target).toBe(1)
    expect(defs.some((d) => d.budgeting === 'timeslices')).toBe(true)
  })

  it('shape traffic by the time of day', () => {
    expect(diurnal(4)).toBeCloseTo(0.3, 9)
    expect(diurnal(16)).toBeCloseTo(1, 9)
    expect(diurnal(10)).toBeCloseTo(0.65, 9)
  })
})

describe('replayViolation', () => {
  const profile: SeedProfile = { peakPerMinute: 50, baseErrorRate: 0.001, bad: [{ hoursAgo: 10, minutes: 40, errorRate: 0.3 }] }
  const slo = { target: 0.99, minEvents: 100 }

  it('opens the page when the 1 h window has burned 2 % of the budget and clears when the 5 m window recovers', () => {
    const intervals = badIntervals(profile, now, night)
    const v = replayViolation(slo, profile, intervals, intervals[0]!, 720)!
    expect(v.rule.rule).toBe('page_1h')
    // 30 % errors burn at 30×: the 1 h window passes 14.4 after 29 minutes of it.
    expect((v.openedAt.getTime() - intervals[0]!.start.getTime()) / 60_000).toBe(29)
    expect(v.resolvedAt > intervals[0]!.end).toBe(true)
    expect(v.workings.rules.find((r) => r.rule === 'page_1h')?.fired).toBe(true)
    expect(v.workings.cleared?.at).toBe(v.resolvedAt.toISOString())
  })

  it('raises nothing for a burn below every threshold', () => {
    const mild: SeedProfile = { ...profile, bad: [{ hoursAgo: 10, minutes: 40, errorRate: 0.005 }] }
    const intervals = badIntervals(mild, now, night)
    expect(replayViolation(slo, mild, intervals, intervals[0]!, 720)).toBeNull()
  })

  it('replays timeslice SLOs in slices: a failing period makes every slice bad', () => {
    const sliced = asTimeslices({ peakPerMinute: 10, baseErrorRate: 0.01, bad: [{ hoursAgo: 0, minutes: 120, errorRate: 0.3, nights: { daysAgo: [3], localHour: 2 } }] }, 0.95)
    expect(sliced.baseErrorRate).toBe(0)
    expect(sliced.bad[0]!.errorRate).toBe(1)
    const intervals = badIntervals(sliced, now, night)
    expect(intervals[0]!.start).toEqual(new Date('2026-11-22T02:00:00Z'))
    expect(replayViolation(slo, sliced, intervals, intervals[0]!, 720)?.rule.rule).toBe('page_1h')
  })
})
