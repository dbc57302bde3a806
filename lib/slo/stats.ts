/**
 * Statistics for the SLA reports: is the change in compliance between two periods more than noise?
 * Pure functions, no I/O.
 */

/**
 * Complementary error function, erfc(x) = 1 − erf(x). Chebyshev fit from Numerical Recipes (erfcc): fractional
 * error below 1.2e-7 everywhere, so even the tiny p-values of large SLI volumes keep their order of magnitude.
 */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export function twoSidedPValue(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2))
}

/** Below this a difference is called significant (the usual 5 % level). */
export const SIGNIFICANCE_LEVEL = 0.05

/**
 * The normal approximation behind the z-test holds when each group expects at least this many good and this
 * many bad events under the pooled rate (the textbook rule of thumb).
 */
export const MIN_EXPECTED_COUNT = 5

export interface ProportionTest {
  /** p₁ − p₂ as a fraction (0.001 = 0.1 percentage points). */
  difference: number
  z: number
  pValue: number
  significant: boolean
}

/**
 * Two-proportion z-test (pooled, two-sided) of `good1 / total1` against `good2 / total2`. Returns null where
 * the test does not apply: an empty group, counts out of range, or too few expected good or bad events for
 * the normal approximation (e.g. two periods without a single failure: nothing to compare).
 */
export function twoProportionZTest(good1: number, total1: number, good2: number, total2: number): ProportionTest | null {
  const counts = [good1, total1, good2, total2]
  if (!counts.every((n) => Number.isFinite(n) && n >= 0)) return null
  if (total1 <= 0 || total2 <= 0 || good1 > total1 || good2 > total2) return null
  const pooled = (good1 + good2) / (total1 + total2)
  const expected = [total1 * pooled, total1 * (1 - pooled), total2 * pooled, total2 * (1 - pooled)]
  if (expected.some((e) => e < MIN_EXPECTED_COUNT)) return null
  const p1 = good1 / total1
  const p2 = good2 / total2
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / total1 + 1 / total2))
  const z = (p1 - p2) / se
  const pValue = twoSidedPValue(z)
  return { difference: p1 - p2, z, pValue, significant: pValue < SIGNIFICANCE_LEVEL }
}
