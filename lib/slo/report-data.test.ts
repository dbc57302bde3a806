import { describe, expect, it } from 'vitest'
import { compareFigures, composeReport, parseReportData, type ReportFigures } from './report-data'
import type { PeriodFigure } from './types'

const figures = (over: Partial<ReportFigures>): ReportFigures => ({
  good: 99_900,
  total: 100_000,
  compliance: 0.999,
  budgetUsed: 1,
  violations: 0,
  incidents: 0,
  mttrMinutes: null,
  ...over,
})

describe('compareFigures', () => {
  it('calls a significant drop worse, with the z-test numbers', () => {
    const c = compareFigures(figures({ good: 99_700, compliance: 0.997 }), figures({ good: 99_800, compliance: 0.998 }))
    expect(c.verdict).toBe('worse')
    expect(c.compliance).toBeCloseTo(-0.001, 12)
    expect(c.z).toBeCloseTo(-4.4777, 3)
    expect(c.pValue).toBeLessThan(0.001)
  })

  it('calls a small change on few events not significant', () => {
    const c = compareFigures(figures({ good: 9_990, total: 10_000, compliance: 0.999 }), figures({ good: 9_985, total: 10_000, compliance: 0.9985 }))
    expect(c.verdict).toBe('no_significant_change')
    expect(c.pValue).toBeCloseTo(0.317, 3)
  })

  it('does not test when the counts do not allow it', () => {
    const c = compareFigures(figures({ good: 1000, total: 1000, compliance: 1 }), figures({ good: 1000, total: 1000, compliance: 1 }))
    expect(c).toEqual({ compliance: 0, z: null, pValue: null, verdict: 'too_few_events' })
  })

  it('has nothing to compare without previous data', () => {
    expect(compareFigures(figures({}), null).verdict).toBe('no_previous_data')
    expect(compareFigures(figures({}), figures({ good: 0, total: 0, compliance: null })).verdict).toBe('no_previous_data')
    expect(compareFigures(figures({ good: 0, total: 0, compliance: null }), figures({})).verdict).toBe('no_previous_data')
  })
})

const pf = (key: string, over: Partial<PeriodFigure>): PeriodFigure => ({
  key,
  name: key,
  service: 'ai-engine',
  workflow: null,
  target: 0.99,
  budgeting: 'occurrences',
  good: 995,
  total: 1000,
  compliance: 0.995,
  budgetUsed: 0.5,
  violations: 0,
  incidents: 0,
  mttrMinutes: null,
  ...over,
})

describe('composeReport', () => {
  const range = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') }

  it('counts met, missed and no-data objectives and orders the worst first', () => {
    const data = composeReport(
      [
        pf('fine', {}),
        pf('empty', { good: 0, total: 0, compliance: null, budgetUsed: null }),
        pf('slightly_missed', { good: 985, compliance: 0.985, budgetUsed: 1.5, violations: 1 }),
        pf('badly_missed', { good: 900, compliance: 0.9, budgetUsed: 10, violations: 3 }),
      ],
      [pf('fine', {})],
      range,
    )
    expect(data.summary).toEqual({ objectives: 4, met: 1, missed: 2, noData: 1, violations: 4 })
    expect(data.slos.map((s) => s.key)).toEqual(['badly_missed', 'slightly_missed', 'empty', 'fine'])
    expect(data.slos.find((s) => s.key === 'fine')!.previous).not.toBeNull()
    expect(data.slos.find((s) => s.key === 'badly_missed')!.previous).toBeNull()
    expect(data.previousStart).toBe('2026-03-01T00:00:00.000Z')
  })

  it('a target met exactly counts as met', () => {
    const data = composeReport([pf('edge', { good: 990, compliance: 0.99 })], [], range)
    expect(data.slos[0]!.met).toBe(true)
  })

  it('round-trips through JSON and the stored-shape parser', () => {
    const data = composeReport([pf('a', {})], [pf('a', { good: 990, compliance: 0.99 })], range)
    expect(parseReportData(JSON.parse(JSON.stringify(data)))).toEqual(data)
    expect(parseReportData({ version: 99 })).toBeNull()
  })
})
