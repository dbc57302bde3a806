/**
 * The matrix as the pages read it: products (ours first), the capability taxonomy, every cell with its
 * freshness and — where a competitor leads us — its threat, each competitor's weighted coverage and threat,
 * and the gaps ranked. One read of each table, then scoring.ts. Callers have checked competitor:read.
 */
import 'server-only'
import { db } from '../db'
import { capabilityThreat, competitorThreat, freshness, isStale, isUpgrade, weightedCoverage, type CapabilityStatus, type Threat, type ThreatSettings } from './scoring'
import { getThreatSettings } from './settings'
import type { CapabilityGroup, Confidence } from './schema'

export interface MatrixProduct {
  id: string
  key: string
  name: string
  segment: string
  position: string
  isUs: boolean
  marketOverlap: number
  coverage: number
  unknown: number
  /** None for our own product. */
  threat: (Threat & { leads: number; weightedLead: number }) | null
}

export interface MatrixCapability {
  id: string
  key: string
  name: string
  group: CapabilityGroup
  weight: number
  description: string
}

export interface MatrixCell {
  status: CapabilityStatus
  confidence: Confidence
  evidenceAt: Date | null
  version: number
  freshness: number
  stale: boolean
  /** Where a competitor leads us: how much that threatens (none on our own column or without a lead). */
  threat: (Threat & { lead: number }) | null
}

export interface MatrixGap {
  capability: MatrixCapability
  competitor: MatrixProduct
  lead: number
  threat: Threat
}

export interface Matrix {
  now: Date
  settings: ThreatSettings
  products: MatrixProduct[]
  capabilities: MatrixCapability[]
  cell: (productId: string, capabilityId: string) => MatrixCell
  gaps: MatrixGap[]
}

const key = (productId: string, capabilityId: string) => `${productId}:${capabilityId}`

export async function readMatrix(now = new Date()): Promise<Matrix> {
  const [settings, products, capabilities, cells, upgrades] = await Promise.all([
    getThreatSettings(),
    db.competitor.findMany({ where: { archivedAt: null }, orderBy: [{ isUs: 'desc' }, { name: 'asc' }] }),
    db.capability.findMany({ orderBy: [{ group: 'asc' }, { sortOrder: 'asc' }, { name: 'asc' }] }),
    db.capabilityCell.findMany(),
    db.competitorEvidence.findMany({ where: { kind: 'cell', capabilityId: { not: null } }, select: { competitorId: true, capabilityId: true, status: true, previous: true, observedAt: true } }),
  ])
  const caps: MatrixCapability[] = capabilities.map((c) => ({ id: c.id, key: c.key, name: c.name, group: c.group as CapabilityGroup, weight: c.weight, description: c.description }))
  const stored = new Map(cells.map((c) => [key(c.competitorId, c.capabilityId), c]))
  const statusOf = (p: string, c: string): CapabilityStatus => stored.get(key(p, c))?.status ?? 'unknown'
  const us = products.find((p) => p.isUs)

  // The latest upgrade per cell, and each competitor's upgrades inside the momentum window.
  const lastUpgrade = new Map<string, Date>()
  const recentUpgrades = new Map<string, number>()
  for (const e of upgrades) {
    if (!e.status || !isUpgrade(e.previous, e.status)) continue
    const k = key(e.competitorId, e.capabilityId!)
    if (!lastUpgrade.has(k) || lastUpgrade.get(k)! < e.observedAt) lastUpgrade.set(k, e.observedAt)
    if (now.getTime() - e.observedAt.getTime() <= settings.momentumDays * 86_400_000) recentUpgrades.set(e.competitorId, (recentUpgrades.get(e.competitorId) ?? 0) + 1)
  }

  const cellThreats = new Map<string, Threat & { lead: number }>()
  const out: MatrixProduct[] = products.map((p) => {
    const statuses = new Map(caps.map((c) => [c.id, statusOf(p.id, c.id)]))
    const { coverage, unknown } = weightedCoverage(caps, statuses)
    let threat: MatrixProduct['threat'] = null
    if (!p.isUs && us) {
      for (const c of caps) {
        const t = capabilityThreat(
          { competitor: p.name, capability: c.name, weight: c.weight, theirs: statuses.get(c.id)!, ours: statusOf(us.id, c.id), overlapPercent: p.marketOverlap, upgradedAt: lastUpgrade.get(key(p.id, c.id)) ?? null },
          now,
          settings,
        )
        if (t.lead > 0) cellThreats.set(key(p.id, c.id), t)
      }
      threat = competitorThreat(
        { competitor: p.name, overlapPercent: p.marketOverlap, recentUpgrades: recentUpgrades.get(p.id) ?? 0, capabilities: caps.map((c) => ({ weight: c.weight, theirs: statuses.get(c.id)!, ours: statusOf(us.id, c.id) })) },
        settings,
      )
    }
    return { id: p.id, key: p.key, name: p.name, segment: p.segment, position: p.position, isUs: p.isUs, marketOverlap: p.marketOverlap, coverage, unknown, threat }
  })

  const cell = (productId: string, capabilityId: string): MatrixCell => {
    const c = stored.get(key(productId, capabilityId))
    const evidenceAt = c?.evidenceAt ?? null
    return {
      status: c?.status ?? 'unknown',
      confidence: c?.confidence ?? 'low',
      evidenceAt,
      version: c?.version ?? 0,
      freshness: freshness(evidenceAt, now, settings.halfLifeDays),
      stale: isStale(evidenceAt, now, settings.halfLifeDays),
      threat: cellThreats.get(key(productId, capabilityId)) ?? null,
    }
  }
  const byId = new Map(out.map((p) => [p.id, p]))
  const capById = new Map(caps.map((c) => [c.id, c]))
  const gaps: MatrixGap[] = [...cellThreats.entries()]
    .map(([k, t]) => {
      const [p, c] = k.split(':') as [string, string]
      return { capability: capById.get(c)!, competitor: byId.get(p)!, lead: t.lead, threat: t }
    })
    .sort((a, b) => b.threat.score - a.threat.score || b.capability.weight - a.capability.weight || a.capability.name.localeCompare(b.capability.name))
  return { now, settings, products: out, capabilities: caps, cell, gaps }
}
