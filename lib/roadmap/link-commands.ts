/**
 * Linking evidence to a roadmap item (roadmap:edit): a feedback item, an analytics insight, a competitor
 * threat link or an incident. The target must exist; one link per (item, kind, target). A feedback item
 * and a threat link also point back at the item (FeedbackItem.roadmapItemId, CompetitorThreatLink.roadmapItemId),
 * cleared on unlink when they still point at it. The item's version is bumped; audited as
 * roadmap.link.add / roadmap.link.remove. Callers then apply the evidence (override-commands.ts).
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { conflict, notFound, parseOrThrow, prismaCode, unprocessable } from '../errors'
import { inTransaction, type Tx } from '../tx'
import { lockItem, recordItemEvent } from './commands'
import { LinkEvidenceInput, type LinkKind } from './evidence-schema'

const TARGET = 'roadmap_item'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface LinkResult {
  changed: boolean
  version: number
  /** How the target is named: FB-12, INC-4, a capability, an insight's step. */
  label: string
}

/** The target's name, or null when it does not exist. */
async function targetLabel(tx: Tx, kind: LinkKind, id: string): Promise<string | null> {
  switch (kind) {
    case 'feedback': {
      const f = await tx.feedbackItem.findUnique({ where: { id }, select: { number: true } })
      return f ? `FB-${f.number}` : null
    }
    case 'incident': {
      const i = await tx.incident.findUnique({ where: { id }, select: { number: true } })
      return i ? `INC-${i.number}` : null
    }
    case 'insight': {
      const i = await tx.analyticsInsight.findUnique({ where: { id }, select: { workflowKey: true, stepLabel: true } })
      return i ? `the drop-off at “${i.stepLabel}” (${i.workflowKey})` : null
    }
    case 'competitor_threat': {
      const t = await tx.competitorThreatLink.findUnique({ where: { id }, select: { capabilityId: true } })
      if (!t) return null
      const c = await tx.capability.findUnique({ where: { id: t.capabilityId }, select: { name: true } })
      return `the threat on “${c?.name ?? 'a capability'}”`
    }
  }
}

/** A link is a change of the item: its version moves on and its history says what was linked. */
async function recordLinkChange(tx: Tx, actor: Actor, itemId: string, what: string): Promise<{ number: number; version: number }> {
  const item = await tx.roadmapItem.update({ where: { id: itemId }, data: { version: { increment: 1 } }, select: { number: true, version: true } })
  await recordItemEvent(tx, actor, itemId, 'edit', null, what, new Date())
  return item
}

export async function linkEvidence(actor: Actor, raw: unknown, ctx: { requestId?: string | null; ip?: string | null } = {}): Promise<LinkResult> {
  const input = parseOrThrow(LinkEvidenceInput, raw)
  authorize(actor, 'roadmap:edit')
  return inTransaction(async (tx) => {
    await lockItem(tx, input.itemId)
    const item = await tx.roadmapItem.findUnique({ where: { id: input.itemId }, select: { number: true } })
    if (!item) throw notFound('That roadmap item does not exist')
    const label = await targetLabel(tx, input.kind, input.targetId)
    if (!label) throw unprocessable('Choose existing evidence', { ref: ['Nothing of that kind has this name'] })
    try {
      await tx.roadmapLink.create({ data: { itemId: input.itemId, kind: input.kind, targetId: input.targetId, createdById: actor.type === 'user' ? actor.id : null, createdBy: actor.label } })
    } catch (err) {
      if (prismaCode(err) === 'P2002') throw conflict(`${label} is already linked to RM-${item.number}`, { ref: ['Already linked'] })
      throw err
    }
    if (input.kind === 'feedback') await tx.feedbackItem.update({ where: { id: input.targetId }, data: { roadmapItemId: input.itemId } })
    if (input.kind === 'competitor_threat') await tx.competitorThreatLink.update({ where: { id: input.targetId }, data: { roadmapItemId: input.itemId } })
    const { version } = await recordLinkChange(tx, actor, input.itemId, `evidence (linked ${label})`)
    await recordAudit(
      actor,
      { action: 'roadmap.link.add', targetType: TARGET, targetId: input.itemId, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { number: item.number, kind: input.kind, targetId: input.targetId } },
      tx,
    )
    return { changed: true, version, label }
  })
}

