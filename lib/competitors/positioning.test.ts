import { describe, expect, it } from 'vitest'
import { positioningPoints } from './positioning'

const d = (s: string) => new Date(s)

describe('positioningPoints', () => {
  it('takes the newest per-bed range’s midpoint and the coverage in percent', () => {
    const [p] = positioningPoints([
      {
        key: 'epic_systems',
        name: 'Epic Systems',
        isUs: false,
        coverage: 0.6389,
        prices: [
          { model: 'per_bed', low: 2000, high: 3000, currency: 'USD', observedAt: d('2025-01-01') },
          { model: 'per_bed', low: 2500, high: 4200, currency: 'USD', observedAt: d('2026-09-01') },
          { model: 'per_user', low: 1200, high: 2400, currency: 'USD', observedAt: d('2026-11-01') },
        ],
      },
    ])
    // (2,500 + 4,200) ÷ 2 = 3,350; 0.6389 → 63.9 %.
    expect(p).toEqual({ key: 'epic_systems', name: 'Epic Systems', isUs: false, coverage: 63.9, pricePerBed: 3350, currency: 'USD' })
  })

  it('has no price without a per-bed range', () => {
    const [p] = positioningPoints([{ key: 'v', name: 'Veradigm', isUs: false, coverage: 0.3, prices: [{ model: 'per_user', low: 3000, high: 6000, currency: 'USD', observedAt: d('2026-01-01') }] }])
    expect(p).toMatchObject({ pricePerBed: null, currency: null, coverage: 30 })
  })
})
