/**
 * Error-budget and burn-rate maths (Google SRE workbook, "Alerting on SLOs"). Pure: no I/O, no clock.
 *
 * Conventions:
 * - `target` is a fraction (0.999). The error budget is the fraction of events (or timeslices) allowed to
 *   be bad: 1 − target.
 * - A 100 % target has no budget. Its burn rate is 0 without errors and Infinity with any error (callers
 *   report Infinity as null, "n/a"), its budget remaining is 1 without errors and 0 with any.
 * - `null` means "no events": nothing to judge, which is not the same as perfect.
 */
import type { AlertSeverity, BurnRates, BurnWindow, RuleWorkings, SloStatus } from './types'

export interface Counts {
  good: number
  total: number
}

/** Comparisons at a threshold are made with this relative slack so that 14.4 computed as 14.399999… still counts as 14.4. */
const EPS = 1e-9

/** The fraction of events allowed to be bad. */
export function errorBudget(target: number): number {
  return Math.max(0, 1 - target)
}

/** The error budget as time over a window: 99.9 % over 30 days (43,200 min) allows 43.2 minutes of total outage. */
export function errorBudgetMinutes(target: number, windowMinutes: number): number {
  return errorBudget(target) * windowMinutes
}

export function compliance({ good, total }: Counts): number | null {
  return total > 0 ? good / total : null
}

export function errorRatio({ good, total }: Counts): number | null {
  return total > 0 ? (total - good) / total : null
}

/** Burn rate = error ratio ÷ error budget: 1 spends the budget exactly over the window, 14.4 spends 2 % of a 30-day budget in 1 h. */
export function burnRate(counts: Counts, target: number): number | null {
  const ratio = errorRatio(counts)
  if (ratio === null) return null
  const budget = errorBudget(target)
  if (budget <= 0) return ratio > 0 ? Infinity : 0
  return ratio / budget
}

/** Fraction of the budget the counts have spent (0 without events). */
export function budgetConsumed(counts: Counts, target: number): number {
  if (counts.total <= 0) return 0
  const budget = errorBudget(target)
  const errors = counts.total - counts.good
  if (budget <= 0) return errors > 0 ? Infinity : 0
  return errors / (budget * counts.total)
}

/** Fraction of the budget left: 1 − consumed, below 0 once overspent; 0 or 1 for a 100 % target. */
export function budgetRemaining(counts: Counts, target: number): number {
  const consumed = budgetConsumed(counts, target)
  return Number.isFinite(consumed) ? 1 - consumed : 0
}

/** The budget left as minutes of total outage at the window's length. */
export function budgetRemainingMinutes(remaining: number, target: number, windowMinutes: number): number {
  return remaining * errorBudgetMinutes(target, windowMinutes)
}

/** Fraction of a window's budget that burning at `rate` for `hours` spends: 14.4 for 1 h of 720 h = 0.02. */
export function budgetSpentByBurn(rate: number, hours: number, windowHours: number): number {
  return (rate * hours) / windowHours
}

/** Infinity and NaN become null, for JSON and charts. */
export function finiteOrNull(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : x
}

// ─── Timeslices ─────────────────────────────────────────────────────────────────────────────────────

/** A timeslice is good when its good/total meets the slice target; a slice without events does not count (null). */
export function isGoodSlice(slice: Counts, timesliceTarget: number): boolean | null {
  if (slice.total <= 0) return null
  return slice.good / slice.total >= timesliceTarget - EPS
}

/** Good slices over slices that saw events: OpenSLO's Timeslices budgeting method. */
export function timesliceCounts(slices: Counts[], timesliceTarget: number): Counts {
  let good = 0
  let total = 0
  for (const s of slices) {
    const ok = isGoodSlice(s, timesliceTarget)
    if (ok === null) continue
    total++
    if (ok) good++
  }
  return { good, total }
}

// ─── Multi-window, multi-burn-rate alerts ───────────────────────────────────────────────────────────

export interface BurnRule {
  name: 'page_1h' | 'page_6h' | 'ticket_1d' | 'ticket_3d'
  severity: AlertSeverity
  long: BurnWindow
  short: BurnWindow
  longHours: number
  /** Fraction of the whole window's budget that the rule lets burn within its long window before it fires. */
  budgetFraction: number
}

