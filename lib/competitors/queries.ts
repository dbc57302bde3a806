/** Reads of the competitor pages besides the matrix (matrix.ts). Callers have checked competitor:read. */
import 'server-only'
import { db } from '../db'

export interface ThreatLinkRow {
  id: string
  capability: { key: string; name: string }
  competitors: { key: string; name: string }[]
  evidenceCount: number
  score: number
  explanation: string
  roadmapItemId: string | null
  createdAt: Date
  updatedAt: Date
}

export async function listThreatLinks(): Promise<ThreatLinkRow[]> {
  const links = await db.competitorThreatLink.findMany({ orderBy: [{ score: 'desc' }, { updatedAt: 'desc' }] })
  if (links.length === 0) return []
  const [caps, products] = await Promise.all([
    db.capability.findMany({ where: { id: { in: links.map((l) => l.capabilityId) } }, select: { id: true, key: true, name: true } }),
    db.competitor.findMany({ where: { id: { in: links.flatMap((l) => l.competitorIds) } }, select: { id: true, key: true, name: true } }),
  ])
  const cap = new Map(caps.map((c) => [c.id, c]))
  const prod = new Map(products.map((p) => [p.id, p]))
  return links
    .filter((l) => cap.has(l.capabilityId))
    .map((l) => ({
      id: l.id,
      capability: { key: cap.get(l.capabilityId)!.key, name: cap.get(l.capabilityId)!.name },
      competitors: l.competitorIds.flatMap((id) => (prod.has(id) ? [{ key: prod.get(id)!.key, name: prod.get(id)!.name }] : [])),
      evidenceCount: l.evidenceIds.length,
      score: l.score,
      explanation: l.explanation,
      roadmapItemId: l.roadmapItemId,
      createdAt: l.createdAt,
      updatedAt: l.updatedAt,
    }))
}

/** A cell's products, capability and evidence history, newest source first; null for an unknown key. */
export async function getCellHistory(productKey: string, capabilityKey: string) {
  const [product, capability] = await Promise.all([db.competitor.findUnique({ where: { key: productKey } }), db.capability.findUnique({ where: { key: capabilityKey } })])
  if (!product || !capability) return null
  const evidence = await db.competitorEvidence.findMany({
    where: { competitorId: product.id, capabilityId: capability.id },
    orderBy: [{ observedAt: 'desc' }, { recordedAt: 'desc' }],
    take: 200,
  })
  return { product, capability, evidence }
}

/** A competitor's page: the product, its SWOT, prices and the latest changes (evidence of every kind). */
export async function getCompetitorDetail(key: string) {
  const product = await db.competitor.findUnique({
    where: { key },
    include: { swot: { orderBy: [{ quadrant: 'asc' }, { sortOrder: 'asc' }] }, prices: { orderBy: { observedAt: 'desc' } } },
  })
  if (!product) return null
  const timeline = await db.competitorEvidence.findMany({
    where: { competitorId: product.id },
    orderBy: [{ observedAt: 'desc' }, { recordedAt: 'desc' }],
    take: 50,
    include: { capability: { select: { key: true, name: true } } },
  })
  return { product, timeline }
}

export async function competitorExists(key: string): Promise<boolean> {
  return (await db.competitor.count({ where: { key } })) > 0
}

/** "<product key>/<capability key>" names an existing cell's product and capability. */
export async function cellExists(id: string): Promise<boolean> {
  const slash = id.indexOf('/')
  if (slash < 0) return false
  const [p, c] = await Promise.all([db.competitor.count({ where: { key: id.slice(0, slash) } }), db.capability.count({ where: { key: id.slice(slash + 1) } })])
  return p > 0 && c > 0
}
