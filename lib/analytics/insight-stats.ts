/**
 * The statistics of the analytics-insights job: which workflow steps lose significantly more people than
 * in the previous period. Pure; the job (insights.ts) feeds it funnel counts and stores what it finds.
 *
 * Per workflow, for the whole hospital and for each department, and per step i ≥ 2:
 * - base = people who reached step i − 1, lost = those of them who did not reach step i; the drop-off
 *   rate is lost ÷ base, in the current period and in the previous period of equal length.
 * - Minimum sample: base ≥ max(MIN_BASE, k) in both periods, and the normal approximation must hold
 *   (at least MIN_EXPECTED expected lost and kept people in each period under the pooled rate). Smaller
 *   comparisons are not tested (they are counted as skipped): a rate of 3 of 8 says little, and groups
 *   under k people are not published anyway.
 * - Test: the pooled two-proportion z-test (lib/stats.ts), one-sided: H1 is "the drop-off rate rose".
 *   z = (p_current − p_previous) ÷ √(p̄(1 − p̄)(1/n_current + 1/n_previous)), p = P(Z ≥ z).
 *   The same clinician may be counted in both periods; a person's behaviour is positively correlated
 *   across weeks, which makes the true variance of the difference smaller than the test assumes, so the
 *   test errs on the side of fewer findings.
 * - Multiple comparisons: every test of one run (all workflows, groups and steps) goes through the
 *   Benjamini–Hochberg procedure at FDR_LEVEL, so about 5 % of the findings of a run are expected to be
 *   false, however many steps and departments there are.
 * - Priority (the product's severity scale: high, medium, low) from the size of the increase in
 *   percentage points and the people it affected, i.e. lost beyond what the previous rate predicts:
 *   excess = lost_current − base_current × p_previous.
 *     high:   ≥ 10 pp and ≥ 10 people, or ≥ 3 pp and ≥ 50 people
 *     medium: ≥ 5 pp and ≥ 5 people, or ≥ 20 people
 *     low:    any other significant increase
 */
import { twoSidedNormalPValue } from '../stats'

/** Smallest base (people reaching the previous step) tested, in each period. */
export const MIN_BASE = 30
/** Smallest expected count of lost and of kept people per period for the normal approximation. */
export const MIN_EXPECTED = 5
/** The false discovery rate of one run. */
export const FDR_LEVEL = 0.05

export type InsightPriority = 'high' | 'medium' | 'low'
export const INSIGHT_PRIORITIES = ['high', 'medium', 'low'] as const satisfies readonly InsightPriority[]

/** [min increase in pp, min people affected] pairs; either pair qualifies. */
export const PRIORITY_RULES: Record<Exclude<InsightPriority, 'low'>, readonly (readonly [pp: number, people: number])[]> = {
  high: [
    [10, 10],
    [3, 50],
  ],
  medium: [
    [5, 5],
    [0, 20],
  ],
}

export interface DropOff {
  /** People who reached the previous step. */
  base: number
  /** Of them, people who did not reach this step. */
  lost: number
}

/** P(Z ≥ z) for a standard normal Z, accurate in the far tail (through lib/stats' Q). */
export function upperNormalPValue(z: number): number {
  if (Number.isNaN(z)) return Number.NaN
  const half = twoSidedNormalPValue(z) / 2
  return z >= 0 ? half : 1 - half
}

/** Per step i ≥ 2 (index i − 2), base and lost from the people reaching each step of a funnel. */
export function dropOffsOf(users: readonly number[]): DropOff[] {
  return users.slice(1).map((u, i) => ({ base: users[i]!, lost: Math.max(0, users[i]! - u) }))
}

export type DropOffTest =
  | { tested: false; reason: 'small_sample' | 'no_variance' }
  | {
      tested: true
      previousRate: number
      currentRate: number
      /** (currentRate − previousRate) × 100. */
      increasePp: number
      /** lost_current − base_current × previousRate, rounded (negative when fewer were lost). */
      excessLost: number
      z: number
      /** One-sided: P(Z ≥ z) under "no change". */
      pValue: number
    }

