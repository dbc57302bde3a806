/**
 * Triage moves: status changes, assignment and links (permission feedback:triage; people only, no API key).
 * Each writes in one transaction with its audit row. Closing (done, won't do) needs a note saying why;
 * the note is redacted before it is stored and the audit row says only that one was given.
 *
 * - The first move out of `new` is when the item was triaged (triagedAt): the processing SLA is met when
 *   that is at or before slaDueAt (sla.ts).
 * - Reopening a closed item clears closedAt and keeps the last closing note.
 * - A parent's status is its duplicates' status: they are not changed one by one (the widget shows a
 *   reporter of a duplicate the parent's status).
 */
import { recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { notFound, parseOrThrow, unprocessable } from '@/lib/errors'
import { hasPermission } from '@/lib/rbac'
import { inTransaction } from '@/lib/tx'
import type { CommandContext } from './commands'
import { Redactor } from './redaction'
import { AssignFeedbackInput, isClosedStatus, LinkFeedbackInput, SetFeedbackStatusInput, type FeedbackStatus } from './schema'

const TARGET = 'feedback'

export interface StatusChange {
  status: FeedbackStatus
  changed: boolean
}

export async function setFeedbackStatus(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<StatusChange> {
  const input = parseOrThrow(SetFeedbackStatusInput, raw)
  authorize(actor, 'feedback:triage')
  const now = ctx.now ?? new Date()
  const closing = isClosedStatus(input.status)
  const redactor = new Redactor()
  const note = closing ? redactor.text(input.note ?? null) : null

  return inTransaction(async (tx) => {
    const item = await tx.feedbackItem.findUnique({ where: { id: input.id }, select: { number: true, status: true, triagedAt: true } })
    if (!item) throw notFound('That feedback item does not exist')
    if (item.status === input.status) return { status: item.status, changed: false }
    await tx.feedbackItem.update({
      where: { id: input.id },
      data: {
        status: input.status,
        ...(item.triagedAt === null && input.status !== 'new' ? { triagedAt: now } : {}),
        ...(closing ? { closedAt: now, closingNote: note } : { closedAt: null }),
      },
    })
    await recordAudit(
      actor,
      {
        action: 'feedback.status',
        targetType: TARGET,
        targetId: input.id,
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        summary: {
          number: item.number,
          status: { from: item.status, to: input.status },
          ...(closing ? { noteGiven: true, noteRedactions: redactor.counts } : {}),
          ...(item.triagedAt === null && input.status !== 'new' ? { triaged: true } : {}),
        },
      },
      tx,
    )
    return { status: input.status, changed: true }
  })
}

/** Assigns an item to someone who may triage feedback (an active account), or unassigns it (null). */
export async function assignFeedback(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<{ changed: boolean }> {
  const input = parseOrThrow(AssignFeedbackInput, raw)
  authorize(actor, 'feedback:triage')
  return inTransaction(async (tx) => {
    const item = await tx.feedbackItem.findUnique({ where: { id: input.id }, select: { number: true, assigneeId: true } })
    if (!item) throw notFound('That feedback item does not exist')
    if (input.assigneeId) {
      const user = await tx.user.findUnique({ where: { id: input.assigneeId }, select: { role: true, disabledAt: true } })
      if (!user || user.disabledAt) throw unprocessable('Choose an active account', { assigneeId: ['No such active account'] })
      if (!hasPermission(user.role, 'feedback:triage')) throw unprocessable('Choose someone who may triage feedback', { assigneeId: ['This account cannot triage feedback'] })
    }
    if (item.assigneeId === input.assigneeId) return { changed: false }
    await tx.feedbackItem.update({ where: { id: input.id }, data: { assigneeId: input.assigneeId } })
    await recordAudit(
      actor,
      {
        action: 'feedback.assign',
        targetType: TARGET,
        targetId: input.id,
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        summary: { number: item.number, assignee: { from: item.assigneeId, to: input.assigneeId } },
      },
      tx,
    )
    return { changed: true }
  })
}

/**
 * Links an item to an incident and/or a flag (each must exist), or removes a link (null). The roadmap
 * item link comes with the roadmap.
 */
export async function linkFeedback(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<{ changed: boolean }> {
  const input = parseOrThrow(LinkFeedbackInput, raw)
  authorize(actor, 'feedback:triage')
  return inTransaction(async (tx) => {
    const item = await tx.feedbackItem.findUnique({ where: { id: input.id }, select: { number: true, incidentId: true, flagKey: true } })
    if (!item) throw notFound('That feedback item does not exist')
    if (input.incidentId && !(await tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true } }))) {
      throw unprocessable('Choose an existing incident', { incidentId: ['No such incident'] })
    }
    if (input.flagKey && !(await tx.flag.findUnique({ where: { key: input.flagKey }, select: { id: true } }))) {
      throw unprocessable('Choose an existing flag', { flagKey: ['No such flag'] })
    }
    const next = { incidentId: input.incidentId === undefined ? item.incidentId : input.incidentId, flagKey: input.flagKey === undefined ? item.flagKey : input.flagKey }
    if (next.incidentId === item.incidentId && next.flagKey === item.flagKey) return { changed: false }
    await tx.feedbackItem.update({ where: { id: input.id }, data: next })
    const summary: Record<string, unknown> = { number: item.number }
    if (next.incidentId !== item.incidentId) summary.incident = { from: item.incidentId, to: next.incidentId }
    if (next.flagKey !== item.flagKey) summary.flag = { from: item.flagKey, to: next.flagKey }
    await recordAudit(actor, { action: 'feedback.link', targetType: TARGET, targetId: input.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary }, tx)
    return { changed: true }
  })
}