export async function unlinkEvidence(actor: Actor, raw: unknown, ctx: { requestId?: string | null; ip?: string | null } = {}): Promise<LinkResult> {
  const input = parseOrThrow(LinkEvidenceInput, raw)
  authorize(actor, 'roadmap:edit')
  return inTransaction(async (tx) => {
    await lockItem(tx, input.itemId)
    const item = await tx.roadmapItem.findUnique({ where: { id: input.itemId }, select: { number: true, version: true } })
    if (!item) throw notFound('That roadmap item does not exist')
    const label = (await targetLabel(tx, input.kind, input.targetId)) ?? 'The evidence'
    const removed = await tx.roadmapLink.deleteMany({ where: { itemId: input.itemId, kind: input.kind, targetId: input.targetId } })
    if (removed.count === 0) return { changed: false, version: item.version, label }
    if (input.kind === 'feedback') await tx.feedbackItem.updateMany({ where: { id: input.targetId, roadmapItemId: input.itemId }, data: { roadmapItemId: null } })
    if (input.kind === 'competitor_threat') await tx.competitorThreatLink.updateMany({ where: { id: input.targetId, roadmapItemId: input.itemId }, data: { roadmapItemId: null } })
    const { version } = await recordLinkChange(tx, actor, input.itemId, `evidence (unlinked ${label})`)
    await recordAudit(
      actor,
      { action: 'roadmap.link.remove', targetType: TARGET, targetId: input.itemId, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { number: item.number, kind: input.kind, targetId: input.targetId } },
      tx,
    )
    return { changed: true, version, label }
  })
}

/**
 * The id of the evidence a person named: FB-12 (or 12) for feedback, INC-4 (or 4) for an incident, a
 * capability's key or name for a competitor threat, an insight's id. 422 on the `ref` field otherwise.
 */
export async function resolveEvidenceRef(client: Tx, kind: LinkKind, ref: string): Promise<string> {
  const text = ref.trim()
  const numbered = (prefix: string) => {
    const m = new RegExp(`^(?:${prefix}-?)?(\\d{1,9})$`, 'i').exec(text)
    return m ? Number(m[1]) : null
  }
  let id: string | null = null
  if (kind === 'feedback') {
    const n = numbered('FB')
    id = n === null ? null : ((await client.feedbackItem.findUnique({ where: { number: n }, select: { id: true } }))?.id ?? null)
  } else if (kind === 'incident') {
    const n = numbered('INC')
    id = n === null ? null : ((await client.incident.findUnique({ where: { number: n }, select: { id: true } }))?.id ?? null)
  } else if (kind === 'insight') {
    id = UUID.test(text) ? ((await client.analyticsInsight.findUnique({ where: { id: text }, select: { id: true } }))?.id ?? null) : null
  } else {
    const capability = await client.capability.findFirst({ where: { OR: [{ key: text.toLowerCase() }, { name: { equals: text, mode: 'insensitive' } }] }, select: { id: true } })
    const link = capability ? await client.competitorThreatLink.findUnique({ where: { capabilityId: capability.id }, select: { id: true } }) : UUID.test(text) ? await client.competitorThreatLink.findUnique({ where: { id: text }, select: { id: true } }) : null
    id = link?.id ?? null
  }
  if (!id) throw unprocessable('Choose existing evidence', { ref: [REF_HINT[kind]] })
  return id
}

const REF_HINT: Record<LinkKind, string> = {
  feedback: 'No feedback item has this number (e.g. FB-12)',
  incident: 'No incident has this number (e.g. INC-4)',
  insight: 'No insight has this id',
  competitor_threat: 'No capability with a threat link has this key or name',
}
