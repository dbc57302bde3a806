/**
 * A PM's override of a scoring input (with a required reason, redacted), clearing it again, and applying
 * the evidence to the inputs nobody overrode. Each writes the input column, recomputes riceScore and
 * clinicalScore (item-scores.ts), bumps the item's version and audits, in one transaction. The evidence
 * is read before the transaction (it reads SLO rollups through the SLO area), so a seed is as of the call.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { conflict, parseOrThrow } from '../errors'
import { redactText } from '../phi/redact'
import { inTransaction, type Tx } from '../tx'
import { SEEDED_INPUTS, seedInputs, type ScoringInput, type Seeds } from './evidence'
import { factsOf, loadEvidence } from './evidence-facts'
import { ClearOverrideInput, OverrideInput } from './evidence-schema'
import { readInputs, writeInputs, type InputsWritten } from './input-writes'

const TARGET = 'roadmap_item'

export interface CommandContext {
  now?: Date
  requestId?: string | null
  ip?: string | null
}

/** The item's seeded inputs as of now (no seed for an item that does not exist). */
export async function seedsOf(itemId: string, now: Date = new Date()): Promise<Seeds> {
  const view = await loadEvidence(itemId, now)
  return view ? seedInputs(factsOf(view)) : {}
}

export async function overrideInput(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<InputsWritten> {
  const input = parseOrThrow(OverrideInput, raw)
  authorize(actor, 'roadmap:edit')
  const reason = redactText(input.reason)
  const seeds = await seedsOf(input.itemId, ctx.now)
  const seeded = seeds[input.input]?.value ?? null
  return inTransaction(async (tx) => {
    const row = await readInputs(tx, input.itemId)
    const written = await writeInputs(tx, actor, row, { [input.input]: input.value }, input.version)
    // A new reason for the same value is still a change of record: it bumps the version and is audited.
    const version = Object.keys(written.changes).length > 0 ? written.version : await bump(tx, row.id, input.version, row.number)
    const data = { value: input.value, seeded, reason: reason.text, byId: actor.type === 'user' ? actor.id : null, by: actor.label, at: ctx.now ?? new Date() }
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

/** Removes an override: the input goes back to what the evidence says now (or stays, when there is none). */
export async function clearOverride(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<InputsWritten & { cleared: boolean }> {
  const input = parseOrThrow(ClearOverrideInput, raw)
  authorize(actor, 'roadmap:edit')
  const seeds = await seedsOf(input.itemId, ctx.now)
  return inTransaction(async (tx) => {
    const row = await readInputs(tx, input.itemId)
    const existing = await tx.roadmapInputOverride.findUnique({ where: { itemId_input: { itemId: row.id, input: input.input } } })
    if (!existing) return { version: row.version, riceScore: row.riceScore, clinicalScore: row.clinicalScore, changes: {}, cleared: false }
    await tx.roadmapInputOverride.delete({ where: { itemId_input: { itemId: row.id, input: input.input } } })
    const seed = seeds[input.input]
    const written = seed ? await writeInputs(tx, actor, row, { [input.input]: seed.value }, input.version) : { version: row.version, riceScore: row.riceScore, clinicalScore: row.clinicalScore, changes: {} }
    const version = Object.keys(written.changes).length > 0 ? written.version : await bump(tx, row.id, input.version, row.number)
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

/** A version bump for a change of record that moved no input (a new reason, a cleared override). */
async function bump(tx: Tx, id: string, version: number, number: number): Promise<number> {
  const r = await tx.roadmapItem.updateMany({ where: { id, version }, data: { version: { increment: 1 } } })
  if (r.count === 0) throw conflict(`RM-${number} changed since you opened it: reload to see the other change, then try again`, { version: ['Out of date'] })
  return version + 1
}

/**
 * Writes the seeded value into every seeded input that has no override (after a link or unlink, and from
 * the roadmap-threats job). Idempotent: nothing is written or audited when the inputs already agree.
 */
export async function applyEvidence(actor: Actor, itemId: string, ctx: CommandContext = {}): Promise<InputsWritten> {
  authorize(actor, 'roadmap:edit')
  const seeds = await seedsOf(itemId, ctx.now)
  return inTransaction(async (tx) => {
    const row = await readInputs(tx, itemId)
    const overridden = new Set((await tx.roadmapInputOverride.findMany({ where: { itemId }, select: { input: true } })).map((o) => o.input))
    const next: Partial<Record<ScoringInput, number>> = {}
    for (const k of SEEDED_INPUTS) {
      const seed = seeds[k]
      if (seed && !overridden.has(k)) next[k] = seed.value
    }
    const written = await writeInputs(tx, actor, row, next)
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
