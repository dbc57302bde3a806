import { describe, expect, it } from 'vitest'
import { daysToRoll, spansOf } from './rollups'

describe('which days a rollup run rolls', () => {
  it('always today and yesterday, with the days late events touched, oldest first', () => {
    expect(daysToRoll(new Date('2026-12-07T00:10:00Z'), ['2026-12-03', '2026-12-07'])).toEqual(['2026-12-03', '2026-12-06', '2026-12-07'])
  })

  it('in spans of consecutive days, one statement each', () => {
    expect(spansOf(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-05', '2026-12-07'])).toEqual([
      ['2026-11-30', '2026-12-02'],
      ['2026-12-05', '2026-12-05'],
      ['2026-12-07', '2026-12-07'],
    ])
    expect(spansOf([])).toEqual([])
  })
})
