/** Daily: significant increases in drop-off per workflow step and department (lib/analytics/insights.ts). */
import { systemActor } from '../auth/actor'
import { env } from '../env'
import { countWithEngine, runInsightAnalysis } from '../analytics/insights'
import { INSIGHTS_JOB } from '../analytics/registry-schema'
import type { JobDefinition } from './types'

export const analyticsInsights: JobDefinition = {
  name: INSIGHTS_JOB,
  // After midnight UTC and the other nightly analytics jobs, so the week that just ended is whole.
  schedule: '20 4 * * *',
  description:
    'Compares each workflow step’s drop-off, for the whole hospital and per department, in the last 7 days with the 7 before (one-sided two-proportion z-tests, Benjamini–Hochberg) and records the significant increases as insights.',
  async run({ now, signal }) {
    const r = await runInsightAnalysis(systemActor('analytics-insights'), { now, count: countWithEngine, k: env.ANALYTICS_MIN_GROUP_SIZE, signal })
    return { ...r }
  },
}
