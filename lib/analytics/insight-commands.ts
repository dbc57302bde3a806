/**
 * Dismissing an insight (not worth a task: a known cause, a data problem) and reopening it, by PMs
 * (analytics:manage), audited. An insight that became a feedback task belongs to the feedback area.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { conflict, notFound } from '../errors'
import { inTransaction } from '../tx'
import type { InsightStatusInput } from './registry-schema'

export async function setInsightStatus(actor: Actor, input: InsightStatusInput): Promise<{ changed: boolean; workflowKey: string; stepLabel: string }> {
  authorize(actor, 'analytics:manage')
  return inTransaction(async (tx) => {
    const row = await tx.analyticsInsight.findUnique({ where: { id: input.id }, select: { status: true, workflowKey: true, stepLabel: true, step: true, department: true } })
    if (!row) throw notFound('No insight has this id')
    if (row.status === 'task_created') throw conflict('This insight is a feedback task now: change it there')
    const result = { changed: row.status !== input.status, workflowKey: row.workflowKey, stepLabel: row.stepLabel }
    if (!result.changed) return result
    await tx.analyticsInsight.update({ where: { id: input.id }, data: { status: input.status } })
    await recordAudit(
      actor,
      {
        action: input.status === 'dismissed' ? 'analytics.insight.dismiss' : 'analytics.insight.reopen',
        targetType: 'analytics_insight',
        targetId: input.id,
        summary: { workflow: row.workflowKey, step: row.step, department: row.department, from: row.status, to: input.status },
      },
      tx,
    )
    return result
  })
}

/**
 * Records that an insight became an improvement task in the feedback area (the job's second step, after
 * the feedback command made the task). Idempotent: the same task again changes nothing.
 */
export async function recordInsightTask(actor: Actor, insightId: string, feedbackItemId: string): Promise<{ changed: boolean }> {
  authorize(actor, 'analytics:manage')
  return inTransaction(async (tx) => {
    const row = await tx.analyticsInsight.findUnique({ where: { id: insightId }, select: { status: true, feedbackItemId: true, workflowKey: true, step: true, department: true } })
    if (!row) throw notFound('No insight has this id')
    if (row.status === 'task_created' && row.feedbackItemId === feedbackItemId) return { changed: false }
    await tx.analyticsInsight.update({ where: { id: insightId }, data: { status: 'task_created', feedbackItemId } })
    await recordAudit(
      actor,
      {
        action: 'analytics.insight.task',
        targetType: 'analytics_insight',
        targetId: insightId,
        summary: { workflow: row.workflowKey, step: row.step, department: row.department, from: row.status, feedbackItemId },
      },
      tx,
    )
    return { changed: true }
  })
}
