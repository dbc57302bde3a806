/**
 * Statistics shared by experiment results (lib/flags) and SLA report comparisons (lib/slo): pure functions,
 * no I/O. Distribution functions come from jstat where its precision holds; the far normal tail does not
 * (jstat gives 1 − cdf, which rounds to 0), so it is computed here as below.
 *
 * Methods (all two-sided, 95 %):
 * - Difference of two conversion rates: the pooled two-proportion z-test; the p-value is the normal tail
 *   2·(1 − Φ(|z|)), computed as Q(½, z²/2) (the regularised upper incomplete gamma function; a squared
 *   standard normal is a chi-square with one degree of freedom).
 * - Interval of one rate: Wilson score interval. Unlike the Wald interval it stays inside [0, 1] and keeps
 *   its coverage at small counts and rates near 0 or 1, which clinical pilots with few subjects produce.
 * - Interval of the difference: Newcombe's hybrid score interval (Newcombe 1998, method 10), built from the
 *   two Wilson intervals, for the same reason. The Wald interval is exported too, for comparison.
 * - Sample-ratio mismatch: Pearson's chi-square goodness-of-fit test of the exposures against the
 *   configured weights, df = variants − 1, p-value from the chi-square survival function Q(df/2, χ²/2).
 *
 * Distribution functions come from jStat (Φ, the chi-square CDF, ln Γ and P(a, x)). Only the upper tail
 * Q(a, x) is computed here: jStat has it only as 1 − P(a, x) (its normal CDF likewise as 1 − erf), which
 * cancels to 0 in the far tail (z = 10 gives 0 instead of 1.5e-23), so Q uses its continued fraction.
 */
import jStat from 'jstat'

/** z for a two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054

/** Below this SRM p-value the split is called broken (a strict threshold, as Kohavi et al. recommend, since
 * SRM checks run continuously and a false alarm would discard a good experiment). */
export const SRM_ALPHA = 0.001

const EPSILON = 1e-15
const MAX_ITERATIONS = 1_000
const TINY = 1e-300

/** Q(a, x) by its continued fraction (modified Lentz); converges quickly for x ≥ a + 1. */
function upperGammaFraction(a: number, x: number): number {
  let b = x + 1 - a
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < EPSILON) break
  }
  return Math.exp(-x + a * Math.log(x) - jStat.gammaln(a)) * h
}

/** The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN
  if (x === 0) return 1
  if (x === Number.POSITIVE_INFINITY) return 0
  return x < a + 1 ? 1 - jStat.lowRegGamma(a, x) : upperGammaFraction(a, x)
}

/** P(X ≤ x) for X ~ χ²(df). */
export function chiSquareCdf(x: number, df: number): number {
  if (x <= 0) return 0
  if (x === Number.POSITIVE_INFINITY) return 1
  return jStat.chisquare.cdf(x, df)
}

/** P(X > x) for X ~ χ²(df): the p-value of a chi-square statistic. */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1
  return regularizedGammaQ(df / 2, x / 2)
}

/** Two-sided normal tail P(|Z| ≥ |z|) = Q(½, z²/2). */
export function twoSidedNormalPValue(z: number): number {
  if (Number.isNaN(z)) return Number.NaN
  return chiSquareSurvival(z * z, 1)
}

/** Φ(z), the standard normal CDF. */
export function normalCdf(z: number): number {
  return jStat.normal.cdf(z, 0, 1)
}

export interface Interval {
  lower: number
  upper: number
}

/** Wilson score interval of a proportion; null without trials. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials <= 0) return null
  const p = successes / trials
  const z2 = z * z
  const denominator = 1 + z2 / trials
  const centre = (p + z2 / (2 * trials)) / denominator
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) }
}

export interface Proportion {
  /** Subjects who converted. */
  successes: number
  /** Subjects exposed. */
  trials: number
}

