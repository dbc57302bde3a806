import { describe, expect, it } from 'vitest'
import { budgetDomain, budgetTicks, burnRateDomain, complianceDomain, LOG_FLOOR, scaleBurnRate } from './slo-chart-data'
import { shapeCompliance } from './compliance-chart'
import { shapeBudget } from './budget-burndown-chart'
import { shapeBurnRates, thresholdLines } from './burn-rate-chart'
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

  it('burn rates: every threshold stays in view; log axes start at the floor', () => {
    expect(burnRateDomain([0.5, 2], [14.4, 6, 3, 1], false)).toEqual([0, 17])
    expect(burnRateDomain([40], [14.4, 6, 3, 1], false)).toEqual([0, 46])
    expect(burnRateDomain([0.5, 2], [14.4, 6, 3, 1], true)).toEqual([LOG_FLOOR, 100])
    expect(burnRateDomain([150], [14.4], true)).toEqual([LOG_FLOOR, 1000])
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

  it('burn-rate points keep each window and respect the scale', () => {
    const p = { t: '2026-03-02T00:00:00.000Z', r1h: 0, r6h: 2.5, r1d: null, r3d: 1 }
    expect(shapeBurnRates([p], false)[0]).toMatchObject({ r1h: 0, r6h: 2.5, r1d: null, r3d: 1 })
    expect(shapeBurnRates([p], true)[0]).toMatchObject({ r1h: LOG_FLOOR, r6h: 2.5, r1d: null, r3d: 1 })
  })

  it('threshold lines name their rule and window', () => {
    expect(thresholdLines({ page: [14.4, 6], ticket: [3, 1] }).map((l) => l.label)).toEqual([
      'Page · 1 h over 14.4×',
      'Page · 6 h over 6×',
      'Ticket · 1 d over 3×',
      'Ticket · 3 d over 1×',
    ])
  })

  it('sparkline days become UTC midnights', () => {
    expect(shapeSparkline([{ day: '2026-03-02', compliance: 1 }])).toEqual([{ x: Date.parse('2026-03-02T00:00:00Z'), compliance: 100 }])
  })
})