/**
 * The workbook's rules for a 30-day SLO: page at 14.4 (1 h and 5 min) or 6 (6 h and 30 min), ticket at 3
 * (1 d and 2 h) or 1 (3 d and 6 h). Expressed as budget fractions (2 %, 5 %, 10 %, 10 %) so that the
 * factors scale with any window: factor = fraction × window hours ÷ long-window hours.
 */
export const BURN_RULES: readonly BurnRule[] = [
  { name: 'page_1h', severity: 'page', long: '1h', short: '5m', longHours: 1, budgetFraction: 0.02 },
  { name: 'page_6h', severity: 'page', long: '6h', short: '30m', longHours: 6, budgetFraction: 0.05 },
  { name: 'ticket_1d', severity: 'ticket', long: '1d', short: '2h', longHours: 24, budgetFraction: 0.1 },
  { name: 'ticket_3d', severity: 'ticket', long: '3d', short: '6h', longHours: 72, budgetFraction: 0.1 },
]

const round9 = (x: number) => Math.round(x * 1e9) / 1e9

/** The burn-rate threshold of a rule for an SLO window of `windowHours` (720 h for 30 days). */
export function ruleThreshold(rule: BurnRule, windowHours: number): number {
  return round9((rule.budgetFraction * windowHours) / rule.longHours)
}

/** Thresholds for charts: page [1 h rule, 6 h rule], ticket [1 d rule, 3 d rule]. */
export function burnThresholds(windowHours: number): { page: [number, number]; ticket: [number, number] } {
  const [p1, p6, t1, t3] = BURN_RULES.map((r) => ruleThreshold(r, windowHours)) as [number, number, number, number]
  return { page: [p1, p6], ticket: [t1, t3] }
}

const exceeds = (rate: number | null, threshold: number) => rate !== null && rate > threshold * (1 + EPS)

export interface BurnInput {
  rates: BurnRates
  /** Raw events per window (for the low-traffic guard), whatever the budgeting method. */
  events: Record<BurnWindow, number>
  windowHours: number
  /** Fewer events than this in a rule's long window never fire it. */
  minEvents: number
}

export interface BurnDecision {
  rules: RuleWorkings[]
  /** The first firing page rule (1 h before 6 h), or null. */
  page: RuleWorkings | null
  /** The first firing ticket rule (1 d before 3 d), or null. */
  ticket: RuleWorkings | null
}

/** A rule fires when both its long and its short window burn above the threshold and the long window saw enough events. */
export function evaluateBurnRules(input: BurnInput): BurnDecision {
  const rules = BURN_RULES.map((rule): RuleWorkings => {
    const threshold = ruleThreshold(rule, input.windowHours)
    const longRate = input.rates[rule.long]
    const shortRate = input.rates[rule.short]
    const longEvents = input.events[rule.long]
    const over = exceeds(longRate, threshold) && exceeds(shortRate, threshold)
    const enough = longEvents >= input.minEvents
    return {
      rule: rule.name,
      severity: rule.severity,
      longWindow: rule.long,
      shortWindow: rule.short,
      threshold,
      longBurnRate: finiteOrNull(longRate),
      shortBurnRate: finiteOrNull(shortRate),
      longEvents,
      shortEvents: input.events[rule.short],
      minEvents: input.minEvents,
      fired: over && enough,
      ...(over && !enough ? { suppressed: 'low_traffic' as const } : {}),
    }
  })
  return {
    rules,
    page: rules.find((r) => r.severity === 'page' && r.fired) ?? null,
    ticket: rules.find((r) => r.severity === 'ticket' && r.fired) ?? null,
  }
}

/** Below this fraction of budget left an SLO is at risk even when no rule fires. */
export const AT_RISK_BUDGET = 0.25

/**
 * breached: compliance below target (the window's budget is gone); at_risk: a burn-rate rule fires or less
 * than a quarter of the budget is left; ok otherwise (including a window with no events yet).
 */
export function sloStatus(input: { compliance: number | null; target: number; budgetRemaining: number | null; firing: boolean }): SloStatus {
  if (input.compliance !== null && input.compliance < input.target - EPS) return 'breached'
  if (input.firing) return 'at_risk'
  if (input.budgetRemaining !== null && input.budgetRemaining < AT_RISK_BUDGET) return 'at_risk'
  return 'ok'
}
