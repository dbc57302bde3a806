/**
 * The roadmap's item commands (issue 16): create, edit details, set scoring inputs, move on the board.
 * Each one validates, authorises (roadmap:edit), writes in one transaction with its audit entry and the
 * item's history (RoadmapItemEvent: what the quarterly review reads), and bumps the item's `version`.
 * A caller that saw an older version gets 409 saying who changed what meanwhile (`staleVersion`), so
 * two PMs editing one item never overwrite each other silently.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { conflict, notFound, parseOrThrow } from '../errors'
import { redact } from '../phi/redact'
import type { Tx } from '../tx'
import { inTransaction } from '../tx'
import { propagateStageToFeedback } from './feedback-loop'
import { assertReleasable } from './gates'
import { itemRef, STAGE_LABELS, type Stage } from './model'
import { rankForPosition } from './rank'
import { clinicalImpactScore, riceScore, type Confidence, type Impact } from './scoring'
import { ItemInput, ItemUpdateInput, MoveInput, SCORE_INPUT_NAMES, ScoreInputs, type ScoreInputData } from './schema'

export interface CommandContext {
  requestId?: string | null
  ip?: string | null
  now?: Date
}

const userId = (actor: Actor) => (actor.type === 'user' ? actor.id : null)
const EVENT_WORDS: Record<string, string> = {
  created: 'created it',
  stage: 'moved it',
  rank: 'reordered it',
  quarter: 'changed its target quarter',
  effort: 'changed its effort',
  score: 'changed its scores',
  edit: 'edited it',
}

/** Serialises writes to one item; a column's order is guarded by the column's own lock (`lockColumn`). */
export async function lockItem(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`roadmap-item:${id}`}, 16))::text`
}

/** Serialises rank choices in one board column (moves, new items, the threats job raising an item). */
export async function lockColumn(tx: Tx, stage: Stage) {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`roadmap-column:${stage}`}, 16))::text`
}

/**
 * The item locked for a change at `version`: 404 when it is gone, 409 naming the other person's last
 * change when the caller saw an older version.
 */
export async function loadForChange(tx: Tx, id: string, version: number) {
  await lockItem(tx, id)
  const item = await tx.roadmapItem.findUnique({ where: { id } })
  if (!item) throw notFound('No roadmap item has this id; it may have been deleted')
  if (item.version !== version) await staleVersion(tx, item)
  return item
}

async function staleVersion(tx: Tx, item: { id: string; number: number; version: number; stage: Stage; title: string }): Promise<never> {
  const last = await tx.roadmapItemEvent.findFirst({ where: { itemId: item.id }, orderBy: { at: 'desc' } })
  const who = last?.by || 'Someone'
  const what = last ? EVENT_WORDS[last.kind] ?? 'changed it' : 'changed it'
  const detail = last?.kind === 'stage' ? ` to ${STAGE_LABELS[last.to as Stage] ?? last.to}` : last?.kind === 'edit' && last.to ? ` (${last.to})` : ''
  throw conflict(`${who} ${what}${detail} meanwhile: ${itemRef(item.number)} is now version ${item.version}, in ${STAGE_LABELS[item.stage]}. Your change was not saved; look at theirs and try again.`, {
    version: [`The item is at version ${item.version}`],
  })
}

export async function recordItemEvent(tx: Tx, actor: Actor, itemId: string, kind: string, from: string | null, to: string | null, at: Date) {
  await tx.roadmapItemEvent.create({ data: { itemId, kind, from, to, byId: userId(actor), by: actor.label, at } })
}

