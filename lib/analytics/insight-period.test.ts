import { describe, expect, it } from 'vitest'
import { insightPeriods } from './insight-period'

const HOUR = 3_600_000

describe('insightPeriods', () => {
  it('compares the last seven whole UTC days with the seven before', () => {
    // Run at 04:20 UTC on 10 December with a 1-hour window: the current week ends at midnight.
    expect(insightPeriods(new Date('2026-12-10T04:20:00Z'), HOUR)).toEqual({
      periodFrom: new Date('2026-12-03T00:00:00Z'),
      periodTo: new Date('2026-12-10T00:00:00Z'),
      previousFrom: new Date('2026-11-26T00:00:00Z'),
      previousTo: new Date('2026-12-03T00:00:00Z'),
    })
  })

  it('gives the same periods to every run of one day', () => {
    const early = insightPeriods(new Date('2026-12-10T02:00:00Z'), HOUR)
    const late = insightPeriods(new Date('2026-12-10T23:59:00Z'), HOUR)
    expect(late).toEqual(early)
  })

  it('ends before the last conversion window so nobody still on their way counts as lost', () => {
    // A 2-hour window at 01:30: people who started at 23:45 may finish until 01:45, so the week ends a day earlier.
    expect(insightPeriods(new Date('2026-12-10T01:30:00Z'), 2 * HOUR).periodTo).toEqual(new Date('2026-12-09T00:00:00Z'))
    // A 30-day window pushes the comparison back a month.
    expect(insightPeriods(new Date('2026-12-10T04:00:00Z'), 30 * 24 * HOUR).periodTo).toEqual(new Date('2026-11-10T00:00:00Z'))
  })
})
