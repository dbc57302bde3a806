/**
 * The roadmap's scoring frameworks, pure (issue 16). The seeds name them without formulas, so each is
 * defined here, shown with its inputs in the UI, and worked through in scoring.test.ts.
 *
 * - RICE (Intercom's definition) = Reach × Impact × Confidence ÷ Effort: reach = people or events per
 *   quarter, impact ∈ {0.25 minimal, 0.5 low, 1 medium, 2 high, 3 massive}, confidence ∈ {50, 80, 100} %,
 *   effort in person-weeks (> 0). Higher is better.
 * - MoSCoW: must, should, could, won't — per release; a category, not a number (sorted in that order).
 * - Value vs risk: value 0–10 and risk 0–10 place an item in a 2×2 at the midpoint 5: quick wins (high
 *   value, low risk), strategic bets (high value, high risk), fill-ins (low value, low risk), avoid (low
 *   value, high risk).
 * - Clinical impact: patient safety, clinical outcome, clinician time saved and evidence strength, each
 *   0–5, weighted 0.35 / 0.30 / 0.20 / 0.15 (safety first, evidence tempers), scaled to 0–100.
 */

export const IMPACT_LEVELS = [0.25, 0.5, 1, 2, 3] as const
export type Impact = (typeof IMPACT_LEVELS)[number]
export const IMPACT_WORDS: Record<Impact, string> = { 0.25: 'minimal', 0.5: 'low', 1: 'medium', 2: 'high', 3: 'massive' }
export const CONFIDENCE_LEVELS = [50, 80, 100] as const
export type Confidence = (typeof CONFIDENCE_LEVELS)[number]

export interface RiceInput {
  reach: number
  impact: Impact
  confidence: Confidence
  /** Person-weeks. */
  effort: number
}

/** RICE = reach × impact × confidence ÷ effort; null when effort is not positive (the score would be meaningless). */
export function riceScore(i: RiceInput): number | null {
  if (!(i.effort > 0) || i.reach < 0) return null
  return (i.reach * i.impact * (i.confidence / 100)) / i.effort
}

export function explainRice(i: RiceInput): string {
  const s = riceScore(i)
  if (s === null) return 'RICE needs an effort above 0 person-weeks'
  return `${fmt(i.reach)} reached × impact ${i.impact} (${IMPACT_WORDS[i.impact]}) × ${i.confidence} % confidence ÷ ${fmt(i.effort)} person-weeks = ${fmt(s)}`
}

export const MOSCOW = ['must', 'should', 'could', 'wont'] as const
export type Moscow = (typeof MOSCOW)[number]
export const MOSCOW_WORDS: Record<Moscow, string> = { must: 'Must have', should: 'Should have', could: 'Could have', wont: 'Won’t have (this release)' }
export const moscowRank = (m: Moscow | null) => (m === null ? MOSCOW.length : MOSCOW.indexOf(m))

export type Quadrant = 'quick_win' | 'strategic_bet' | 'fill_in' | 'avoid'
export const QUADRANT_WORDS: Record<Quadrant, string> = { quick_win: 'Quick win', strategic_bet: 'Strategic bet', fill_in: 'Fill-in', avoid: 'Avoid' }

/** The value-vs-risk quadrant; the midpoint 5 counts as high on both axes. */
export function valueRiskQuadrant(value: number, risk: number): Quadrant {
  const highValue = value >= 5
  const highRisk = risk >= 5
  return highValue ? (highRisk ? 'strategic_bet' : 'quick_win') : highRisk ? 'avoid' : 'fill_in'
}

export interface ClinicalImpactInput {
  patientSafety: number
  clinicalOutcome: number
  timeSaved: number
  evidenceStrength: number
}

export const CLINICAL_WEIGHTS: Record<keyof ClinicalImpactInput, number> = { patientSafety: 0.35, clinicalOutcome: 0.3, timeSaved: 0.2, evidenceStrength: 0.15 }
export const CLINICAL_WORDS: Record<keyof ClinicalImpactInput, string> = {
  patientSafety: 'patient safety',
  clinicalOutcome: 'clinical outcome',
  timeSaved: 'clinician time saved',
  evidenceStrength: 'evidence strength',
}

/** Σ weight × (input ÷ 5) × 100: 0–100. Inputs outside 0–5 are clamped. */
export function clinicalImpactScore(i: ClinicalImpactInput): number {
  let s = 0
  for (const k of Object.keys(CLINICAL_WEIGHTS) as (keyof ClinicalImpactInput)[]) s += CLINICAL_WEIGHTS[k] * (Math.min(5, Math.max(0, i[k])) / 5)
  return Math.round(s * 1000) / 10
}

export function explainClinicalImpact(i: ClinicalImpactInput): string {
  const parts = (Object.keys(CLINICAL_WEIGHTS) as (keyof ClinicalImpactInput)[]).map((k) => `${CLINICAL_WORDS[k]} ${i[k]} × ${CLINICAL_WEIGHTS[k]}`)
  return `(${parts.join(' + ')}) × 20 = ${fmt(clinicalImpactScore(i))} of 100`
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-GB') : n.toLocaleString('en-GB', { maximumFractionDigits: 2 })
}
