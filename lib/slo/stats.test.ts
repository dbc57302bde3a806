import { describe, expect, it } from 'vitest'
import { twoProportionZTest, twoSidedPValue } from './stats'

/** Relative closeness, for p-values that span many orders of magnitude. */
const close = (actual: number, expected: number, rel = 1e-5) => expect(Math.abs(actual - expected) / expected).toBeLessThan(rel)

describe('the normal tail', () => {
  // P(|Z| ≥ x·√2) = erfc(x); reference values of erfc.
  it.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
  ])('twoSidedPValue(%f·√2) = erfc = %f', (x, expected) => close(twoSidedPValue(x * Math.SQRT2), expected))

  it('is symmetric', () => close(twoSidedPValue(-1.5), twoSidedPValue(1.5), 1e-12))

  it('gives the familiar two-sided critical values', () => {
    expect(twoSidedPValue(1.959964)).toBeCloseTo(0.05, 6)
    expect(twoSidedPValue(2.575829)).toBeCloseTo(0.01, 6)
    expect(twoSidedPValue(0)).toBe(1)
  })
})

describe('twoProportionZTest: worked examples (reference values from the pooled formula, computed independently)', () => {
  it.each([
    // good1, total1, good2, total2, z, p
    { case: 'textbook: 45/100 vs 56/100', a: [45, 100, 56, 100], z: -1.5557127061904528, p: 0.11977642377972289, significant: false },
    { case: 'just significant: 90/100 vs 80/100', a: [90, 100, 80, 100], z: 1.9802950859533481, p: 0.047670380656161505, significant: true },
    { case: 'availability 99.70 % vs 99.80 % over 100k requests', a: [99_700, 100_000, 99_800, 100_000], z: -4.477736628396501, p: 7.543858884510531e-6, significant: true },
    { case: '99.90 % vs 99.85 % over 10k: noise', a: [9_990, 10_000, 9_985, 10_000], z: 1.0006255865484204, p: 0.31700785529947345, significant: false },
    { case: '99.95 % vs 99.90 % over 2M: tiny p keeps its magnitude', a: [1_999_000, 2_000_000, 1_998_000, 2_000_000], z: 18.264268969058847, p: 1.5933246323405983e-74, significant: true },
  ])('$case', ({ a, z, p, significant }) => {
    const [g1, n1, g2, n2] = a as [number, number, number, number]
    const r = twoProportionZTest(g1, n1, g2, n2)
    expect(r).not.toBeNull()
    expect(r!.z).toBeCloseTo(z, 9)
    close(r!.pValue, p, 1e-4)
    expect(r!.significant).toBe(significant)
    expect(r!.difference).toBeCloseTo(g1 / n1 - g2 / n2, 12)
  })

  it('is symmetric: swapping the periods flips z and keeps p', () => {
    const ab = twoProportionZTest(45, 100, 56, 100)!
    const ba = twoProportionZTest(56, 100, 45, 100)!
    expect(ba.z).toBeCloseTo(-ab.z, 12)
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12)
  })

  it.each([
    { case: 'an empty period', a: [0, 0, 10, 10] },
    { case: 'no failures in either period (nothing to compare)', a: [1000, 1000, 500, 500] },
    { case: 'too few expected failures for the normal approximation', a: [998, 1000, 999, 1000] },
    { case: 'good above total', a: [11, 10, 5, 10] },
    { case: 'negative counts', a: [-1, 10, 5, 10] },
    { case: 'not a number', a: [Number.NaN, 10, 5, 10] },
  ])('does not apply to $case', ({ a }) => {
    const [g1, n1, g2, n2] = a as [number, number, number, number]
    expect(twoProportionZTest(g1, n1, g2, n2)).toBeNull()
  })
})
