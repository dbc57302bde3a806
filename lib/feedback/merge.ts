/**
 * Manual merge: a person folds one item into another (permission feedback:triage). Automatic merging on
 * arrival (commands.ts) never touches a safety concern; a person may merge one, but only with a note saying
 * why (e.g. two reports of the same event), and the concern keeps its own incident and stays a safety
 * concern. The merged item becomes a duplicate of the target: triaged by the merge if it was new, its own
 * duplicates move to the target with it (one level only), and the target gains the counts and departments
 * and, when the merged item was more urgent, its priority and the earlier SLA due time. Audited on both.
 */
import { recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { notFound, parseOrThrow, unprocessable } from '@/lib/errors'
import { inTransaction } from '@/lib/tx'
import { z } from 'zod'
import type { CommandContext } from './commands'
import { mergeDepartments } from './dedup'
import { Redactor } from './redaction'
import { MAX_NOTE } from './schema'
import { moreUrgent } from './triage'

const TARGET = 'feedback'

export const MergeFeedbackInput = z.object({
  id: z.uuid(),
  /** The item to merge into: its id, or its number (FB-12 or 12) as a person types it. */
  into: z
    .string()
    .trim()
    .min(1, 'Give the item to merge into (FB-number)')
    .max(60)
    .transform((v) => v.replace(/^fb-/i, '')),
  note: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(MAX_NOTE, `At most ${MAX_NOTE} characters`).optional()),
})
export type MergeFeedbackInput = z.input<typeof MergeFeedbackInput>

const ITEM = { id: true, number: true, parentId: true, status: true, triagedAt: true, safetyConcern: true, priority: true, priorityReason: true, slaDueAt: true, duplicateCount: true, affectedDepartments: true, closedAt: true } as const

export async function mergeFeedback(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<{ number: number; into: number }> {
  const input = parseOrThrow(MergeFeedbackInput, raw)
  authorize(actor, 'feedback:triage')
  const now = ctx.now ?? new Date()
  const redactor = new Redactor()
  const note = input.note ? redactor.text(input.note) : null
  const intoWhere = /^\d{1,9}$/.test(input.into) ? { number: Number(input.into) } : z.uuid().safeParse(input.into).success ? { id: input.into } : null
  if (!intoWhere) throw unprocessable('Give the item to merge into as FB-number', { into: ['Not an item number'] })

  return inTransaction(async (tx) => {
    const item = await tx.feedbackItem.findUnique({ where: { id: input.id }, select: ITEM })
    if (!item) throw notFound('That feedback item does not exist')
    const target = await tx.feedbackItem.findUnique({ where: intoWhere, select: ITEM })
    if (!target) throw unprocessable('There is no such item to merge into', { into: ['No such item'] })
    if (target.id === item.id) throw unprocessable('An item cannot be merged into itself', { into: ['Choose another item'] })
    if (item.parentId) throw unprocessable('This item is already a duplicate of another', { into: ['Already merged'] })
    if (target.parentId) throw unprocessable(`FB-${target.number} is itself a duplicate: merge into the item it belongs to`, { into: ['Choose the original item'] })
    if ((item.safetyConcern || target.safetyConcern) && !note) {
      throw unprocessable('Say why when merging a safety concern', { note: ['A safety concern is merged only with a note'] })
    }
    // Its own duplicates follow it (one level: a parent is never itself a duplicate).
    const moved = await tx.feedbackItem.updateMany({ where: { parentId: item.id }, data: { parentId: target.id } })
    const raise = moreUrgent(item.priority, target.priority)
    await tx.feedbackItem.update({
      where: { id: target.id },
      data: {
        duplicateCount: target.duplicateCount + 1 + item.duplicateCount,
        affectedDepartments: item.affectedDepartments.reduce((all, d) => mergeDepartments(all, d), target.affectedDepartments),
        ...(raise ? { priority: item.priority, priorityReason: `${item.priorityReason} (raised by merging FB-${item.number})`, slaDueAt: item.slaDueAt < target.slaDueAt ? item.slaDueAt : target.slaDueAt } : {}),
      },
    })
    const triaging = item.triagedAt === null
    await tx.feedbackItem.update({
      where: { id: item.id },
      data: { parentId: target.id, duplicateCount: 0, similarity: null, ...(item.status === 'new' ? { status: 'triaged' } : {}), ...(triaging ? { triagedAt: now } : {}) },
    })
    const shared = { requestId: ctx.requestId ?? null, ip: ctx.ip ?? null }
    await recordAudit(
      actor,
      {
        action: 'feedback.merge',
        targetType: TARGET,
        targetId: item.id,
        ...shared,
        summary: {
          number: item.number,
          into: target.number,
          safetyConcern: item.safetyConcern,
          movedDuplicates: moved.count,
          ...(triaging ? { triaged: true } : {}),
          ...(note ? { noteGiven: true, noteRedactions: redactor.counts } : {}),
        },
      },
      tx,
    )
    await recordAudit(
      actor,
      { action: 'feedback.merged_into', targetType: TARGET, targetId: target.id, ...shared, summary: { number: target.number, from: item.number, duplicates: moved.count + 1, ...(raise ? { priority: { from: target.priority, to: item.priority } } : {}) } },
      tx,
    )
    return { number: item.number, into: target.number }
  })
}
