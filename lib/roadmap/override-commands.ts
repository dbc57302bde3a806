/**
 * A PM's override of a scoring input (with a required reason, redacted), clearing it again, and applying
 * the evidence to the inputs nobody overrode. Each writes the input column, recomputes riceScore and
 * clinicalScore (input-writes.ts), bumps the item's version and audits, in one transaction. A person's
 * form names the version it saw (409 naming the other change otherwise, commands.ts loadForChange). The
 * evidence is read before the transaction (it reads SLO rollups through the SLO area), so a seed is as of
 * the call.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { notFound, parseOrThrow } from '../errors'
import { redactText } from '../phi/redact'
import { inTransaction, type Tx } from '../tx'
import { loadForChange, lockItem, recordItemEvent } from './commands'
import { SEEDED_INPUTS, seedInputs, type ScoringInput, type Seeds } from './evidence'
import { factsOf, loadEvidence } from './evidence-facts'
import { ClearOverrideInput, OverrideInput } from './evidence-schema'
import { writeInputs, type InputsWritten } from './input-writes'

const TARGET = 'roadmap_item'

export interface CommandContext {
  now?: Date
  requestId?: string | null
  ip?: string | null
}

/** The item's seeded inputs as of now (none for an item that does not exist). */
export async function seedsOf(itemId: string, now: Date = new Date()): Promise<Seeds> {
  const view = await loadEvidence(itemId, now)
  return view ? seedInputs(factsOf(view)) : {}
}

/** A change of record that moved no input (a new reason, a cleared override) still bumps the version. */
async function bumpVersion(tx: Tx, id: string): Promise<number> {
  return (await tx.roadmapItem.update({ where: { id }, data: { version: { increment: 1 } }, select: { version: true } })).version
}

export async function overrideInput(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<InputsWritten> {
  const input = parseOrThrow(OverrideInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  const reason = redactText(input.reason)
  const seeds = await seedsOf(input.itemId, now)
  const seeded = seeds[input.input]?.value ?? null
  return inTransaction(async (tx) => {
    const row = await loadForChange(tx, input.itemId, input.version)
    const written = await writeInputs(tx, actor, row, { [input.input]: input.value }, now)
    const moved = Object.keys(written.changes).length > 0
    const version = moved ? written.version : await bumpVersion(tx, row.id)
    if (!moved) await recordItemEvent(tx, actor, row.id, 'edit', null, `the override reason of ${input.input}`, now)
    const data = { value: input.value, seeded, reason: reason.text, byId: actor.type === 'user' ? actor.id : null, by: actor.label, at: now }
    await tx.roadmapInputOverride.upsert({ where: { itemId_input: { itemId: row.id, input: input.input } }, create: { itemId: row.id, input: input.input, ...data }, update: data })
    await recordAudit(
      actor,
      {
        action: 'roadmap.input.override',
        targetType: TARGET,
        targetId: row.id,
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        summary: { number: row.number, input: input.input, from: row[input.input], to: input.value, seeded, reason: reason.text, redactions: reason.counts, riceScore: written.riceScore },
      },
      tx,
    )
    return { ...written, version }
  })
}

/** Removes an override: the input goes back to what the evidence says now (or keeps its value, when there is none). */
export async function clearOverride(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<InputsWritten & { cleared: boolean }> {
  const input = parseOrThrow(ClearOverrideInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  const seeds = await seedsOf(input.itemId, now)
  return inTransaction(async (tx) => {
    const row = await loadForChange(tx, input.itemId, input.version)
    const existing = await tx.roadmapInputOverride.findUnique({ where: { itemId_input: { itemId: row.id, input: input.input } } })
    if (!existing) return { version: row.version, riceScore: row.riceScore, clinicalScore: row.clinicalScore, changes: {}, cleared: false }
    await tx.roadmapInputOverride.delete({ where: { itemId_input: { itemId: row.id, input: input.input } } })
    const seed = seeds[input.input]
    const written = seed ? await writeInputs(tx, actor, row, { [input.input]: seed.value }, now) : { version: row.version, riceScore: row.riceScore, clinicalScore: row.clinicalScore, changes: {} }
    const version = Object.keys(written.changes).length > 0 ? written.version : await bumpVersion(tx, row.id)
    await recordAudit(
      actor,
      {
        action: 'roadmap.input.override_clear',
        targetType: TARGET,
        targetId: row.id,
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        summary: { number: row.number, input: input.input, overridden: existing.value, to: seed?.value ?? row[input.input], seeded: seed?.value ?? null },
      },
      tx,
    )
    return { ...written, version, cleared: true }
  })
}

/**
 * Writes the seeded value into every seeded input that has no override (after a link or unlink, and from
 * the roadmap-threats job). Idempotent: nothing is written or audited when the inputs already agree.
 */
export async function applyEvidence(actor: Actor, itemId: string, ctx: CommandContext = {}): Promise<InputsWritten> {
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  const seeds = await seedsOf(itemId, now)
  return inTransaction(async (tx) => {
    await lockItem(tx, itemId)
    const row = await tx.roadmapItem.findUnique({ where: { id: itemId } })
    if (!row) throw notFound('No roadmap item has this id; it may have been deleted')
    const overridden = new Set((await tx.roadmapInputOverride.findMany({ where: { itemId }, select: { input: true } })).map((o) => o.input))
    const next: Partial<Record<ScoringInput, number>> = {}
    for (const k of SEEDED_INPUTS) {
      const seed = seeds[k]
      if (seed && !overridden.has(k)) next[k] = seed.value
    }
    const written = await writeInputs(tx, actor, row, next, now)
    if (Object.keys(written.changes).length > 0) {
      await recordAudit(
        actor,
        { action: 'roadmap.evidence.apply', targetType: TARGET, targetId: row.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { number: row.number, changes: written.changes, riceScore: written.riceScore } },
        tx,
      )
    }
    return written
  })
}
