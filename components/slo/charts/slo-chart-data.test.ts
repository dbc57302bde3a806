import { describe, expect, it } from 'vitest'
import { budgetDomain, budgetTicks, burnRateDomain, burnRateTicks, complianceDomain, formatBurnTick, LOG_FLOOR, niceCeil, offScalePeak, scaleBurnRate } from './slo-chart-data'
import { shapeCompliance } from './compliance-chart'
import { shapeBudget } from './budget-burndown-chart'
import { BURN_SERIES, peakOf, rawRateOf, shapeBurnRates, thresholdLines, windowLengthOf } from './burn-rate-data'
import { shapeSparkline } from './sparkline'

describe('domains', () => {
  it.each<[Array<number | null>, number, [number, number]]>([
    // 99.9 % target, data between 99.7 and 100: zoomed so both show, at most six gridlines.
    [[99.95, 99.7, 100], 99.9, [99.6, 100]],
    // Data all above the target: the target still shows.
    [[99.99, 100], 99.9, [99.88, 100]],
    // A 95 % target with a bad day at 80 %.
    [[97, 80, 99], 95, [75, 100]],
    // No data: around the target only.
    [[null, null], 99.9, [99.88, 100]],
    // A 100 % target with everything perfect still has a visible band.
    [[100], 100, [99.99, 100]],
    // Never below 0.
    [[2], 50, [0, 100]],
  ])('compliance %j with target %f → %j', (values, target, expected) => {
    const [lo, hi] = complianceDomain(values, target)
    expect([lo, hi]).toEqual(expected)
    expect(lo).toBeLessThanOrEqual(Math.min(target, ...values.filter((v): v is number => v !== null)))
    expect((hi - lo) / 6).toBeLessThanOrEqual(25)
  })

  it('budget always shows 0 and 100, and overspending below 0', () => {
    expect(budgetDomain([80, 40])).toEqual([0, 100])
    expect(budgetDomain([20, -35])).toEqual([-50, 100])
    expect(budgetDomain([null])).toEqual([0, 100])
    expect(budgetTicks([-50, 100])).toEqual([-50, -25, 0, 25, 50, 75, 100])
    expect(budgetTicks([-400, 100])).toEqual([-400, -300, -200, -100, 0, 100])
  })

  it('nice ceilings', () => {
    expect([niceCeil(16.56), niceCeil(28.8), niceCeil(0.7), niceCeil(100), niceCeil(101)]).toEqual([20, 30, 0.8, 100, 150])
    expect([niceCeil(18.72, [1, 2, 5]), niceCeil(149.5, [1, 2, 5]), niceCeil(600, [1, 2, 5])]).toEqual([20, 200, 1000])
  })

  it('burn rates, linear: every threshold in view, but a spike cannot stretch the axis past twice the highest one', () => {
    // Quiet: 14.4 × 1.15 = 16.56 → 20.
    expect(burnRateDomain([0.5, 2], [14.4, 6, 3, 1], false)).toEqual([0, 20])
    // The 30-day chart: a 115× spike. Capped at 2 × 14.4 = 28.8 → 30; the spike is off scale.
    expect(burnRateDomain([0.4, 115], [14.4, 6, 3, 1], false)).toEqual([0, 30])
    expect(offScalePeak([0.4, 115, null], [0, 30])).toBe(115)
    // A rate a little above the top threshold still fits: 18 × 1.15 = 20.7 → 25.
    expect(burnRateDomain([18], [14.4, 6, 3, 1], false)).toEqual([0, 25])
    expect(offScalePeak([18], [0, 25])).toBeNull()
    expect(offScalePeak([null], [0, 20])).toBeNull()
    expect(burnRateTicks([0, 20], false)).toEqual([0, 5, 10, 15, 20])
    expect(burnRateTicks([0, 30], false)).toEqual([0, 10, 20, 30])
  })

  it('burn rates, log: from the floor to a 1-2-5 value above everything, a gridline per power of ten', () => {
    // 14.4 × 1.3 = 18.72 → 20.
    expect(burnRateDomain([0, 0.5, 2], [14.4, 6, 3, 1], true)).toEqual([LOG_FLOOR, 20])
    // 115 × 1.3 = 149.5 → 200: the spike and the thresholds both readable.
    expect(burnRateDomain([115], [14.4, 6, 3, 1], true)).toEqual([LOG_FLOOR, 200])
    expect(offScalePeak([115], [LOG_FLOOR, 200])).toBeNull()
    expect(burnRateTicks([LOG_FLOOR, 20], true)).toEqual([0.01, 0.1, 1, 10])
    expect(burnRateTicks([LOG_FLOOR, 200], true)).toEqual([0.01, 0.1, 1, 10, 100])
    expect(burnRateTicks([LOG_FLOOR, 1000], true)).toEqual([0.01, 0.1, 1, 10, 100, 1000])
  })

  it('the log floor is labelled as a floor: zero is drawn there, not hidden', () => {
    expect(formatBurnTick(LOG_FLOOR, true)).toBe('≤0.01×')
    expect(formatBurnTick(0.1, true)).toBe('0.1×')
    expect(formatBurnTick(10, true)).toBe('10×')
    expect(formatBurnTick(0, false)).toBe('0×')
  })

  it('log scale lifts zeros to the floor and keeps gaps as gaps', () => {
    expect(scaleBurnRate(0, true)).toBe(LOG_FLOOR)
    expect(scaleBurnRate(0, false)).toBe(0)
    expect(scaleBurnRate(null, true)).toBeNull()
    expect(scaleBurnRate(3.2, true)).toBe(3.2)
  })
})