/** The RICE and clinical-impact scores of a set of inputs (null when an input is missing). */
export function scoresOf(i: { reach: number | null; impact: number | null; confidence: number | null; effort: number | null; patientSafety: number | null; clinicalOutcome: number | null; timeSaved: number | null; evidenceStrength: number | null }) {
  const rice = i.reach !== null && i.impact !== null && i.confidence !== null && i.effort !== null ? riceScore({ reach: i.reach, impact: i.impact as Impact, confidence: i.confidence as Confidence, effort: i.effort }) : null
  const clinical =
    i.patientSafety !== null && i.clinicalOutcome !== null && i.timeSaved !== null && i.evidenceStrength !== null
      ? clinicalImpactScore({ patientSafety: i.patientSafety, clinicalOutcome: i.clinicalOutcome, timeSaved: i.timeSaved, evidenceStrength: i.evidenceStrength })
      : null
  return { riceScore: rice === null ? null : Math.round(rice * 100) / 100, clinicalScore: clinical }
}

const scoreText = (n: number | null) => (n === null ? null : String(n))

export async function createItem(actor: Actor, raw: unknown, ctx: CommandContext = {}) {
  const input = parseOrThrow(ItemInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    if (input.ownerId && !(await tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true } }))) throw notFound('No user has this id')
    await lockColumn(tx, input.stage)
    const top = await tx.roadmapItem.findFirst({ where: { stage: input.stage }, orderBy: { rank: 'asc' }, select: { rank: true } })
    const item = await tx.roadmapItem.create({
      data: { ...input, title: redact(input.title), problem: redact(input.problem), rank: top ? top.rank - 1 : 0, createdById: userId(actor), ...scoresOf({ ...emptyInputs, effort: input.effort }) },
    })
    await recordItemEvent(tx, actor, item.id, 'created', null, input.stage, now)
    if (input.targetQuarter) await recordItemEvent(tx, actor, item.id, 'quarter', null, input.targetQuarter, now)
    await recordAudit(actor, { action: 'roadmap.item.create', targetType: 'roadmap_item', targetId: item.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { ref: itemRef(item.number), stage: item.stage, pipeline: item.pipeline } }, tx)
    return item
  })
}

const emptyInputs = { reach: null, impact: null, confidence: null, effort: null, patientSafety: null, clinicalOutcome: null, timeSaved: null, evidenceStrength: null }

export async function updateItem(actor: Actor, raw: unknown, ctx: CommandContext = {}) {
  const { id, version, ...patch } = parseOrThrow(ItemUpdateInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    const item = await loadForChange(tx, id, version)
    if (patch.ownerId && !(await tx.user.findUnique({ where: { id: patch.ownerId }, select: { id: true } }))) throw notFound('No user has this id')
    if (patch.serviceId && !(await tx.service.findUnique({ where: { id: patch.serviceId }, select: { id: true } }))) throw notFound('No service has this id')
    const data = { ...patch, ...(patch.title !== undefined ? { title: redact(patch.title) } : {}), ...(patch.problem !== undefined ? { problem: redact(patch.problem) } : {}) }
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => JSON.stringify(data[k]) !== JSON.stringify(item[k]))
    if (changed.length === 0) return item
    const effort = data.effort === undefined ? item.effort : data.effort
    const scores = scoresOf({ ...item, effort })
    const updated = await tx.roadmapItem.update({ where: { id }, data: { ...data, ...scores, version: { increment: 1 } } })
    if (changed.includes('targetQuarter')) await recordItemEvent(tx, actor, id, 'quarter', item.targetQuarter, updated.targetQuarter, now)
    if (changed.includes('effort')) await recordItemEvent(tx, actor, id, 'effort', scoreText(item.effort), scoreText(updated.effort), now)
    if (scores.riceScore !== item.riceScore) await recordItemEvent(tx, actor, id, 'score', scoreText(item.riceScore), scoreText(scores.riceScore), now)
    const other = changed.filter((k) => k !== 'targetQuarter' && k !== 'effort')
    if (other.length > 0) await recordItemEvent(tx, actor, id, 'edit', null, other.join(', '), now)
    await recordAudit(actor, { action: 'roadmap.item.update', targetType: 'roadmap_item', targetId: id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { ref: itemRef(item.number), changed } }, tx)
    return updated
  })
}

/**
 * Sets scoring inputs a PM decides directly (the evidence-seeded ones go through the override command,
 * which records a reason) and stores the scores computed from them.
 */