/** One step's comparison of the current period against the previous one. */
export function testDropOffIncrease(previous: DropOff, current: DropOff, k: number): DropOffTest {
  const minBase = Math.max(MIN_BASE, k)
  if (previous.base < minBase || current.base < minBase) return { tested: false, reason: 'small_sample' }
  const pooled = (previous.lost + current.lost) / (previous.base + current.base)
  const expected = [previous.base, current.base].flatMap((n) => [n * pooled, n * (1 - pooled)])
  if (pooled === 0 || pooled === 1) return { tested: false, reason: 'no_variance' }
  if (expected.some((e) => e < MIN_EXPECTED)) return { tested: false, reason: 'small_sample' }
  const previousRate = previous.lost / previous.base
  const currentRate = current.lost / current.base
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / previous.base + 1 / current.base))
  const z = (currentRate - previousRate) / se
  return {
    tested: true,
    previousRate,
    currentRate,
    increasePp: (currentRate - previousRate) * 100,
    excessLost: Math.round(current.lost - current.base * previousRate),
    z,
    pValue: upperNormalPValue(z),
  }
}

/**
 * Benjamini–Hochberg: the adjusted p-values (q-values) in the order given, and which hypotheses are
 * rejected at `level` (those with q ≤ level). q_(i) = min over j ≥ i of m·p_(j)/j, at most 1.
 */
export function benjaminiHochberg(pValues: readonly number[], level = FDR_LEVEL): { adjusted: number[]; rejected: boolean[] } {
  const m = pValues.length
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0])
  const adjusted = new Array<number>(m)
  let running = 1
  for (let r = m - 1; r >= 0; r--) {
    const [p, i] = order[r]!
    running = Math.min(running, (m * p) / (r + 1))
    adjusted[i] = running
  }
  return { adjusted, rejected: adjusted.map((q) => q <= level) }
}

export function insightPriority(increasePp: number, excessLost: number): InsightPriority {
  const meets = (rules: readonly (readonly [number, number])[]) => rules.some(([pp, people]) => increasePp >= pp && excessLost >= people)
  if (meets(PRIORITY_RULES.high)) return 'high'
  if (meets(PRIORITY_RULES.medium)) return 'medium'
  return 'low'
}

/** One funnel series (a workflow for the whole hospital or one department) over both periods. */
export interface SeriesCounts {
  workflowKey: string
  /** '' for the whole hospital. */
  department: string
  /** Step labels, step 1 first. */
  labels: readonly string[]
  /** People reaching each step, step 1 first. */
  previousUsers: readonly number[]
  currentUsers: readonly number[]
}

export interface DropOffFinding {
  workflowKey: string
  department: string
  /** 2…n: the step people did not reach. */
  step: number
  stepLabel: string
  previous: DropOff
  current: DropOff
  previousRate: number
  currentRate: number
  increasePp: number
  excessLost: number
  z: number
  pValue: number
  /** Benjamini–Hochberg adjusted p-value over the run's tests. */
  qValue: number
  priority: InsightPriority
}

export interface DropOffAnalysis {
  findings: DropOffFinding[]
  /** Comparisons that met the minimum sample and were tested. */
  tests: number
  /** Comparisons left out for their sample size or for having no variance. */
  skipped: number
}

/** Every step of every series tested, corrected together; the significant increases, most significant first. */
export function findDropOffIncreases(series: readonly SeriesCounts[], k: number, level = FDR_LEVEL): DropOffAnalysis {
  const candidates: Omit<DropOffFinding, 'qValue' | 'priority'>[] = []
  let skipped = 0
  for (const s of series) {
    const previous = dropOffsOf(s.previousUsers)
    const current = dropOffsOf(s.currentUsers)
    current.forEach((cur, i) => {
      const prev = previous[i] ?? { base: 0, lost: 0 }
      const t = testDropOffIncrease(prev, cur, k)
      if (!t.tested) return void skipped++
      const { tested: _tested, ...stats } = t
      candidates.push({ workflowKey: s.workflowKey, department: s.department, step: i + 2, stepLabel: s.labels[i + 1] ?? `Step ${i + 2}`, previous: prev, current: cur, ...stats })
    })
  }
  const { adjusted, rejected } = benjaminiHochberg(
    candidates.map((c) => c.pValue),
    level,
  )
  const findings = candidates
    .map((c, i) => ({ ...c, qValue: adjusted[i]!, priority: insightPriority(c.increasePp, c.excessLost), significant: rejected[i]! && c.increasePp > 0 }))
    .filter((f) => f.significant)
    .map(({ significant: _s, ...f }) => f)
    .sort((a, b) => a.pValue - b.pValue)
  return { findings, tests: candidates.length, skipped }
}