/** Wald interval of p_b − p_a (unpooled standard error); shown for comparison with textbooks. */
export function waldDifferenceInterval(a: Proportion, b: Proportion, z = Z_95): Interval | null {
  if (a.trials <= 0 || b.trials <= 0) return null
  const pa = a.successes / a.trials
  const pb = b.successes / b.trials
  const se = Math.sqrt((pa * (1 - pa)) / a.trials + (pb * (1 - pb)) / b.trials)
  const d = pb - pa
  return { lower: d - z * se, upper: d + z * se }
}

/** Newcombe's hybrid score interval of p_b − p_a (method 10), from each rate's Wilson interval. */
export function newcombeDifferenceInterval(a: Proportion, b: Proportion, z = Z_95): Interval | null {
  const ia = wilsonInterval(a.successes, a.trials, z)
  const ib = wilsonInterval(b.successes, b.trials, z)
  if (!ia || !ib) return null
  const pa = a.successes / a.trials
  const pb = b.successes / b.trials
  const d = pb - pa
  return {
    lower: d - Math.sqrt((pb - ib.lower) ** 2 + (ia.upper - pa) ** 2),
    upper: d + Math.sqrt((ib.upper - pb) ** 2 + (pa - ia.lower) ** 2),
  }
}

export interface ZTestResult {
  /** (p_a − p_b) / pooled standard error: negative when b converts better. */
  z: number
  pValue: number
}

/**
 * Pooled two-proportion z-test of H0: p_a = p_b. Null when a group is empty or when both rates are 0 % or
 * both 100 % (no variance: nothing to test).
 */
export function twoProportionZTest(a: Proportion, b: Proportion): ZTestResult | null {
  if (a.trials <= 0 || b.trials <= 0) return null
  const pa = a.successes / a.trials
  const pb = b.successes / b.trials
  const pooled = (a.successes + b.successes) / (a.trials + b.trials)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials))
  if (!(se > 0)) return null
  const z = (pa - pb) / se
  return { z, pValue: twoSidedNormalPValue(z) }
}

/** (p_treatment − p_control) / p_control; null when the control never converted (no baseline). */
export function relativeLift(control: Proportion, treatment: Proportion): number | null {
  if (control.trials <= 0 || treatment.trials <= 0 || control.successes <= 0) return null
  const pc = control.successes / control.trials
  const pt = treatment.successes / treatment.trials
  return (pt - pc) / pc
}

export interface SrmResult {
  chiSquare: number
  df: number
  pValue: number
  /** Expected exposures per variant under the configured weights, in the order given. */
  expected: number[]
  /** True when p < SRM_ALPHA: the split does not match the weights, so the results are not trustworthy. */
  mismatch: boolean
}

/**
 * Sample-ratio mismatch: Pearson's chi-square goodness of fit of the observed exposures against the
 * configured weights. Variants with weight 0 are expected to get nobody: any exposure there is a mismatch.
 * Null with fewer than two weighted variants or no exposures.
 */
export function sampleRatioMismatch(observed: readonly number[], weights: readonly number[], alpha = SRM_ALPHA): SrmResult | null {
  if (observed.length !== weights.length) throw new RangeError('observed and weights must have the same length')
  const total = observed.reduce((s, n) => s + n, 0)
  const weightSum = weights.reduce((s, w) => s + Math.max(0, w), 0)
  const weighted = weights.filter((w) => w > 0).length
  if (total <= 0 || weightSum <= 0 || weighted < 2) return null
  const expected = weights.map((w) => (total * Math.max(0, w)) / weightSum)
  let chiSquare = 0
  let impossible = false
  observed.forEach((o, i) => {
    const e = expected[i]!
    if (e > 0) chiSquare += (o - e) ** 2 / e
    else if (o > 0) impossible = true
  })
  const df = weighted - 1
  const pValue = impossible ? 0 : chiSquareSurvival(chiSquare, df)
  return { chiSquare: impossible ? Number.POSITIVE_INFINITY : chiSquare, df, pValue, expected, mismatch: pValue < alpha }
}
