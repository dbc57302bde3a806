import jStat from 'jstat'
import { describe, expect, it } from 'vitest'
import {
  chiSquareCdf,
  chiSquareSurvival,
  newcombeDifferenceInterval,
  normalCdf,
  regularizedGammaQ,
  relativeLift,
  sampleRatioMismatch,
  twoProportionZTest,
  twoSidedNormalPValue,
  waldDifferenceInterval,
  wilsonInterval,
  Z_95,
} from '@/lib/stats'

// ln Γ and P(a, x) come from jStat: these pin its results to the tolerances the p-values need.
describe('special functions', () => {
  it.each([
    [1, 0],
    [5, Math.log(24)],
    [10, Math.log(362_880)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [0.1, Math.log(9.513507698668732)],
  ])('ln Γ(%d)', (x, expected) => {
    expect(jStat.gammaln(x)).toBeCloseTo(expected, 10)
  })

  it('P and Q of the incomplete gamma function add up to 1 and match closed forms', () => {
    // For a = 1, P(1, x) = 1 − e^−x.
    for (const x of [0.01, 0.5, 1, 2, 5, 30]) {
      expect(jStat.lowRegGamma(1, x)).toBeCloseTo(1 - Math.exp(-x), 12)
      expect(jStat.lowRegGamma(1, x) + regularizedGammaQ(1, x)).toBeCloseTo(1, 12)
      // Q's continued fraction agrees with jStat's P on both sides of the switch at x = a + 1.
      expect(regularizedGammaQ(3, x)).toBeCloseTo(1 - jStat.lowRegGamma(3, x), 12)
    }
    expect(jStat.lowRegGamma(3, 0)).toBe(0)
    expect(regularizedGammaQ(3, 0)).toBe(1)
    expect(regularizedGammaQ(3, Number.POSITIVE_INFINITY)).toBe(0)
    expect(jStat.lowRegGamma(-1, 1)).toBeNaN()
    expect(regularizedGammaQ(-1, 1)).toBeNaN()
  })

  // Critical values from standard chi-square tables (upper 5 % and 1 % points).
  it.each([
    [3.841458820694124, 1, 0.05],
    [5.991464547107979, 2, 0.05],
    [7.814727903251178, 3, 0.05],
    [11.070497693516351, 5, 0.05],
    [18.307038053275146, 10, 0.05],
    [6.634896601021214, 1, 0.01],
    [9.21034037197618, 2, 0.01],
    [124.342, 100, 0.05],
  ])('χ² = %d with %d df has p = %d', (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 5)
    expect(chiSquareCdf(x, df)).toBeCloseTo(1 - p, 5)
  })

  it('the chi-square CDF at known points', () => {
    expect(chiSquareCdf(1, 3)).toBeCloseTo(0.198748, 6)
    expect(chiSquareCdf(2, 2)).toBeCloseTo(1 - Math.exp(-1), 12)
    expect(chiSquareCdf(0, 4)).toBe(0)
    expect(chiSquareCdf(Number.POSITIVE_INFINITY, 4)).toBe(1)
    expect(chiSquareSurvival(-1, 4)).toBe(1)
  })

  it('the normal CDF and two-sided tail', () => {
    expect(jStat.normal.inv(0.975, 0, 1)).toBeCloseTo(Z_95, 12)
    expect(normalCdf(Z_95)).toBeCloseTo(0.975, 12)
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931457, 12)
    expect(normalCdf(0)).toBeCloseTo(0.5, 12)
    expect(twoSidedNormalPValue(Z_95)).toBeCloseTo(0.05, 12)
    expect(twoSidedNormalPValue(-2.575829303548901)).toBeCloseTo(0.01, 12)
    // Far tails keep their relative precision (no 1 − 1 cancellation).
    expect(twoSidedNormalPValue(5) / 5.733031438470704e-7).toBeCloseTo(1, 6)
    expect(twoSidedNormalPValue(10) / 1.523970604832105e-23).toBeCloseTo(1, 6)
    // Why the tail is not jStat's: its normal CDF is 1 − erf and cancels to 0 there.
    expect(2 * jStat.normal.cdf(-10, 0, 1)).toBe(0)
  })
})

describe('two-proportion z-test', () => {
  it('200/1000 vs 250/1000: z ≈ −2.68, p ≈ 0.0074', () => {
    const r = twoProportionZTest({ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 })
    expect(r?.z).toBeCloseTo(-2.6774, 4)
    expect(r?.pValue).toBeCloseTo(0.00742, 5)
  })

  it('is symmetric: swapping the groups flips z and keeps p', () => {
    const a = { successes: 45, trials: 300 }
    const b = { successes: 30, trials: 310 }
    const ab = twoProportionZTest(a, b)!
    const ba = twoProportionZTest(b, a)!
    expect(ab.z).toBeCloseTo(-ba.z, 12)
    expect(ab.pValue).toBeCloseTo(ba.pValue, 12)
  })

  it('equal rates give z = 0 and p = 1', () => {
    expect(twoProportionZTest({ successes: 10, trials: 100 }, { successes: 20, trials: 200 })).toEqual({ z: 0, pValue: 1 })
  })

  it('a textbook example (Moore & McCabe style): 0.52 of 1000 vs 0.48 of 1000', () => {
    // Pooled p = 0.5, se = √(0.25 · 0.002) = 0.02236, z = 1.7889, p = 0.0736.
    const r = twoProportionZTest({ successes: 520, trials: 1000 }, { successes: 480, trials: 1000 })!
    expect(r.z).toBeCloseTo(1.78885, 4)
    expect(r.pValue).toBeCloseTo(0.07364, 4)
  })

  it('has nothing to test without subjects or without variance', () => {
    expect(twoProportionZTest({ successes: 0, trials: 0 }, { successes: 1, trials: 10 })).toBeNull()
    expect(twoProportionZTest({ successes: 0, trials: 10 }, { successes: 0, trials: 10 })).toBeNull()
    expect(twoProportionZTest({ successes: 10, trials: 10 }, { successes: 5, trials: 5 })).toBeNull()
  })
})

