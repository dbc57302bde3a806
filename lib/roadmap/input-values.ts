/** The allowed values of each scoring input (pure): the override form's rule, the same ranges as schema.ts ScoreInputs. */
import { CONFIDENCE_LEVELS, IMPACT_LEVELS, type Confidence, type Impact } from './scoring'
import type { ScoringInput } from './evidence'

const isImpact = (n: number): n is Impact => (IMPACT_LEVELS as readonly number[]).includes(n)
const isConfidence = (n: number): n is Confidence => (CONFIDENCE_LEVELS as readonly number[]).includes(n)

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
