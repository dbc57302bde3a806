/**
 * Editing who is compared on what (competitor:edit), each audited: a new competitor (a newcomer), archiving
 * one (it leaves the matrix, its evidence stays), a new capability of the taxonomy. Keys are unique (409).
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { conflict, notFound, parseOrThrow, prismaCode } from '../errors'
import { redact } from '../phi/redact'
import { inTransaction } from '../tx'
import { ArchiveCompetitorInput, CapabilityInput, CompetitorInput } from './schema'

const taken = (what: string, key: string) => conflict(`A ${what} with the key ${key} exists already`, { key: ['Choose another key'] })

export async function createCompetitor(actor: Actor, raw: unknown): Promise<{ id: string; key: string }> {
  const input = parseOrThrow(CompetitorInput, raw)
  authorize(actor, 'competitor:edit')
  try {
    return await inTransaction(async (tx) => {
      const row = await tx.competitor.create({
        data: {
          key: input.key,
          name: input.name,
          segment: input.segment ?? '',
          position: input.position ?? '',
          website: input.website ?? null,
          notes: input.notes ? redact(input.notes) : '',
          marketOverlap: input.marketOverlap,
        },
        select: { id: true, key: true },
      })
      await recordAudit(actor, { action: 'competitor.create', targetType: 'competitor', targetId: row.key, summary: { name: input.name, marketOverlap: input.marketOverlap } }, tx)
      return row
    })
  } catch (err) {
    if (prismaCode(err) === 'P2002') throw taken('competitor', input.key)
    throw err
  }
}

export async function setCompetitorArchived(actor: Actor, raw: unknown): Promise<{ key: string; name: string; changed: boolean }> {
  const input = parseOrThrow(ArchiveCompetitorInput, raw)
  authorize(actor, 'competitor:edit')
  return inTransaction(async (tx) => {
    const row = await tx.competitor.findUnique({ where: { id: input.id }, select: { key: true, name: true, isUs: true, archivedAt: true } })
    if (!row) throw notFound('No competitor has this id')
    if (row.isUs) throw conflict('Our own product is always in the matrix')
    if ((row.archivedAt !== null) === input.archived) return { key: row.key, name: row.name, changed: false }
    await tx.competitor.update({ where: { id: input.id }, data: { archivedAt: input.archived ? new Date() : null } })
    await recordAudit(actor, { action: input.archived ? 'competitor.archive' : 'competitor.restore', targetType: 'competitor', targetId: row.key }, tx)
    return { key: row.key, name: row.name, changed: true }
  })
}

export async function createCapability(actor: Actor, raw: unknown): Promise<{ id: string; key: string }> {
  const input = parseOrThrow(CapabilityInput, raw)
  authorize(actor, 'competitor:edit')
  try {
    return await inTransaction(async (tx) => {
      const last = await tx.capability.aggregate({ where: { group: input.group }, _max: { sortOrder: true } })
      const row = await tx.capability.create({
        data: { key: input.key, name: input.name, group: input.group, weight: input.weight, description: input.description ? redact(input.description) : '', sortOrder: (last._max.sortOrder ?? 0) + 1 },
        select: { id: true, key: true },
      })
      await recordAudit(actor, { action: 'capability.create', targetType: 'capability', targetId: row.key, summary: { name: input.name, group: input.group, weight: input.weight } }, tx)
      return row
    })
  } catch (err) {
    if (prismaCode(err) === 'P2002') throw taken('capability', input.key)
    throw err
  }
}
