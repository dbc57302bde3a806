/**
 * An experiment's results from its per-variant counts: rates, lift and intervals against the control, the
 * sample-ratio check and a verdict in plain words. Pure (lib/flags/experiments.ts reads the counts).
 */
import {
  newcombeDifferenceInterval,
  relativeLift,
  sampleRatioMismatch,
  SRM_ALPHA,
  twoProportionZTest,
  wilsonInterval,
  type Interval,
  type SrmResult,
} from '@/lib/stats'

/** Significance level of the comparison with control, before the Bonferroni split across variants. */
export const ALPHA = 0.05

export interface VariantCounts {
  variant: string
  /** Distinct subjects exposed. */
  exposures: number
  /** Distinct exposed subjects who converted. */
  conversions: number
  /** Configured weight (any scale); null when the flag serves no split that names this variant. */
  weight: number | null
}

export interface VariantResult extends VariantCounts {
  isControl: boolean
  /** Conversions ÷ exposures; null without exposures. */
  rate: number | null
  rateInterval: Interval | null
  /** Relative to control; null for the control and without a baseline. */
  lift: number | null
  /** 95 % interval of (rate − control rate), Newcombe's hybrid score method; null for the control. */
  differenceInterval: Interval | null
  z: number | null
  pValue: number | null
}

export type VerdictTone = 'neutral' | 'ok' | 'breached' | 'at-risk'

export interface Verdict {
  tone: VerdictTone
  /** One sentence, e.g. "Not significant yet (p = 0.21)". */
  text: string
}

export interface ExperimentResults {
  variants: VariantResult[]
  /** Null when weights are unknown or nothing was exposed. */
  srm: SrmResult | null
  /** Why there is no SRM check, in words, when there is none. */
  srmUnavailable?: string
  /** Per-comparison significance level after Bonferroni (ALPHA ÷ number of treatment variants). */
  alpha: number
  verdict: Verdict
}

/** "p = 0.21", "p = 0.0074", "p < 0.001", "p > 0.99". */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'p not available'
  if (p < 0.001) return 'p < 0.001'
  if (p < 0.01) return `p = ${p.toPrecision(2)}`
  if (p > 0.99) return 'p > 0.99'
  return `p = ${p.toFixed(2)}`
}

function signedPercent(x: number): string {
  const s = (x * 100).toFixed(1)
  return x > 0 ? `+${s}%` : `${s}%`
}

function verdictOf(results: VariantResult[], control: VariantResult | undefined, srm: SrmResult | null, alpha: number): Verdict {
  const exposed = results.reduce((s, r) => s + r.exposures, 0)
  if (exposed === 0) return { tone: 'neutral', text: 'No data yet: nobody has been exposed to this experiment.' }
  if (srm?.mismatch) {
    return {
      tone: 'breached',
      text: `Sample ratio mismatch (${formatPValue(srm.pValue)}): the exposures do not match the configured weights, so these results cannot be trusted. Check assignment and event delivery first.`,
    }
  }
  if (!control) return { tone: 'neutral', text: 'No control variant: there is nothing to compare with.' }
  if (control.exposures === 0) return { tone: 'neutral', text: `Not enough data yet: nobody has been exposed to the control (${control.variant}).` }
  const compared = results.filter((r) => !r.isControl && r.pValue !== null)
  if (compared.length === 0) return { tone: 'neutral', text: 'Not enough data yet: no variant can be compared with the control.' }
  const significant = compared.filter((r) => r.pValue! < alpha)
  if (significant.length === 0) {
    const best = compared.reduce((a, b) => (b.pValue! < a.pValue! ? b : a))
    return { tone: 'neutral', text: `Not significant yet (${formatPValue(best.pValue)}).` }
  }
  const winner = significant.reduce((a, b) => ((b.rate ?? 0) > (a.rate ?? 0) ? b : a))
  const better = (winner.rate ?? 0) > (control.rate ?? 0)
  const lift = winner.lift === null ? '' : `, ${signedPercent(winner.lift)}`
  return better
    ? { tone: 'ok', text: `Significant: ${winner.variant} converts better than ${control.variant} (${formatPValue(winner.pValue)}${lift}).` }
    : { tone: 'at-risk', text: `Significant: ${winner.variant} converts worse than ${control.variant} (${formatPValue(winner.pValue)}${lift}).` }
}

/** Results of every variant against `controlVariant`; variants are kept in the order given. */
export function computeExperimentResults(counts: readonly VariantCounts[], controlVariant: string): ExperimentResults {
  const controlCounts = counts.find((c) => c.variant === controlVariant)
  const controlP = controlCounts ? { successes: controlCounts.conversions, trials: controlCounts.exposures } : null
  const treatments = counts.filter((c) => c.variant !== controlVariant).length
  const alpha = treatments > 1 ? ALPHA / treatments : ALPHA

  const variants: VariantResult[] = counts.map((c) => {
    const p = { successes: c.conversions, trials: c.exposures }
    const isControl = c.variant === controlVariant
    const test = !isControl && controlP ? twoProportionZTest(controlP, p) : null
    return {
      ...c,
      isControl,
      rate: c.exposures > 0 ? c.conversions / c.exposures : null,
      rateInterval: wilsonInterval(c.conversions, c.exposures),
      lift: !isControl && controlP ? relativeLift(controlP, p) : null,
      differenceInterval: !isControl && controlP ? newcombeDifferenceInterval(controlP, p) : null,
      // twoProportionZTest computes control − treatment; shown as treatment − control.
      z: test ? -test.z : null,
      pValue: test ? test.pValue : null,
    }
  })

  let srm: SrmResult | null = null
  let srmUnavailable: string | undefined
  if (counts.some((c) => c.weight === null)) {
    srmUnavailable = 'The flag serves no percentage split naming every variant in this environment, so there are no weights to check against.'
  } else {
    srm = sampleRatioMismatch(
      counts.map((c) => c.exposures),
      counts.map((c) => c.weight ?? 0),
    )
    if (!srm) srmUnavailable = 'Needs exposures and at least two variants with a weight.'
  }

  return { variants, srm, ...(srmUnavailable ? { srmUnavailable } : {}), alpha, verdict: verdictOf(variants, variants.find((v) => v.isControl), srm, alpha) }
}

export { SRM_ALPHA }
