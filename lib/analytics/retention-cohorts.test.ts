import { describe, expect, it } from 'vitest'
import { shapeRetention, type CohortCount } from './retention-cohorts'

// Four weeks, the last (7 December) still running.
const weeks = ['2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07']
const c = (cohort: string, week: number | null, users: number): CohortCount => ({ cohort, week, users })

describe('shapeRetention', () => {
  const counts = [
    c('2026-11-16', null, 40), c('2026-11-16', 0, 40), c('2026-11-16', 1, 30), c('2026-11-16', 2, 5), c('2026-11-16', 3, 20),
    c('2026-11-23', null, 20), c('2026-11-23', 0, 20), c('2026-11-23', 1, 12), c('2026-11-23', 2, 11),
    c('2026-11-30', null, 7), c('2026-11-30', 0, 7), c('2026-11-30', 1, 6),
  ]
  const t = shapeRetention(counts, weeks, 11)
  const row = (i: number) => t.cohorts[i]!.cells.map((x) => [x.users, x.rate, x.state])

  it('gives each cohort the weeks it has reached, the current one in progress', () => {
    expect(t.cohorts.map((r) => [r.cohort, r.isoWeek, r.size, r.cells.length])).toEqual([
      ['2026-11-16', '2026-W47', 40, 4],
      ['2026-11-23', '2026-W48', 20, 3],
      ['2026-11-30', '2026-W49', null, 2],
      ['2026-12-07', '2026-W50', 0, 1],
    ])
    expect(row(0)).toEqual([
      [40, 1, 'shown'],
      [30, 0.75, 'shown'],
      // 5 people retained in week 2: hidden with their rate.
      [null, null, 'suppressed'],
      [20, 0.5, 'in progress'],
    ])
    expect(row(1)).toEqual([
      [20, 1, 'shown'],
      [12, 0.6, 'shown'],
      [11, 0.55, 'in progress'],
    ])
  })

  it('hides a cohort of fewer than k people whole', () => {
    expect(row(2)).toEqual([
      [null, null, 'suppressed'],
      [null, null, 'suppressed'],
    ])
  })

  it('shows an empty cohort as nobody, with no rate', () => {
    expect(row(3)).toEqual([[0, null, 'in progress']])
  })

  it('means the complete cells shown, weighted by cohort size', () => {
    // Week 0: (40 + 20) / (40 + 20) = 1 (the 7 of the hidden cohort stay out).
    // Week 1: (30 + 12) / (40 + 20) = 0.7. Week 2: only 20-strong cohort's cell is complete, but it is in
    // progress, and the 40-strong cohort's is hidden: no mean. Week 3: in progress only: no mean.
    expect(t.mean).toEqual([1, 0.7, null, null])
  })
})
