/**
 * From the competitor area to the roadmap (job roadmap-threats): every high capability threat
 * (CompetitorThreatLink, recorded by lib/competitors/commands.ts recordThreatLink) has a roadmap item.
 *
 * - A link without an item (or whose item was deleted) creates one in Ideas, at the top of the column:
 *   "Close the gap: <capability>", its problem the link's explanation (redacted), a `created` event, a
 *   RoadmapLink of kind competitor_threat, and the evidence applied (the threat seeds value).
 * - A link with an item "raises" it when the threat changed since it was last acted on (its score, the
 *   leading competitors or their evidence): the item goes to the top of its stage column and the evidence
 *   is applied again (value rises with the threat). A released or archived item is left alone.
 * - What was acted on is remembered per link (Setting `roadmap.threats.acted`: a fingerprint of the
 *   threat), so a run with nothing new writes nothing, and a PM who reorders the column is not overruled
 *   every 15 minutes.
 */
import { recordAudit } from '../audit'
import type { Actor } from '../auth/actor'
import { db, type Prisma } from '../db'
import { redact } from '../phi/redact'
import { inTransaction, type Tx } from '../tx'
import { lockColumn, lockItem, recordItemEvent } from './commands'
import { itemRef, type Stage } from './model'
import { applyEvidence } from './override-commands'

export const ACTED_KEY = 'roadmap.threats.acted'
const TARGET = 'roadmap_item'
const RAISABLE: Stage[] = ['ideas', 'discovery', 'planned', 'in_progress']

type ThreatLink = Prisma.CompetitorThreatLinkGetPayload<object>

/** What about a threat, when it changes, calls for the item to be raised. */
export const fingerprintOf = (l: Pick<ThreatLink, 'score' | 'competitorIds' | 'evidenceIds'>) => `${l.score.toFixed(4)}|${[...l.competitorIds].sort().join(',')}|${[...l.evidenceIds].sort().join(',')}`

export interface ThreatSyncResult {
  threats: number
  created: number[]
  raised: number[]
  /** Items whose inputs moved when the evidence was applied again. */
  rescored: number[]
  /** Threats that could not be handled this run (tried again on the next). */
  failed: { threatLinkId: string; error: string }[]
}

/** A rank above every other item of the stage, or null when the item already heads the column. */
async function topRank(tx: Tx, stage: Stage, itemId: string | null, rank: number | null): Promise<number | null> {
  const first = await tx.roadmapItem.findFirst({ where: { stage, ...(itemId ? { id: { not: itemId } } : {}) }, orderBy: { rank: 'asc' }, select: { rank: true } })
  if (!first) return rank === null ? 0 : null
  if (rank !== null && rank < first.rank) return null
  return first.rank - 1
}

async function readActed(): Promise<Record<string, string>> {
  const row = await db.setting.findUnique({ where: { key: ACTED_KEY } })
  const v = row?.value
  return v && typeof v === 'object' && !Array.isArray(v) ? (Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<string, string>) : {}
}

async function createThreatItem(actor: Actor, link: ThreatLink, now: Date): Promise<{ id: string; number: number }> {
  return inTransaction(async (tx) => {
    const capability = await tx.capability.findUniqueOrThrow({ where: { id: link.capabilityId }, select: { key: true, name: true } })
    // The column's lock, as the board's commands take it: a PM's move cannot pick the same rank meanwhile.
    await lockColumn(tx, 'ideas')
    const rank = (await topRank(tx, 'ideas', null, null)) ?? 0
    const item = await tx.roadmapItem.create({
      data: { title: `Close the gap: ${capability.name}`, problem: redact(link.explanation), stage: 'ideas', rank, pipeline: 'feature' },
      select: { id: true, number: true },
    })
    await recordItemEvent(tx, actor, item.id, 'created', null, 'ideas', now)
    await tx.roadmapLink.create({ data: { itemId: item.id, kind: 'competitor_threat', targetId: link.id, createdBy: actor.label } })
    await tx.competitorThreatLink.update({ where: { id: link.id }, data: { roadmapItemId: item.id } })
    await recordAudit(
      actor,
      { action: 'roadmap.item.create', targetType: TARGET, targetId: item.id, summary: { ref: itemRef(item.number), stage: 'ideas', source: 'competitor_threat', capability: capability.key, threatScore: Number(link.score.toFixed(3)) } },
      tx,
    )
    return item
  })
}

