/**
 * Release gates' write layer (roadmap:edit). `setGateCheck` ticks or unticks one gate a person answers for
 * (the automatic flag gate is read from Feature flags and refused here); `linkFlag` names the flag that ships
 * the item, which the flag gate then reads. Both bump the item's version, so a board or form that saw the
 * item before answers 409 on its next edit, and both are audited.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { ApiError, conflict, notFound, parseOrThrow } from '../errors'
import { redact } from '../phi/redact'
import { inTransaction } from '../tx'
import { itemRef, type Pathway, type Pipeline } from './model'
import { AUTOMATIC_GATES, GATE_LABELS, requiredGates } from './pipelines'
import { GateCheckInput, LinkFlagInput } from './gate-schema'

export interface CommandContext {
  requestId?: string | null
  ip?: string | null
  now?: Date
}

export interface GateCheckResult {
  gate: string
  done: boolean
  version: number
}

export async function setGateCheck(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<GateCheckResult> {
  const input = parseOrThrow(GateCheckInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    const item = await tx.roadmapItem.findUnique({ where: { id: input.itemId }, select: { id: true, number: true, pipeline: true, regulatoryPathway: true } })
    if (!item) throw notFound('No roadmap item has this id')
    const label = GATE_LABELS[input.gate].label
    if (AUTOMATIC_GATES.has(input.gate)) {
      throw new ApiError(422, 'automatic_gate', `${label} is read from Feature flags: link a flag whose production rollout completed instead of ticking it.`, { gate: ['This gate is automatic'] })
    }
    if (!requiredGates(item.pipeline as Pipeline, item.regulatoryPathway as Pathway).includes(input.gate)) {
      throw new ApiError(422, 'gate_not_required', `${label} is not a release gate of this item's pipeline.`, { gate: ['Not a gate of this item'] })
    }
    const note = input.note ? redact(input.note) : ''
    const data = {
      done: input.done,
      evidenceUrl: input.evidenceUrl ?? null,
      note,
      doneById: input.done && actor.type === 'user' ? actor.id : null,
      doneBy: input.done ? actor.label : null,
      doneAt: input.done ? now : null,
    }
    await tx.roadmapGateCheck.upsert({
      where: { itemId_gate: { itemId: item.id, gate: input.gate } },
      create: { itemId: item.id, gate: input.gate, ...data },
      update: data,
    })
    const { version } = await tx.roadmapItem.update({ where: { id: item.id }, data: { version: { increment: 1 }, updatedAt: now }, select: { version: true } })
    await recordAudit(
      actor,
      {
        action: 'roadmap.gate.set',
        targetType: 'roadmap_item',
        targetId: itemRef(item.number),
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        summary: { itemId: item.id, gate: input.gate, done: input.done, evidenceUrl: data.evidenceUrl, noted: note !== '' },
      },
      tx,
    )
    return { gate: input.gate, done: input.done, version }
  })
}

export interface LinkFlagResult {
  flagKey: string | null
  version: number
}

export async function linkFlag(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<LinkFlagResult> {
  const input = parseOrThrow(LinkFlagInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    // Lock the row: two editors cannot both pass the version check.
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM "RoadmapItem" WHERE id = ${input.itemId}::uuid FOR UPDATE`
    if (rows.length === 0) throw notFound('No roadmap item has this id')
    const item = await tx.roadmapItem.findUniqueOrThrow({ where: { id: input.itemId }, select: { id: true, number: true, version: true, flagKey: true } })
    if (item.version !== input.version) {
      throw conflict(`Someone changed this item meanwhile (it is at version ${item.version}${item.flagKey ? `, linked to flag ${item.flagKey}` : ', no flag linked'}). Reload to see their change.`, {
        version: [`The item is at version ${item.version}`],
      })
    }
    if (input.flagKey !== null) {
      const flag = await tx.flag.findUnique({ where: { key: input.flagKey }, select: { key: true } })
      if (!flag) throw new ApiError(422, 'invalid', `No feature flag has the key ${input.flagKey}.`, { flagKey: ['No flag has this key'] })
    }
    const { version } = await tx.roadmapItem.update({ where: { id: item.id }, data: { flagKey: input.flagKey, version: { increment: 1 }, updatedAt: now }, select: { version: true } })
    await recordAudit(
      actor,
      {
        action: input.flagKey ? 'roadmap.flag.link' : 'roadmap.flag.unlink',
        targetType: 'roadmap_item',
        targetId: itemRef(item.number),
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        summary: { itemId: item.id, from: item.flagKey, to: input.flagKey },
      },
      tx,
    )
    return { flagKey: input.flagKey, version }
  })
}
