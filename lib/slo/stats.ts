/**
 * Statistics for the SLA reports: is the change in compliance between two periods more than noise?
 * Pure functions, no I/O; the distribution functions are the shared ones in lib/stats.ts.
 */
import { twoSidedNormalPValue } from '@/lib/stats'

/** P(|Z| ≥ |z|) for a standard normal Z (exact in the far tail: large SLI volumes give p-values like 1e-74). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, twoSidedNormalPValue(Math.abs(z)))
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
