/**
 * An item's dependencies and risks. A dependency that would close a loop (A needs B needs … A) is refused,
 * naming the loop; risks and mitigations are redacted. Each change bumps the item's version and is audited.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { notFound, parseOrThrow, unprocessable } from '../errors'
import { redact } from '../phi/redact'
import { inTransaction } from '../tx'
import { loadForChange, recordItemEvent, type CommandContext } from './commands'
import { itemRef } from './model'
import { DependencyInput, RiskInput, RiskRemoveInput } from './schema'

/** Whether `from` reaches `to` along the existing dependency edges (depth-first). */
export function reaches(edges: readonly { itemId: string; dependsOnId: string }[], from: string, to: string): string[] | null {
  const next = new Map<string, string[]>()
  for (const e of edges) next.set(e.itemId, [...(next.get(e.itemId) ?? []), e.dependsOnId])
  const seen = new Set<string>()
  const walk = (at: string, path: string[]): string[] | null => {
    if (at === to) return path
    if (seen.has(at)) return null
    seen.add(at)
    for (const n of next.get(at) ?? []) {
      const found = walk(n, [...path, n])
      if (found) return found
    }
    return null
  }
  return walk(from, [from])
}

export async function setDependency(actor: Actor, raw: unknown, ctx: CommandContext = {}) {
  const input = parseOrThrow(DependencyInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    // One dependency change at a time, so two concurrent edges cannot close a loop between them.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended('roadmap-dependencies', 16))::text`
    const item = await loadForChange(tx, input.id, input.version)
    const other = await tx.roadmapItem.findUnique({ where: { id: input.dependsOnId }, select: { id: true, number: true } })
    if (!other) throw notFound('No roadmap item has this id')
    if (input.remove) {
      await tx.roadmapDependency.deleteMany({ where: { itemId: item.id, dependsOnId: other.id } })
    } else {
      if (other.id === item.id) throw unprocessable('An item cannot depend on itself', { dependsOnId: ['Choose another item'] })
      const edges = await tx.roadmapDependency.findMany({ select: { itemId: true, dependsOnId: true } })
      const loop = reaches(edges, other.id, item.id)
      if (loop) {
        const numbers = await tx.roadmapItem.findMany({ where: { id: { in: loop } }, select: { id: true, number: true } })
        const ref = (id: string) => itemRef(numbers.find((n) => n.id === id)?.number ?? 0)
        throw unprocessable(`That would close a loop: ${[item.id, ...loop].map(ref).join(' needs ')}`, { dependsOnId: ['This item already depends on this one, through others'] })
      }
      await tx.roadmapDependency.upsert({ where: { itemId_dependsOnId: { itemId: item.id, dependsOnId: other.id } }, create: { itemId: item.id, dependsOnId: other.id }, update: {} })
    }
    const updated = await tx.roadmapItem.update({ where: { id: item.id }, data: { version: { increment: 1 } } })
    await recordItemEvent(tx, actor, item.id, 'edit', null, 'dependencies', now)
    await recordAudit(actor, { action: input.remove ? 'roadmap.dependency.remove' : 'roadmap.dependency.add', targetType: 'roadmap_item', targetId: item.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { ref: itemRef(item.number), dependsOn: itemRef(other.number) } }, tx)
    return updated
  })
}

export async function addRisk(actor: Actor, raw: unknown, ctx: CommandContext = {}) {
  const input = parseOrThrow(RiskInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    const item = await loadForChange(tx, input.id, input.version)
    const risk = await tx.roadmapRisk.create({ data: { itemId: item.id, description: redact(input.description), mitigation: redact(input.mitigation), severity: input.severity } })
    const updated = await tx.roadmapItem.update({ where: { id: item.id }, data: { version: { increment: 1 } } })
    await recordItemEvent(tx, actor, item.id, 'edit', null, 'risks', now)
    await recordAudit(actor, { action: 'roadmap.risk.add', targetType: 'roadmap_item', targetId: item.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { ref: itemRef(item.number), riskId: risk.id, severity: risk.severity } }, tx)
    return updated
  })
}

export async function removeRisk(actor: Actor, raw: unknown, ctx: CommandContext = {}) {
  const input = parseOrThrow(RiskRemoveInput, raw)
  authorize(actor, 'roadmap:edit')
  const now = ctx.now ?? new Date()
  return inTransaction(async (tx) => {
    const item = await loadForChange(tx, input.id, input.version)
    const { count } = await tx.roadmapRisk.deleteMany({ where: { id: input.riskId, itemId: item.id } })
    if (count === 0) throw notFound('This risk is not on this item')
    const updated = await tx.roadmapItem.update({ where: { id: item.id }, data: { version: { increment: 1 } } })
    await recordItemEvent(tx, actor, item.id, 'edit', null, 'risks', now)
    await recordAudit(actor, { action: 'roadmap.risk.remove', targetType: 'roadmap_item', targetId: item.id, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { ref: itemRef(item.number), riskId: input.riskId } }, tx)
    return updated
  })
}
