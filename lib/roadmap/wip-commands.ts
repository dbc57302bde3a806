/** The board's WIP limits: one Setting row, set by roadmap editors; warned on the board, never enforced. */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { parseOrThrow } from '../errors'
import { inTransaction } from '../tx'
import { WIP_LIMITS_KEY, WipLimitsInput, type WipLimits } from './schema'

export async function setWipLimits(actor: Actor, raw: unknown): Promise<WipLimits> {
  const input = parseOrThrow(WipLimitsInput, raw)
  authorize(actor, 'roadmap:edit')
  return inTransaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: WIP_LIMITS_KEY } })
    await tx.setting.upsert({ where: { key: WIP_LIMITS_KEY }, create: { key: WIP_LIMITS_KEY, value: input }, update: { value: input } })
    await recordAudit(actor, { action: 'roadmap.wip_limits.update', targetType: 'setting', targetId: WIP_LIMITS_KEY, summary: { before: before?.value ?? null, after: input } }, tx)
    return input
  })
}
