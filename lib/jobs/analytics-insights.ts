/**
 * Daily: significant increases in drop-off per workflow step and department (lib/analytics/insights.ts),
 * then the cross-link of issue 14: every open high-priority insight becomes an improvement task in the
 * feedback area (type optimization, source user_analytics, linking to the funnel of its week). The task
 * is keyed by the insight, so a run that stopped between the two writes makes the same task again the
 * next time (the feedback command returns the first) and only then marks the insight.
 */
import { systemActor, type Actor } from '../auth/actor'
import { env } from '../env'
import { recordInsightTask } from '../analytics/insight-commands'
import { improvementTaskOf } from '../analytics/insight-task'
import { countWithEngine, insightsAwaitingFeedbackTask, runInsightAnalysis } from '../analytics/insights'
import { INSIGHTS_JOB } from '../analytics/registry-schema'
import { listWorkflows } from '../analytics/workflows'
import { createImprovementTask } from '../feedback/commands'
import type { JobDefinition } from './types'

export interface InsightTaskSummary {
  tasksCreated: number
  tasksLinked: number
}

/** Makes each awaiting insight a feedback task and records the link; returns how many were new. */
export async function turnInsightsIntoTasks(actor: Actor, k: number, signal?: AbortSignal): Promise<InsightTaskSummary> {
  const awaiting = await insightsAwaitingFeedbackTask()
  if (awaiting.length === 0) return { tasksCreated: 0, tasksLinked: 0 }
  const workflows = new Map((await listWorkflows()).map((w) => [w.key, w]))
  const summary: InsightTaskSummary = { tasksCreated: 0, tasksLinked: 0 }
  for (const insight of awaiting) {
    signal?.throwIfAborted()
    const task = await createImprovementTask(actor, improvementTaskOf(insight, workflows.get(insight.workflowKey) ?? null, k))
    if (task.created) summary.tasksCreated++
    if ((await recordInsightTask(actor, insight.id, task.result.id)).changed) summary.tasksLinked++
  }
  return summary
}

export const analyticsInsights: JobDefinition = {
  name: INSIGHTS_JOB,
  // After midnight UTC and the other nightly analytics jobs, so the week that just ended is whole.
  schedule: '20 4 * * *',
  description:
    'Compares each workflow step’s drop-off, for the whole hospital and per department, in the last 7 days with the 7 before (one-sided two-proportion z-tests, Benjamini–Hochberg), records the significant increases as insights, and makes each high-priority one an improvement task in Feedback.',
  async run({ now, signal }) {
    const actor = systemActor('analytics-insights')
    const r = await runInsightAnalysis(actor, { now, count: countWithEngine, k: env.ANALYTICS_MIN_GROUP_SIZE, signal })
    const tasks = await turnInsightsIntoTasks(actor, env.ANALYTICS_MIN_GROUP_SIZE, signal)
    return { ...r, ...tasks, awaitingFeedbackTask: r.awaitingFeedbackTask - tasks.tasksLinked }
  },
}
