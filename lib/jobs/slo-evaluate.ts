/** Every minute: burn rates of every SLO, multi-window alerts, violations and their incidents (lib/slo/evaluate.ts). */
import { env } from '../env'
import { evaluateSlos } from '../slo/evaluate'
import { JobFailure, type JobDefinition } from './types'

export const sloEvaluate: JobDefinition = {
  name: 'slo-evaluate',
  schedule: '* * * * *',
  description: 'Computes burn rates over 5 m … 3 d per SLO; opens a violation and an incident when a page or ticket rule fires, resolves them when it clears.',
  timeoutSeconds: 120,
  async run({ now, signal }) {
    const result = await evaluateSlos(now, { timeZone: env.WARDROOM_TIMEZONE, signal })
    if (result.errors > 0) throw new JobFailure(`${result.errors} SLO(s) could not be evaluated`, { ...result })
    return { ...result }
  },
}
