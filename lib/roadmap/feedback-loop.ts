/**
 * The clinician loop (issue 16): a roadmap item's stage flows back to the feedback linked to it, so the
 * widget shows the reporter "planned" and then "fixed" (lib/feedback/widget-status.ts).
 *
 * - planned or in progress: linked feedback still open (new, triaged, in progress) becomes `planned`.
 * - released: linked feedback not already closed (done, won't do) becomes `done` with the closing note
 *   "Released on the roadmap as RM-<n>". A patient-safety concern is never closed automatically (the
 *   feedback area's rule): it becomes `planned` and a person closes it.
 * - other stages change nothing (moving an item back does not reopen feedback).
 *
 * The feedback area's setFeedbackStatus runs its own transaction, so the change is written here the same
 * way (triagedAt on the first move out of new, closedAt and the note on closing) inside the caller's
 * transaction (moveItem's), with the same audit action `feedback.status`. Merged duplicates follow their
 * parent in the widget and are not changed one by one.
 */
import { recordAudit } from '../audit'
import type { Actor } from '../auth/actor'
import type { FeedbackStatus } from '../feedback/schema'
import type { Tx } from '../tx'
import type { Stage } from './model'

const OPEN: FeedbackStatus[] = ['new', 'triaged', 'in_progress']
const CLOSED: FeedbackStatus[] = ['done', 'wont_do']

export interface FeedbackMove {
  number: number
  from: FeedbackStatus
  to: FeedbackStatus
}

/** Where a linked feedback item goes when its roadmap item reaches `stage`; null: it stays. */
export function feedbackStatusFor(stage: Stage, current: FeedbackStatus, safetyConcern: boolean): FeedbackStatus | null {
  if (stage === 'planned' || stage === 'in_progress') return OPEN.includes(current) ? 'planned' : null
  if (stage === 'released') {
    if (CLOSED.includes(current)) return null
    if (safetyConcern) return current === 'planned' ? null : 'planned'
    return 'done'
  }
  return null
}

export async function propagateStageToFeedback(tx: Tx, actor: Actor, itemId: string, stage: Stage, now: Date = new Date()): Promise<FeedbackMove[]> {
  if (stage !== 'planned' && stage !== 'in_progress' && stage !== 'released') return []
  const item = await tx.roadmapItem.findUniqueOrThrow({ where: { id: itemId }, select: { number: true } })
  const links = await tx.roadmapLink.findMany({ where: { itemId, kind: 'feedback' }, select: { targetId: true } })
  if (links.length === 0) return []
  const rows = await tx.feedbackItem.findMany({
    where: { id: { in: links.map((l) => l.targetId) } },
    orderBy: { number: 'asc' },
    select: { id: true, number: true, status: true, triagedAt: true, safetyConcern: true },
  })
  const moves: FeedbackMove[] = []
  const note = `Released on the roadmap as RM-${item.number}`
  for (const row of rows) {
    const to = feedbackStatusFor(stage, row.status, row.safetyConcern)
    if (!to) continue
    const closing = CLOSED.includes(to)
    await tx.feedbackItem.update({
      where: { id: row.id },
      data: { status: to, ...(row.triagedAt === null ? { triagedAt: now } : {}), ...(closing ? { closedAt: now, closingNote: note } : { closedAt: null }) },
    })
    await recordAudit(
      actor,
      {
        action: 'feedback.status',
        targetType: 'feedback',
        targetId: row.id,
        summary: {
          number: row.number,
          status: { from: row.status, to },
          roadmapItem: `RM-${item.number}`,
          ...(closing ? { noteGiven: true } : {}),
          ...(row.triagedAt === null ? { triaged: true } : {}),
        },
      },
      tx,
    )
    moves.push({ number: row.number, from: row.status, to })
  }
  return moves
}
