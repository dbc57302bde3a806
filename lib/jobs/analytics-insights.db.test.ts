/**
 * The insights job's cross-link (issue 13 → 14): each open high-priority insight becomes one improvement
 * task in the feedback area, linked both ways, once, even when a run stopped between the two writes.
 */
import { describe, expect, it } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { improvementTaskOf } from '@/lib/analytics/insight-task'
import { runInsightAnalysis, type CountFunnel, type FunnelCounts } from '@/lib/analytics/insights'
import { getWorkflow } from '@/lib/analytics/workflows'
import { createImprovementTask } from '@/lib/feedback/commands'
import { uid } from '@/test/factories'
import { turnInsightsIntoTasks } from './analytics-insights'

const K = 11
const DAY = 86_400_000
const actor = systemActor('analytics-insights')
const now = new Date('2026-12-10T04:20:00Z')

const steady: FunnelCounts = { overall: [600, 540, 460], groups: [{ key: 'Emergency', users: [240, 200, 170] }, { key: 'Cardiology', users: [120, 100, 85] }] }
const worse: FunnelCounts = { overall: [600, 540, 420], groups: [{ key: 'Emergency', users: [240, 200, 130] }, { key: 'Cardiology', users: [120, 100, 85] }] }
const counter: CountFunnel = async (q) => (now.getTime() - q.from.getTime() > 8 * DAY ? steady : worse)

/** A workflow whose Emergency department loses 35 % at step 3 instead of 15 %: one high insight. */
async function highInsight() {
  const key = uid('wf_task').replace(/-/g, '_')
  await db.analyticsWorkflow.create({
    data: { key, name: 'Task test triage', conversionWindowMs: 3_600_000, steps: ['triage_started', 'vitals_recorded', 'ai_triage_score_viewed'].map((event) => ({ event, filters: {} })) },
  })
  await runInsightAnalysis(actor, { now, count: counter, k: K, workflows: [key] })
  const insight = await db.analyticsInsight.findFirstOrThrow({ where: { workflowKey: key, priority: 'high' } })
  return { key, insight }
}

describe('turnInsightsIntoTasks', () => {
  it('makes a high insight an improvement task linking back to its funnel, and marks the insight', async () => {
    const { key, insight } = await highInsight()
    expect(insight).toMatchObject({ department: 'Emergency', step: 3, status: 'open' })
    const summary = await turnInsightsIntoTasks(actor, K)
    expect(summary.tasksCreated).toBeGreaterThanOrEqual(1)

    const marked = await db.analyticsInsight.findUniqueOrThrow({ where: { id: insight.id } })
    expect(marked.status).toBe('task_created')
    const task = await db.feedbackItem.findUniqueOrThrow({ where: { id: marked.feedbackItemId! } })
    expect(task).toMatchObject({
      type: 'optimization',
      source: 'user_analytics',
      status: 'new',
      department: 'Emergency',
      workflowKey: key,
      workflowStep: 3,
      idempotencyKey: `insight:${insight.id}`,
      title: 'Task test triage: more people stop at step 3 (ai_triage_score_viewed) in Emergency',
    })
    expect(task.link).toMatch(new RegExp(`^/analytics/funnels\\?workflow=${key}&`))
    expect(task.link).toContain('from=2026-12-03T00%3A00%3A00.000Z')
    expect(task.description).toContain('rose from 15.0 % in the week before to 35.0 % in the week the insight covers, in Emergency')
    expect(task.description).toContain('70 of 200 people')
    const audits = await db.auditLog.findMany({ where: { targetId: insight.id, action: 'analytics.insight.task' } })
    expect(audits).toHaveLength(1)
    expect(audits[0]!.summary).toMatchObject({ from: 'open', feedbackItemId: task.id })

    // A second run has nothing left to do for it.
    await turnInsightsIntoTasks(actor, K)
    expect(await db.feedbackItem.count({ where: { workflowKey: key } })).toBe(1)
    expect(await db.auditLog.count({ where: { targetId: insight.id, action: 'analytics.insight.task' } })).toBe(1)
  })

  it('links the task an interrupted run made instead of making a second one', async () => {
    const { key, insight } = await highInsight()
    // The earlier run made the task and stopped before marking the insight (and the figures moved on since).
    const draft = improvementTaskOf(insight, await getWorkflow(key), K)
    const earlier = await createImprovementTask(actor, { ...draft, description: `${draft.description} (earlier figures)` })
    await turnInsightsIntoTasks(actor, K)
    expect(await db.analyticsInsight.findUniqueOrThrow({ where: { id: insight.id } })).toMatchObject({ status: 'task_created', feedbackItemId: earlier.result.id })
    expect(await db.feedbackItem.count({ where: { workflowKey: key } })).toBe(1)
  })
})
