import { describe, expect, it } from 'vitest'
import { evaluateRpo, evaluateRto, missedBackup, nothingToDrillYet, RPO_GRACE_MS } from './objectives'

const MIN = 60_000
const now = new Date('2026-12-09T14:00:00Z')
const ago = (minutes: number) => new Date(now.getTime() - minutes * MIN)

describe('evaluateRpo (target 1 h, grace 15 min)', () => {
  it.each([
    [5, 'ok'],
    [60, 'ok'],
    [61, 'at_risk'],
    [75, 'at_risk'],
    [76, 'breached'],
    [24 * 60, 'breached'],
  ] as const)('a newest backup %i min old is %s', (minutes, status) => {
    expect(evaluateRpo(ago(minutes), now, 60 * MIN)).toEqual({ status, measuredMs: minutes * MIN, targetMs: 60 * MIN })
  })

  it('is unmeasured without a backup, never a made-up age', () => {
    expect(evaluateRpo(null, now, 60 * MIN)).toEqual({ status: null, measuredMs: null, targetMs: 60 * MIN })
  })

  it('reads a backup stamped a moment in the future (clock skew) as 0 old', () => {
    expect(evaluateRpo(new Date(now.getTime() + 5000), now, 60 * MIN).measuredMs).toBe(0)
  })
})

describe('evaluateRto (target 4 h; at risk above 80 % of it)', () => {
  it.each([
    [3_200, 'ok'], // a small database: 3.2 s
    [192 * MIN, 'ok'], // exactly 80 %
    [200 * MIN, 'at_risk'],
    [240 * MIN, 'at_risk'],
    [241 * MIN, 'breached'],
  ] as const)('a drill measured at %i ms is %s', (ms, status) => {
    expect(evaluateRto(ms, 240 * MIN).status).toBe(status)
  })

  it('is unmeasured without a drill', () => {
    expect(evaluateRto(null, 240 * MIN)).toEqual({ status: null, measuredMs: null, targetMs: 240 * MIN })
  })
})

describe('missedBackup', () => {
  it('flags a newest backup older than the RPO and its grace, with its age', () => {
    expect(missedBackup(ago(190), now, 60 * MIN)).toEqual({ ageMs: 190 * MIN })
    expect(missedBackup(ago(60 + 15), now, 60 * MIN, RPO_GRACE_MS)).toBeNull()
    expect(missedBackup(ago(59), now, 60 * MIN)).toBeNull()
  })

  it('does not call a fresh install (no backup yet) a missed backup', () => {
    expect(missedBackup(null, now, 60 * MIN)).toBeNull()
  })
})

describe('nothingToDrillYet', () => {
  it('excuses a missing backup on an install younger than the RPO and its grace, and on no other', () => {
    expect(nothingToDrillYet(ago(5), now, 60 * MIN)).toBe(true)
    expect(nothingToDrillYet(ago(75), now, 60 * MIN)).toBe(true)
    expect(nothingToDrillYet(ago(76), now, 60 * MIN)).toBe(false)
    expect(nothingToDrillYet(ago(30 * 24 * 60), now, 60 * MIN)).toBe(false)
    expect(nothingToDrillYet(null, now, 60 * MIN)).toBe(false)
  })
})
