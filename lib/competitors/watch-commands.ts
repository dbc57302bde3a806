/**
 * The write layer of the watch and its review queue (competitor:edit, each in one transaction with its
 * audit row): add and remove watched sources; accept a pending change into a cell (through the matrix's
 * own evidence command, in the same transaction), as a price or as a SWOT item (each with an evidence row
 * for the competitor's timeline), or dismiss it. A change that is no longer pending answers 409.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { conflict, notFound, parseOrThrow, prismaCode } from '../errors'
import { redact } from '../phi/redact'
import { inTransaction, type Tx } from '../tx'
import { writeCellEvidence, type CellEvidenceResult, type CommandContext } from './commands'
import { CellEvidenceInput, MAX_NOTE } from './schema'
import { getThreatSettings } from './settings'
import { AcceptAsPriceInput, AcceptAsSwotInput, AcceptIntoCellInput, DismissChangeInput, WATCH_KIND_LABELS, WatchSourceActiveInput, WatchSourceInput, WatchSourceRef } from './watch-schema'

const who = (actor: Actor) => ({ id: actor.type === 'user' ? actor.id : null, label: actor.label })
const cap = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

export async function addWatchSource(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<{ id: string }> {
  const input = parseOrThrow(WatchSourceInput, raw)
  authorize(actor, 'competitor:edit')
  const label = redact(input.label ?? WATCH_KIND_LABELS[input.kind])
  try {
    return await inTransaction(async (tx) => {
      const competitor = await tx.competitor.findUnique({ where: { id: input.competitorId }, select: { key: true, isUs: true } })
      if (!competitor) throw notFound('No competitor has this id')
      const source = await tx.competitorWatchSource.create({
        data: { competitorId: input.competitorId, url: input.url, kind: input.kind, label, createdById: who(actor).id, createdBy: actor.label },
        select: { id: true },
      })
      await recordAudit(actor, { action: 'competitor.watch_source.create', targetType: 'competitor_watch_source', targetId: source.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { competitor: competitor.key, kind: input.kind, url: input.url } }, tx)
      return source
    })
  } catch (err) {
    if (prismaCode(err) === 'P2002') throw conflict('This competitor already has a watched source at this address', { url: ['Already watched'] })
    throw err
  }
}

/** Removes a source with its snapshot and changes; evidence accepted from it stays (it names its own source). */
export async function removeWatchSource(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<void> {
  const { sourceId } = parseOrThrow(WatchSourceRef, raw)
  authorize(actor, 'competitor:edit')
  await inTransaction(async (tx) => {
    const source = await tx.competitorWatchSource.findUnique({ where: { id: sourceId }, include: { competitor: { select: { key: true } }, _count: { select: { changes: { where: { status: 'pending' } } } } } })
    if (!source) throw notFound('No watched source has this id')
    await tx.competitorWatchSource.delete({ where: { id: sourceId } })
    await recordAudit(actor, { action: 'competitor.watch_source.delete', targetType: 'competitor_watch_source', targetId: sourceId, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { competitor: source.competitor.key, url: source.url, pendingDropped: source._count.changes } }, tx)
  })
}

/** Pauses or resumes a source: the job checks active sources only. Unchanged when it already is so (no audit row). */
export async function setWatchSourceActive(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<{ changed: boolean }> {
  const { sourceId, active } = parseOrThrow(WatchSourceActiveInput, raw)
  authorize(actor, 'competitor:edit')
  return inTransaction(async (tx) => {
    const source = await tx.competitorWatchSource.findUnique({ where: { id: sourceId }, select: { active: true, url: true } })
    if (!source) throw notFound('No watched source has this id')
    if (source.active === active) return { changed: false }
    await tx.competitorWatchSource.update({ where: { id: sourceId }, data: { active } })
    await recordAudit(actor, { action: active ? 'competitor.watch_source.resume' : 'competitor.watch_source.pause', targetType: 'competitor_watch_source', targetId: sourceId, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { url: source.url } }, tx)
    return { changed: true }
  })
}

/** Locks a pending change for its review; 404 when unknown, 409 when someone reviewed it already. */
async function lockPending(tx: Tx, changeId: string) {
  await tx.$queryRaw`SELECT id::text FROM "CompetitorWatchChange" WHERE id = ${changeId}::uuid FOR UPDATE`
  const change = await tx.competitorWatchChange.findUnique({ where: { id: changeId }, include: { source: { select: { url: true, label: true } } } })
  if (!change) throw notFound('No watched change has this id')
  if (change.status !== 'pending') throw conflict(`This change was ${change.status} already${change.reviewedBy ? ` by ${change.reviewedBy}` : ''}. Reload the queue.`)
  return change
}

type Pending = Awaited<ReturnType<typeof lockPending>>

async function markReviewed(tx: Tx, actor: Actor, change: Pending, data: { status: 'accepted' | 'dismissed'; acceptedAs?: string; evidenceId?: string; reason?: string }, ctx: CommandContext, now: Date) {
  await tx.competitorWatchChange.update({ where: { id: change.id }, data: { ...data, reviewedById: who(actor).id, reviewedBy: actor.label, reviewedAt: now } })
  await recordAudit(
    actor,
    {
      action: data.status === 'accepted' ? 'competitor.watch.accept' : 'competitor.watch.dismiss',
      targetType: 'competitor_watch_change',
      targetId: change.id,
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
      summary: { acceptedAs: data.acceptedAs ?? null, evidenceId: data.evidenceId ?? null, reason: data.reason ? true : false },
    },
    tx,
  )
}

/** The evidence note a change becomes: the reviewer's note, else the change's excerpt (both redacted). */
function noteOf(change: Pending, note: string | undefined): string {
  return cap(redact(note ?? `Watched change (${change.summary}):\n${change.excerpt}`), MAX_NOTE)
}

const sourceTitleOf = (change: Pending) => cap(`Watched: ${change.source.label}`, 200)

export async function acceptChangeIntoCell(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<CellEvidenceResult & { changeId: string }> {
  const input = parseOrThrow(AcceptIntoCellInput, raw)
  authorize(actor, 'competitor:edit')
  const now = ctx.now ?? new Date()
  const settings = await getThreatSettings()
  return inTransaction(async (tx) => {
    const change = await lockPending(tx, input.changeId)
    const evidence = parseOrThrow(CellEvidenceInput, {
      competitorId: change.competitorId,
      capabilityId: input.capabilityId,
      status: input.status,
      confidence: input.confidence,
      sourceUrl: change.source.url,
      sourceTitle: sourceTitleOf(change),
      observedAt: change.detectedAt,
      note: noteOf(change, input.note),
      version: input.version,
    })
    const r = await writeCellEvidence(tx, actor, evidence, settings, { ...ctx, now })
    await markReviewed(tx, actor, change, { status: 'accepted', acceptedAs: 'cell', evidenceId: r.evidenceId }, ctx, now)
    return { ...r, changeId: change.id }
  })
}

async function timelineEvidence(tx: Tx, actor: Actor, change: Pending, kind: 'pricing' | 'swot', confidence: 'low' | 'medium' | 'high', note: string, now: Date) {
  return tx.competitorEvidence.create({
    data: { competitorId: change.competitorId, kind, confidence, sourceUrl: change.source.url, sourceTitle: sourceTitleOf(change), observedAt: change.detectedAt, note, recordedById: who(actor).id, recordedBy: actor.label, recordedAt: now },
    select: { id: true },
  })
}

export async function acceptChangeAsPrice(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<{ priceId: string; evidenceId: string }> {
  const input = parseOrThrow(AcceptAsPriceInput, raw)
  authorize(actor, 'competitor:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    const change = await lockPending(tx, input.changeId)
    const note = noteOf(change, input.note)
    const evidence = await timelineEvidence(tx, actor, change, 'pricing', input.confidence, note, now)
    const price = await tx.competitorPrice.create({
      data: { competitorId: change.competitorId, product: redact(input.product), model: input.model, currency: input.currency, low: input.low, high: input.high, sourceUrl: change.source.url, observedAt: change.detectedAt, confidence: input.confidence, note },
      select: { id: true },
    })
    await recordAudit(actor, { action: 'competitor.price.create', targetType: 'competitor_price', targetId: price.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { model: input.model, currency: input.currency, low: input.low, high: input.high, evidenceId: evidence.id } }, tx)
    await markReviewed(tx, actor, change, { status: 'accepted', acceptedAs: 'price', evidenceId: evidence.id }, ctx, now)
    return { priceId: price.id, evidenceId: evidence.id }
  })
}

export async function acceptChangeAsSwot(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<{ swotItemId: string; evidenceId: string }> {
  const input = parseOrThrow(AcceptAsSwotInput, raw)
  authorize(actor, 'competitor:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    const change = await lockPending(tx, input.changeId)
    const text = redact(input.text)
    const evidence = await timelineEvidence(tx, actor, change, 'swot', 'medium', noteOf(change, undefined), now)
    const last = await tx.swotItem.aggregate({ where: { competitorId: change.competitorId, quadrant: input.quadrant }, _max: { sortOrder: true } })
    const item = await tx.swotItem.create({ data: { competitorId: change.competitorId, quadrant: input.quadrant, text, evidenceId: evidence.id, sortOrder: (last._max.sortOrder ?? -1) + 1 }, select: { id: true } })
    await recordAudit(actor, { action: 'competitor.swot.create', targetType: 'swot_item', targetId: item.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { quadrant: input.quadrant, evidenceId: evidence.id } }, tx)
    await markReviewed(tx, actor, change, { status: 'accepted', acceptedAs: 'swot', evidenceId: evidence.id }, ctx, now)
    return { swotItemId: item.id, evidenceId: evidence.id }
  })
}

export async function dismissChange(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<void> {
  const input = parseOrThrow(DismissChangeInput, raw)
  authorize(actor, 'competitor:edit')
  const now = ctx.now ?? new Date()
  await inTransaction(async (tx) => {
    const change = await lockPending(tx, input.changeId)
    await markReviewed(tx, actor, change, { status: 'dismissed', reason: input.reason ? redact(input.reason) : '' }, ctx, now)
  })
}
