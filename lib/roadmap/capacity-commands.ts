/** A team's capacity per quarter (roadmap:edit): set or changed, audited with the value it replaced. */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { parseOrThrow } from '../errors'
import { inTransaction } from '../tx'
import { CapacityInput } from './gate-schema'

export async function setCapacity(actor: Actor, raw: unknown, ctx: { requestId?: string | null; ip?: string | null } = {}): Promise<{ quarter: string; personWeeks: number; previous: number | null }> {
  const input = parseOrThrow(CapacityInput, raw)
  authorize(actor, 'roadmap:edit')
  return inTransaction(async (tx) => {
    const before = await tx.roadmapCapacity.findUnique({ where: { quarter: input.quarter } })
    await tx.roadmapCapacity.upsert({ where: { quarter: input.quarter }, create: { quarter: input.quarter, personWeeks: input.personWeeks }, update: { personWeeks: input.personWeeks } })
    await recordAudit(
      actor,
      { action: 'roadmap.capacity.set', targetType: 'roadmap_capacity', targetId: input.quarter, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { from: before?.personWeeks ?? null, to: input.personWeeks } },
      tx,
    )
    return { quarter: input.quarter, personWeeks: input.personWeeks, previous: before?.personWeeks ?? null }
  })
}