export async function setScoreInputs(actor: Actor, raw: unknown, ctx: CommandContext = {}) {
  const { id, version, ...patch } = parseOrThrow(ScoreInputs, raw)
  authorize(actor, 'roadmap:edit')
  return inTransaction((tx) => writeScoreInputs(tx, actor, id, version, patch, ctx))
}

export async function writeScoreInputs(tx: Tx, actor: Actor, id: string, version: number, patch: Partial<Omit<ScoreInputData, 'id' | 'version'>>, ctx: CommandContext = {}) {
  const now = ctx.now ?? new Date()
  const item = await loadForChange(tx, id, version)
  const changed = SCORE_INPUT_NAMES.filter((k) => patch[k] !== undefined && patch[k] !== item[k])
  if (changed.length === 0) return item
  const next = { ...item, ...Object.fromEntries(changed.map((k) => [k, patch[k]])) }
  const scores = scoresOf(next)
  const updated = await tx.roadmapItem.update({ where: { id }, data: { ...Object.fromEntries(changed.map((k) => [k, patch[k]])), ...scores, version: { increment: 1 } } })
  if (scores.riceScore !== item.riceScore) await recordItemEvent(tx, actor, id, 'score', scoreText(item.riceScore), scoreText(scores.riceScore), now)
  else await recordItemEvent(tx, actor, id, 'edit', null, changed.join(', '), now)
  await recordAudit(
    actor,
    { action: 'roadmap.item.score', targetType: 'roadmap_item', targetId: id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { ref: itemRef(item.number), changed: Object.fromEntries(changed.map((k) => [k, { from: item[k], to: patch[k] }])), riceScore: scores.riceScore, clinicalScore: scores.clinicalScore } },
    tx,
  )
  return updated
}

/** A move on the board: to another stage and/or position. "Released" needs every gate complete (422 naming them). */
export async function moveItem(actor: Actor, raw: unknown, ctx: CommandContext = {}) {
  const input = parseOrThrow(MoveInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    const item = await loadForChange(tx, input.id, input.version)
    const stageChanged = item.stage !== input.stage
    if (stageChanged && input.stage === 'released') await assertReleasable(tx, item)
    await lockColumn(tx, input.stage)
    const column = await tx.roadmapItem.findMany({ where: { stage: input.stage, id: { not: item.id } }, orderBy: [{ rank: 'asc' }, { number: 'asc' }], select: { id: true, rank: true } })
    const placed = rankForPosition(
      column.map((c) => c.rank),
      input.position,
    )
    let rank = placed.rank
    const renumber = placed.renumber
    if (renumber) {
      // The gap is spent: renumber the column 0…n-1 in one statement, the item goes between.
      await tx.$executeRaw`UPDATE "RoadmapItem" AS r SET rank = o.n FROM (SELECT id, (row_number() OVER (ORDER BY rank, number) - 1)::float8 AS n FROM "RoadmapItem" WHERE stage = ${input.stage}::"RoadmapStage" AND id <> ${item.id}::uuid) o WHERE r.id = o.id`
      rank = Math.max(0, Math.min(input.position, column.length)) - 0.5
    }
    const releasedAt = input.stage === 'released' ? (stageChanged ? now : item.releasedAt) : null
    const updated = await tx.roadmapItem.update({ where: { id: item.id }, data: { stage: input.stage, rank, releasedAt, version: { increment: 1 } } })
    await recordItemEvent(tx, actor, item.id, stageChanged ? 'stage' : 'rank', stageChanged ? item.stage : null, stageChanged ? input.stage : String(input.position), now)
    // The clinician loop: linked feedback shows "planned", then "fixed" (feedback-loop.ts).
    if (stageChanged) await propagateStageToFeedback(tx, actor, item.id, input.stage, now)
    await recordAudit(
      actor,
      { action: stageChanged ? 'roadmap.item.move' : 'roadmap.item.reorder', targetType: 'roadmap_item', targetId: item.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { ref: itemRef(item.number), from: item.stage, to: input.stage, position: input.position } },
      tx,
    )
    return updated
  })
}
