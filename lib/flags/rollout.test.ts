import { describe, expect, it } from 'vitest'
import { baselineOf, decideRollout, halve, nextStage, rolloutServe, stageIndexFor, type RolloutState } from './rollout'

const H = 3_600_000
const t0 = new Date('2026-03-02T08:00:00Z')
const at = (hours: number) => new Date(t0.getTime() + hours * H)
const plan = (over: Partial<RolloutState> = {}): RolloutState => ({
  stages: [5, 25, 50, 100],
  stageIntervalHours: 24,
  currentStage: 0,
  percentage: 5,
  status: 'running',
  violationThreshold: 3,
  startedAt: t0,
  nextStageAt: at(24),
  ...over,
})
const healthy = [{ sloKey: 'patient_response_time', violationsSinceStart: 0, open: 0 }]

describe('stage advancement (fake clock)', () => {
  it('waits until the next stage is due', () => {
    expect(decideRollout(plan(), healthy, at(23.9)).kind).toBe('none')
  })

  it('walks 5 → 25 → 50 → 100 with 24 h between stages', () => {
    let state = plan()
    const seen: number[] = [state.percentage]
    let clock = 0
    for (let i = 0; i < 10 && state.status === 'running'; i++) {
      clock += 24
      const d = decideRollout(state, healthy, at(clock))
      if (d.kind !== 'advance') throw new Error(`expected advance, got ${d.kind}`)
      state = { ...state, percentage: d.percentage, currentStage: d.stage, nextStageAt: d.nextStageAt, status: d.completed ? 'completed' : 'running' }
      seen.push(state.percentage)
      if (!d.completed) expect(d.nextStageAt).toEqual(at(clock + 24))
    }
    expect(seen).toEqual([5, 25, 50, 100])
    expect(state).toMatchObject({ status: 'completed', currentStage: 3, nextStageAt: null })
  })

  it('holds while a guarded SLO has an open violation', () => {
    const d = decideRollout(plan(), [{ sloKey: 'patient_response_time', violationsSinceStart: 1, open: 1 }], at(25))
    expect(d).toMatchObject({ kind: 'hold', sloKey: 'patient_response_time' })
  })

  it('does nothing while paused, completed or rolled back', () => {
    for (const status of ['paused', 'completed', 'rolled_back'] as const) {
      expect(decideRollout(plan({ status }), healthy, at(100)).kind).toBe('none')
    }
  })

  it('respects an edited interval and stage list', () => {
    const d = decideRollout(plan({ stages: [10, 100], percentage: 10, stageIntervalHours: 2, nextStageAt: at(2) }), healthy, at(2))
    expect(d).toMatchObject({ kind: 'advance', percentage: 100, completed: true, nextStageAt: null })
  })
})

describe('automatic rollback trigger', () => {
  it('fires when more than the threshold of violations hit a guarded SLO, halving the percentage', () => {
    const d = decideRollout(plan({ percentage: 50, currentStage: 2 }), [{ sloKey: 'patient_response_time', violationsSinceStart: 4, open: 1 }], at(1))
    expect(d).toEqual({ kind: 'rollback', sloKey: 'patient_response_time', violations: 4, from: 50, to: 25 })
  })

  it('does not fire at exactly the threshold', () => {
    const d = decideRollout(plan(), [{ sloKey: 'patient_response_time', violationsSinceStart: 3, open: 0 }], at(24))
    expect(d.kind).toBe('advance')
  })

  it('honours a configured threshold', () => {
    const d = decideRollout(plan({ violationThreshold: 0 }), [{ sloKey: 'x', violationsSinceStart: 1, open: 0 }], at(1))
    expect(d.kind).toBe('rollback')
  })

  it('halves to the bucket resolution', () => {
    expect(halve(50)).toBe(25)
    expect(halve(5)).toBe(2.5)
    expect(halve(0.03)).toBe(0.02)
  })
})

describe('stage maths', () => {
  it('finds stages from the percentage, so a halved plan climbs back through its stages', () => {
    expect(stageIndexFor([5, 25, 50, 100], 25)).toBe(1)
    expect(stageIndexFor([5, 25, 50, 100], 2.5)).toBe(0)
    expect(nextStage([5, 25, 50, 100], 25)).toEqual({ index: 2, percentage: 50 })
    expect(nextStage([5, 25, 50, 100], 2.5)).toEqual({ index: 0, percentage: 5 })
    expect(nextStage([5, 25, 50, 100], 100)).toBeNull()
  })

  it('builds the rollout split with the rollout variant first and remembers the baseline', () => {
    const serve = rolloutServe('on', 'off', 25)
    expect(serve).toEqual({ split: [{ variant: 'on', weight: 25 }, { variant: 'off', weight: 75 }] })
    expect(baselineOf(serve, 'on', 'off')).toBe('off')
    expect(baselineOf({ variant: 'v1' }, 'v2', 'off')).toBe('v1')
    expect(baselineOf({ variant: 'v2' }, 'v2', 'off')).toBe('off')
  })
})
