/**
 * An item's stored scores from its inputs (pure): riceScore when reach, impact, confidence and effort are
 * all set (lib/roadmap/scoring.ts), clinicalScore when the four clinical inputs are; else null.
 */
import { CONFIDENCE_LEVELS, IMPACT_LEVELS, clinicalImpactScore, riceScore, type Confidence, type Impact } from './scoring'
import type { ScoringInput } from './evidence'

export type ItemInputs = Record<ScoringInput, number | null> & { effort: number | null }

const isImpact = (n: number): n is Impact => (IMPACT_LEVELS as readonly number[]).includes(n)
const isConfidence = (n: number): n is Confidence => (CONFIDENCE_LEVELS as readonly number[]).includes(n)

export function riceOf(i: ItemInputs): number | null {
  if (i.reach === null || i.impact === null || i.confidence === null || i.effort === null) return null
  if (!isImpact(i.impact) || !isConfidence(i.confidence)) return null
  return riceScore({ reach: i.reach, impact: i.impact, confidence: i.confidence, effort: i.effort })
}

export function clinicalOf(i: ItemInputs): number | null {
  if (i.patientSafety === null || i.clinicalOutcome === null || i.timeSaved === null || i.evidenceStrength === null) return null
  return clinicalImpactScore({ patientSafety: i.patientSafety, clinicalOutcome: i.clinicalOutcome, timeSaved: i.timeSaved, evidenceStrength: i.evidenceStrength })
}

/** Both stored scores of the inputs. */
export const scoresOf = (i: ItemInputs) => ({ riceScore: riceOf(i), clinicalScore: clinicalOf(i) })

/** A RICE score as the item's history shows it ("none" when not computable). */
export const riceText = (s: number | null) => (s === null ? 'none' : String(Math.round(s * 100) / 100))

/** Whether `value` is allowed for `input` (the override form's rule; the same ranges as the columns). */
export function validInputValue(input: ScoringInput, value: number): string | null {
  switch (input) {
    case 'reach':
      return Number.isInteger(value) && value >= 0 && value <= 10_000_000 ? null : 'A whole number of people, 0 or more'
    case 'impact':
      return isImpact(value) ? null : `One of ${IMPACT_LEVELS.join(', ')}`
    case 'confidence':
      return isConfidence(value) ? null : `One of ${CONFIDENCE_LEVELS.join(', ')} %`
    case 'value':
    case 'risk':
      return Number.isInteger(value) && value >= 0 && value <= 10 ? null : 'A whole number from 0 to 10'
    default:
      return Number.isInteger(value) && value >= 0 && value <= 5 ? null : 'A whole number from 0 to 5'
  }
}