/** Moves the item to the top of its column (and makes sure it links the threat); null when it is not raisable. */
async function raiseThreatItem(actor: Actor, link: ThreatLink, itemId: string, now: Date): Promise<{ number: number; moved: boolean } | null> {
  return inTransaction(async (tx) => {
    await lockItem(tx, itemId)
    const item = await tx.roadmapItem.findUnique({ where: { id: itemId }, select: { id: true, number: true, stage: true, rank: true } })
    if (!item || !RAISABLE.includes(item.stage)) return null
    await tx.roadmapLink.upsert({
      where: { itemId_kind_targetId: { itemId, kind: 'competitor_threat', targetId: link.id } },
      create: { itemId, kind: 'competitor_threat', targetId: link.id, createdBy: actor.label },
      update: {},
    })
    await lockColumn(tx, item.stage)
    const rank = await topRank(tx, item.stage, item.id, item.rank)
    if (rank !== null) {
      await tx.roadmapItem.update({ where: { id: item.id }, data: { rank, version: { increment: 1 } } })
      await recordItemEvent(tx, actor, item.id, 'rank', null, '0', now)
    }
    await recordAudit(
      actor,
      {
        action: 'roadmap.item.raise',
        targetType: TARGET,
        targetId: item.id,
        summary: { ref: itemRef(item.number), stage: item.stage, moved: rank !== null, rank: { from: item.rank, to: rank ?? item.rank }, threatScore: Number(link.score.toFixed(3)) },
      },
      tx,
    )
    return { number: item.number, moved: rank !== null }
  })
}

/** Creates or raises the item of one threat; true when what was acted on changed (to remember). */
async function syncOne(actor: Actor, link: ThreatLink, acted: Record<string, string>, result: ThreatSyncResult, now: Date): Promise<boolean> {
  const fingerprint = fingerprintOf(link)
  const existing = link.roadmapItemId ? await db.roadmapItem.findUnique({ where: { id: link.roadmapItemId }, select: { id: true } }) : null
  let itemId: string
  let number: number | null = null
  if (!existing) {
    const item = await createThreatItem(actor, link, now)
    result.created.push(item.number)
    itemId = item.id
  } else {
    itemId = existing.id
    if (acted[link.id] === fingerprint) return false
    const raised = await raiseThreatItem(actor, link, itemId, now)
    if (!raised) {
      acted[link.id] = fingerprint
      return true
    }
    result.raised.push(raised.number)
    number = raised.number
  }
  const applied = await applyEvidence(actor, itemId, { now })
  if (number !== null && Object.keys(applied.changes).length > 0) result.rescored.push(number)
  acted[link.id] = fingerprint
  return true
}

export async function syncThreatItems(actor: Actor, now: Date = new Date(), signal?: AbortSignal): Promise<ThreatSyncResult> {
  const links = await db.competitorThreatLink.findMany({ where: { level: 'high' }, orderBy: { score: 'desc' } })
  const acted = await readActed()
  const result: ThreatSyncResult = { threats: links.length, created: [], raised: [], rescored: [], failed: [] }
  let remember = false
  for (const link of links) {
    signal?.throwIfAborted()
    // One threat failing (an item deleted meanwhile, a lock timeout) must not hold up the others: it is
    // named in the result and tried again on the next run (its fingerprint is not remembered).
    try {
      if (await syncOne(actor, link, acted, result, now)) remember = true
    } catch (err) {
      result.failed.push({ threatLinkId: link.id, error: err instanceof Error ? err.message : String(err) })
    }
  }
  if (remember) {
    await db.setting.upsert({ where: { key: ACTED_KEY }, create: { key: ACTED_KEY, value: acted }, update: { value: acted } })
  }
  return result
}
