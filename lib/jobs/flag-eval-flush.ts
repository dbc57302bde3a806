/** Writes the in-memory flag evaluation counters of this instance to FlagEvaluationCount. */
import { flushEvaluationCounts } from '../flags/stats-counter'
import type { JobDefinition } from './types'

export const flagEvalFlush: JobDefinition = {
  name: 'flag-eval-flush',
  schedule: '* * * * *',
  description: 'Adds the evaluation counts per flag, variant and hour gathered in memory to the database (every minute).',
  timeoutSeconds: 50,
  async run() {
    return { ...(await flushEvaluationCounts()) }
  },
}