describe('series shaping', () => {
  it('compliance points become epoch x and percent y', () => {
    expect(shapeCompliance([{ t: '2026-03-02T00:00:00.000Z', compliance: 0.9991, good: 9991, total: 10000 }])).toEqual([
      { x: Date.parse('2026-03-02T00:00:00Z'), compliance: 99.91, good: 9991, total: 10000 },
    ])
    expect(shapeCompliance([{ t: '2026-03-02T00:00:00.000Z', compliance: null, good: 0, total: 0 }])[0]!.compliance).toBeNull()
  })

  it('budget points become percent, negative when overspent', () => {
    expect(shapeBudget([{ t: '2026-03-02T00:00:00.000Z', budgetRemaining: -0.25 }])[0]!.budget).toBe(-25)
  })

  it('burn-rate points keep each window, respect the scale, and keep the true rates beside the plotted ones', () => {
    const p = { t: '2026-03-02T00:00:00.000Z', r1h: 0, r6h: 2.5, r1d: null, r3d: 1 }
    expect(shapeBurnRates([p], false)[0]).toMatchObject({ r1h: 0, r6h: 2.5, r1d: null, r3d: 1 })
    const row = shapeBurnRates([p], true)[0]!
    expect(row).toMatchObject({ r1h: LOG_FLOOR, r6h: 2.5, r1d: null, r3d: 1 })
    // The tooltip reads the true rate: 0, not the floor it is drawn on.
    expect(rawRateOf(row, 'r1h')).toBe(0)
    expect(rawRateOf(row, 'r1d')).toBeNull()
    expect(rawRateOf(row, 'x')).toBeNull()
    expect(rawRateOf(null, 'r1h')).toBeNull()
  })

  it('threshold lines name their rule and window', () => {
    expect(thresholdLines({ page: [14.4, 6], ticket: [3, 1] }).map((l) => [l.label, l.short, l.side])).toEqual([
      ['Page · 1 h over 14.4×', '14.4×', 'right'],
      ['Page · 6 h over 6×', '6×', 'right'],
      ['Ticket · 1 d over 3×', '3×', 'left'],
      ['Ticket · 3 d over 1×', '1×', 'left'],
    ])
    // Scaled to a 28-day window.
    expect(thresholdLines({ page: [13.44, 5.6], ticket: [2.8, 0.9333] }).map((l) => l.short)).toEqual(['13.4×', '5.6×', '2.8×', '0.933×'])
  })

  it('tooltip entries go by window length, not alphabetically', () => {
    // What Recharts received, in the order it sorted them by name before.
    const alphabetical = [
      { name: '1 d window', dataKey: 'r1d' },
      { name: '1 h window', dataKey: 'r1h' },
      { name: '3 d window', dataKey: 'r3d' },
      { name: '6 h window', dataKey: 'r6h' },
    ]
    const sorted = [...alphabetical].sort((a, b) => windowLengthOf(a.dataKey) - windowLengthOf(b.dataKey))
    expect(sorted.map((i) => i.name)).toEqual(['1 h window', '6 h window', '1 d window', '3 d window'])
    expect(BURN_SERIES.map((s) => windowLengthOf(s.key))).toEqual([60, 360, 1440, 4320])
    expect(windowLengthOf('something else')).toBe(Number.MAX_SAFE_INTEGER)
  })

  it('the peak is the highest rate of any window, with its time', () => {
    expect(
      peakOf([
        { t: '2026-03-02T00:00:00.000Z', r1h: 3, r6h: 1, r1d: null, r3d: 0.5 },
        { t: '2026-03-02T01:00:00.000Z', r1h: 115, r6h: 20, r1d: 4, r3d: 1 },
        { t: '2026-03-02T02:00:00.000Z', r1h: null, r6h: null, r1d: null, r3d: null },
      ]),
    ).toEqual({ rate: 115, t: '2026-03-02T01:00:00.000Z' })
    expect(peakOf([])).toBeNull()
  })

  it('sparkline days become UTC midnights', () => {
    expect(shapeSparkline([{ day: '2026-03-02', compliance: 1 }])).toEqual([{ x: Date.parse('2026-03-02T00:00:00Z'), compliance: 100 }])
  })
})
