/**
 * A person's saved inbox filters (permission feedback:read: anyone who may open the inbox may keep views).
 * Per user, unique by name (saving under an existing name replaces its query). Audited like every write;
 * the audit row holds the name's length and the query, which has only enumerated values and departments.
 */
import { recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { notFound, parseOrThrow, unprocessable } from '@/lib/errors'
import { inTransaction } from '@/lib/tx'
import { DeleteFilterInput, SaveFilterInput } from './inbox-filter'

const MAX_FILTERS = 30

function personOf(actor: Actor): string {
  if (actor.type !== 'user') throw unprocessable('Only a person saves inbox filters')
  return actor.id
}

export async function saveInboxFilter(actor: Actor, raw: unknown): Promise<{ id: string; name: string; query: string }> {
  const input = parseOrThrow(SaveFilterInput, raw)
  authorize(actor, 'feedback:read')
  const userId = personOf(actor)
  return inTransaction(async (tx) => {
    const count = await tx.feedbackSavedFilter.count({ where: { userId, name: { not: input.name } } })
    if (count >= MAX_FILTERS) throw unprocessable(`At most ${MAX_FILTERS} saved filters: delete one first`, { name: ['Too many saved filters'] })
    const row = await tx.feedbackSavedFilter.upsert({
      where: { userId_name: { userId, name: input.name } },
      create: { userId, name: input.name, query: input.query },
      update: { query: input.query },
      select: { id: true, name: true, query: true },
    })
    await recordAudit(actor, { action: 'feedback.filter_save', targetType: 'feedback_filter', targetId: row.id, summary: { query: row.query } }, tx)
    return row
  })
}

export async function deleteInboxFilter(actor: Actor, raw: unknown): Promise<{ name: string }> {
  const input = parseOrThrow(DeleteFilterInput, raw)
  authorize(actor, 'feedback:read')
  const userId = personOf(actor)
  return inTransaction(async (tx) => {
    const row = await tx.feedbackSavedFilter.findFirst({ where: { id: input.id, userId }, select: { id: true, name: true } })
    if (!row) throw notFound('That saved filter does not exist')
    await tx.feedbackSavedFilter.delete({ where: { id: row.id } })
    await recordAudit(actor, { action: 'feedback.filter_delete', targetType: 'feedback_filter', targetId: row.id }, tx)
    return { name: row.name }
  })
}
