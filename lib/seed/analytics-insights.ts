/**
 * The demo's insights: what the daily analytics-insights job would find in the demo weeks (the slow AI
 * panel in the Emergency department, lib/analytics/demo.ts), found now so a fresh install shows them, and
 * the improvement tasks in Feedback the job makes of the high-priority ones. Idempotent: the run updates
 * its insights, and a task is made once per insight.
 */
import { systemActor } from '../auth/actor'
import { env } from '../env'
import { countWithEngine, runInsightAnalysis } from '../analytics/insights'
import { turnInsightsIntoTasks } from '../jobs/analytics-insights'

export async function seedAnalyticsInsights(log: (m: string) => void = () => {}, now = new Date()): Promise<void> {
  const actor = systemActor('analytics-insights')
  const run = await runInsightAnalysis(actor, { now, count: countWithEngine, k: env.ANALYTICS_MIN_GROUP_SIZE })
  const tasks = await turnInsightsIntoTasks(actor, env.ANALYTICS_MIN_GROUP_SIZE)
  log(`analytics insights: ${run.significant} significant drop-off increases (${run.created} new), ${tasks.tasksCreated} feedback tasks made`)
}