describe('intervals', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, Wilson score method.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('Wilson interval of %d/%d is %d to %d', (x, n, lower, upper) => {
    const ci = wilsonInterval(x, n)!
    expect(ci.lower).toBeCloseTo(lower, 4)
    expect(ci.upper).toBeCloseTo(upper, 4)
  })

  it('Wilson interval stays inside [0, 1] and is empty without trials', () => {
    const all = wilsonInterval(20, 20)!
    expect(all.upper).toBe(1)
    expect(all.lower).toBeCloseTo(0.8389, 4)
    expect(wilsonInterval(0, 0)).toBeNull()
  })

  // Newcombe (1998), "Interval estimation for the difference between independent proportions", example (a):
  // 56/70 vs 48/80, difference 0.2; Wald (method 1) 0.0575 to 0.3425; hybrid score (method 10) 0.0524 to 0.3339.
  it('difference intervals of Newcombe’s example (a)', () => {
    const control = { successes: 48, trials: 80 }
    const treatment = { successes: 56, trials: 70 }
    const wald = waldDifferenceInterval(control, treatment)!
    expect(wald.lower).toBeCloseTo(0.0575, 4)
    expect(wald.upper).toBeCloseTo(0.3425, 4)
    const score = newcombeDifferenceInterval(control, treatment)!
    expect(score.lower).toBeCloseTo(0.0524, 4)
    expect(score.upper).toBeCloseTo(0.3339, 4)
  })

  it('Newcombe’s example (b): 9/10 vs 3/10 gives 0.1705 to 0.8090', () => {
    const score = newcombeDifferenceInterval({ successes: 3, trials: 10 }, { successes: 9, trials: 10 })!
    expect(score.lower).toBeCloseTo(0.1705, 4)
    expect(score.upper).toBeCloseTo(0.809, 3)
  })

  it('difference intervals need both groups', () => {
    expect(newcombeDifferenceInterval({ successes: 0, trials: 0 }, { successes: 1, trials: 2 })).toBeNull()
    expect(waldDifferenceInterval({ successes: 1, trials: 2 }, { successes: 0, trials: 0 })).toBeNull()
  })
})

describe('relative lift', () => {
  it('is the change relative to control', () => {
    expect(relativeLift({ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 })).toBeCloseTo(0.25, 12)
    expect(relativeLift({ successes: 100, trials: 1000 }, { successes: 90, trials: 1000 })).toBeCloseTo(-0.1, 12)
  })

  it('has no baseline when control never converted', () => {
    expect(relativeLift({ successes: 0, trials: 1000 }, { successes: 5, trials: 1000 })).toBeNull()
    expect(relativeLift({ successes: 5, trials: 100 }, { successes: 0, trials: 0 })).toBeNull()
  })
})

describe('sample-ratio mismatch', () => {
  // Kohavi, Tang & Xu, "Trustworthy Online Controlled Experiments" (2020), ch. 21: a 50/50 experiment with
  // 821,588 vs 815,482 users (ratio 0.993) has p ≈ 1.8e-6, a real mismatch.
  it('flags Kohavi’s worked example', () => {
    const r = sampleRatioMismatch([821_588, 815_482], [50, 50])!
    expect(r.chiSquare).toBeCloseTo(22.77, 2)
    expect(r.df).toBe(1)
    expect(r.pValue).toBeCloseTo(1.8e-6, 7)
    expect(r.mismatch).toBe(true)
  })

  it('accepts a split that matches its weights', () => {
    const r = sampleRatioMismatch([5_012, 4_988], [50, 50])!
    expect(r.chiSquare).toBeCloseTo(0.0576, 4)
    expect(r.pValue).toBeCloseTo(0.8103, 4)
    expect(r.mismatch).toBe(false)
  })

  it('uses variants − 1 degrees of freedom and uneven weights', () => {
    // 10/30/60 split of 1,000: expected 100/300/600; observed 120/290/590 → χ² = 4 + 0.3333 + 0.1667 = 4.5.
    const r = sampleRatioMismatch([120, 290, 590], [10, 30, 60])!
    expect(r.expected).toEqual([100, 300, 600])
    expect(r.chiSquare).toBeCloseTo(4.5, 10)
    expect(r.df).toBe(2)
    expect(r.pValue).toBeCloseTo(Math.exp(-2.25), 10) // χ²(2) survival is e^(−x/2)
    expect(r.mismatch).toBe(false)
  })

  it('weights need not add up to 100', () => {
    expect(sampleRatioMismatch([500, 500], [1, 1])!.chiSquare).toBe(0)
  })

  it('exposures of a zero-weight variant are a mismatch', () => {
    const r = sampleRatioMismatch([500, 480, 3], [50, 50, 0])!
    expect(r.df).toBe(1)
    expect(r.pValue).toBe(0)
    expect(r.mismatch).toBe(true)
  })

  it('needs exposures and at least two weighted variants', () => {
    expect(sampleRatioMismatch([0, 0], [50, 50])).toBeNull()
    expect(sampleRatioMismatch([10, 0], [100, 0])).toBeNull()
    expect(() => sampleRatioMismatch([1, 2, 3], [50, 50])).toThrow(RangeError)
  })
})
