/** The roadmap-threats job: a high competitor threat creates its roadmap item, then raises it only when the threat changes. */
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { syncThreatItems } from '@/lib/roadmap/threat-items'
import { createRoadmapItem, createThreatLink } from '@/test/roadmap-evidence-factories'
import { roadmapThreats } from './roadmap-threats'

const actor = systemActor('roadmap-threats')
// Other test files add items to the same columns meanwhile (the database is shared): compare ranks with the
// items this test knows, not with whatever is on top now.
const rankOf = async (id: string) => (await db.roadmapItem.findUniqueOrThrow({ where: { id }, select: { rank: true } })).rank
const topRank = async (stage: 'ideas' | 'discovery') => (await db.roadmapItem.findFirst({ where: { stage }, orderBy: { rank: 'asc' }, select: { rank: true } }))?.rank ?? Number.POSITIVE_INFINITY

describe('roadmap-threats', () => {
  it('is registered every 15 minutes', () => {
    expect(roadmapThreats.schedule).toBe('*/15 * * * *')
  })

  it('creates an item at the top of Ideas with the threat linked and its value seeded, once', async () => {
    const { capability, link } = await createThreatLink(0.5)
    const topBefore = await topRank('ideas')
    const first = await syncThreatItems(actor)
    const linked = await db.competitorThreatLink.findUniqueOrThrow({ where: { id: link.id } })
    expect(linked.roadmapItemId).not.toBeNull()
    const item = await db.roadmapItem.findUniqueOrThrow({ where: { id: linked.roadmapItemId! }, include: { links: true, events: true } })
    expect(first.created).toContain(item.number)
    expect(item).toMatchObject({ title: `Close the gap: ${capability.name}`, stage: 'ideas', problem: `Rival leads us on ${capability.name}`, value: 8, evidenceStrength: 1, confidence: 50 })
    expect(item.links).toMatchObject([{ kind: 'competitor_threat', targetId: link.id }])
    expect(item.events.map((e) => e.kind)).toContain('created')
    expect(item.rank).toBeLessThan(topBefore)
    const audits = await db.auditLog.findMany({ where: { targetId: item.id }, select: { action: true } })
    expect(audits.map((a) => a.action).sort()).toEqual(['roadmap.evidence.apply', 'roadmap.item.create'])

    // A second run with nothing new writes nothing.
    const version = item.version
    const again = await syncThreatItems(actor)
    expect(again.created).not.toContain(item.number)
    expect(again.raised).not.toContain(item.number)
    expect((await db.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(version)
    expect(await db.auditLog.count({ where: { targetId: item.id } })).toBe(2)
  })

  it('raises a linked item to the top of its column when its threat grows, and its value with it', async () => {
    const { link } = await createThreatLink(0.5)
    const item = await createRoadmapItem({ stage: 'discovery' })
    await db.competitorThreatLink.update({ where: { id: link.id }, data: { roadmapItemId: item.id } })
    const other = await createRoadmapItem({ stage: 'discovery' })
    await db.roadmapItem.update({ where: { id: other.id }, data: { rank: -1e9 } })
    const first = await syncThreatItems(actor)
    expect(first.raised).toContain(item.number)
    expect(await rankOf(item.id)).toBeLessThan(-1e9)
    expect((await db.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).value).toBe(8)
    expect(await db.roadmapLink.count({ where: { itemId: item.id, kind: 'competitor_threat', targetId: link.id } })).toBe(1)

    // A PM reorders the column: the job leaves it while the threat stays the same…
    const pmTop = await createRoadmapItem({ stage: 'discovery' })
    await db.roadmapItem.update({ where: { id: pmTop.id }, data: { rank: -1e10 } })
    expect((await syncThreatItems(actor)).raised).not.toContain(item.number)
    expect(await rankOf(pmTop.id)).toBeLessThan(await rankOf(item.id))

    // …and raises it again when the threat grows: value 6 + 4 × 0.9 → 10.
    await db.competitorThreatLink.update({ where: { id: link.id }, data: { score: 0.9 } })
    const grown = await syncThreatItems(actor)
    expect(grown.raised).toContain(item.number)
    expect(grown.rescored).toContain(item.number)
    expect(await rankOf(item.id)).toBeLessThan(-1e10)
    expect((await db.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).value).toBe(10)
    expect(await db.auditLog.count({ where: { targetId: item.id, action: 'roadmap.item.raise' } })).toBe(2)
  })

  it('leaves a released item alone', async () => {
    const { link } = await createThreatLink(0.7)
    const item = await createRoadmapItem({ stage: 'released' })
    await db.competitorThreatLink.update({ where: { id: link.id }, data: { roadmapItemId: item.id } })
    const r = await syncThreatItems(actor)
    expect(r.raised).not.toContain(item.number)
    expect((await db.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(1)
  })

  it('handles the other threats when one fails, names it, and the job run fails with the summary kept', async () => {
    const broken = await createThreatLink(0.8)
    await db.capability.delete({ where: { id: broken.capability.id } })
    const { link } = await createThreatLink(0.6)
    const r = await syncThreatItems(actor)
    expect(r.failed.map((f) => f.threatLinkId)).toContain(broken.link.id)
    expect((await db.competitorThreatLink.findUniqueOrThrow({ where: { id: link.id } })).roadmapItemId).not.toBeNull()
    const run = roadmapThreats.run({ now: new Date(), log: pino({ level: 'silent' }), signal: new AbortController().signal })
    await expect(run).rejects.toMatchObject({ name: 'JobFailure', result: { failed: [expect.objectContaining({ threatLinkId: broken.link.id })] } })
    await db.competitorThreatLink.delete({ where: { id: broken.link.id } })
  })
})

