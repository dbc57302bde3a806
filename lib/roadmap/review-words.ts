/** The review's figures in words (client-safe, pure). */
import { PREDICTABILITY_TARGET } from './review'

export function predictabilityWords(predictability: number | null): { text: string; onTarget: boolean | null } {
  if (predictability === null) return { text: 'Nothing was planned for the quarter, so there is no predictability.', onTarget: null }
  const figure = `${predictability.toLocaleString('en', { maximumFractionDigits: 1 })} %`
  return predictability >= PREDICTABILITY_TARGET
    ? { text: `${figure}: on target (${PREDICTABILITY_TARGET} % or more).`, onTarget: true }
    : { text: `${figure}: below the ${PREDICTABILITY_TARGET} % target.`, onTarget: false }
}
