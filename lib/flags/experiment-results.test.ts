import { describe, expect, it } from 'vitest'
import { computeExperimentResults, formatPValue, type VariantCounts } from './experiment-results'

const v = (variant: string, exposures: number, conversions: number, weight: number | null = 50): VariantCounts => ({
  variant,
  exposures,
  conversions,
  weight,
})

describe('formatPValue', () => {
  it.each([
    [0.2134, 'p = 0.21'],
    [0.0074196, 'p = 0.0074'],
    [0.0499, 'p = 0.05'],
    [0.0004, 'p < 0.001'],
    [0.999, 'p > 0.99'],
    [null, 'p not available'],
    [Number.NaN, 'p not available'],
  ])('%s → %s', (p, text) => {
    expect(formatPValue(p)).toBe(text)
  })
})

describe('computeExperimentResults', () => {
  it('compares a treatment with the control (200/1000 vs 250/1000)', () => {
    const r = computeExperimentResults([v('control', 1000, 200), v('treatment', 1000, 250)], 'control')
    const [control, treatment] = r.variants
    expect(control).toMatchObject({ isControl: true, rate: 0.2, lift: null, pValue: null, differenceInterval: null })
    expect(treatment!.rate).toBe(0.25)
    expect(treatment!.lift).toBeCloseTo(0.25, 12)
    expect(treatment!.z).toBeCloseTo(2.6774, 4)
    expect(treatment!.pValue).toBeCloseTo(0.00742, 5)
    expect(treatment!.differenceInterval!.lower).toBeGreaterThan(0)
    expect(treatment!.rateInterval!.lower).toBeLessThan(0.25)
    expect(r.srm?.mismatch).toBe(false)
    expect(r.alpha).toBe(0.05)
    expect(r.verdict).toEqual({ tone: 'ok', text: 'Significant: treatment converts better than control (p = 0.0074, +25.0%).' })
  })

  it('says a worse variant is worse', () => {
    const r = computeExperimentResults([v('control', 1000, 250), v('b', 1000, 200)], 'control')
    expect(r.verdict.tone).toBe('at-risk')
    expect(r.verdict.text).toBe('Significant: b converts worse than control (p = 0.0074, -20.0%).')
  })

  it('is not significant yet for a small difference', () => {
    const r = computeExperimentResults([v('control', 400, 40), v('b', 400, 48)], 'control')
    expect(r.verdict).toEqual({ tone: 'neutral', text: `Not significant yet (${formatPValue(r.variants[1]!.pValue)}).` })
    expect(r.variants[1]!.pValue).toBeGreaterThan(0.05)
  })

  it('splits α across several treatments (Bonferroni)', () => {
    // p ≈ 0.035 is significant alone but not with three treatments (α = 0.0167).
    const r = computeExperimentResults([v('control', 1000, 100, 25), v('a', 1000, 130, 25), v('b', 1000, 100, 25), v('c', 1000, 101, 25)], 'control')
    expect(r.alpha).toBeCloseTo(0.05 / 3, 12)
    const a = r.variants.find((x) => x.variant === 'a')!
    expect(a.pValue).toBeGreaterThan(r.alpha)
    expect(a.pValue).toBeLessThan(0.05)
    expect(r.verdict.text).toMatch(/^Not significant yet/)
  })

  it('a sample-ratio mismatch overrides every other verdict', () => {
    const r = computeExperimentResults([v('control', 821_588, 80_000), v('b', 815_482, 90_000)], 'control')
    expect(r.srm?.mismatch).toBe(true)
    expect(r.verdict.tone).toBe('breached')
    expect(r.verdict.text).toMatch(/^Sample ratio mismatch \(p < 0\.001\)/)
  })

  it('has no SRM check when a variant has no configured weight', () => {
    const r = computeExperimentResults([v('control', 100, 10, null), v('b', 100, 12, null)], 'control')
    expect(r.srm).toBeNull()
    expect(r.srmUnavailable).toMatch(/no percentage split/)
  })

  it('says why there is nothing to conclude', () => {
    expect(computeExperimentResults([v('control', 0, 0), v('b', 0, 0)], 'control').verdict.text).toMatch(/^No data yet/)
    expect(computeExperimentResults([v('control', 0, 0), v('b', 10, 1)], 'control').verdict.text).toMatch(/nobody has been exposed to the control/)
    expect(computeExperimentResults([v('a', 10, 1), v('b', 10, 2)], 'control').verdict.text).toMatch(/^No control variant/)
    // Both at 0 %: no variance, no test.
    expect(computeExperimentResults([v('control', 10, 0), v('b', 10, 0)], 'control').verdict.text).toMatch(/^Not enough data yet/)
  })
})
