/**
 * Loads what is linked to a roadmap item as evidence, and the SLO debt of its service. Free of
 * 'server-only' so that the roadmap-threats job can run it in plain Node; pages read it through
 * evidence-queries.ts. The facts for evidence.ts are derived from this view (factsOf).
 */
import { suppressSmall } from '../analytics/k-anonymity'
import { db } from '../db'
import { env } from '../env'
import { getServiceSloSummaries } from '../slo/overview'
import type { Tx } from '../tx'
import type { EvidenceFacts, ThreatFact } from './evidence'

const DAY = 86_400_000

export interface EvidenceView {
  feedback: { id: string; number: number; status: string; type: string; title: string | null; duplicateCount: number; departments: string[]; safetyConcern: boolean }[]
  insights: { id: string; workflowKey: string; stepLabel: string; department: string; currentBase: number; currentLost: number; periodDays: number; status: string; suppressed: boolean }[]
  threats: { id: string; capabilityKey: string; capability: string; level: ThreatFact['level']; score: number }[]
  incidents: { id: string; number: number; title: string; severity: string; status: string }[]
  /** The item's service and its SLOs' error budget spent (%), worst first; null without a service. */
  service: { key: string; name: string } | null
  slo: { key: string; name: string; status: string; budgetConsumedPercent: number }[]
}

const asLevel = (s: string): ThreatFact['level'] => (s === 'high' || s === 'medium' ? s : 'low')

/** The item's linked evidence; null when the item does not exist. */
export async function loadEvidence(itemId: string, now: Date = new Date(), client: Tx | typeof db = db): Promise<EvidenceView | null> {
  const item = await client.roadmapItem.findUnique({ where: { id: itemId }, select: { service: { select: { key: true, name: true } }, links: { select: { kind: true, targetId: true } } } })
  if (!item) return null
  const ids = (kind: string) => item.links.filter((l) => l.kind === kind).map((l) => l.targetId)
  const [feedback, insights, threats, incidents, slos] = await Promise.all([
    client.feedbackItem.findMany({
      where: { id: { in: ids('feedback') } },
      orderBy: { number: 'asc' },
      select: { id: true, number: true, status: true, type: true, title: true, duplicateCount: true, affectedDepartments: true, department: true, safetyConcern: true },
    }),
    client.analyticsInsight.findMany({ where: { id: { in: ids('insight') } }, orderBy: { createdAt: 'asc' } }),
    client.competitorThreatLink.findMany({ where: { id: { in: ids('competitor_threat') } }, orderBy: { score: 'desc' } }),
    client.incident.findMany({ where: { id: { in: ids('incident') } }, orderBy: { number: 'asc' }, select: { id: true, number: true, title: true, severity: true, status: true } }),
    item.service ? getServiceSloSummaries(item.service.key, now) : Promise.resolve([]),
  ])
  const capabilities = await client.capability.findMany({ where: { id: { in: threats.map((t) => t.capabilityId) } }, select: { id: true, key: true, name: true } })
  const capability = new Map(capabilities.map((c) => [c.id, c]))
  return {
    feedback: feedback.map((f) => ({
      id: f.id,
      number: f.number,
      status: f.status,
      type: f.type,
      title: f.title,
      duplicateCount: f.duplicateCount,
      departments: f.affectedDepartments.length > 0 ? f.affectedDepartments : f.department ? [f.department] : [],
      safetyConcern: f.safetyConcern,
    })),
    insights: insights.map((i) => ({
      id: i.id,
      workflowKey: i.workflowKey,
      stepLabel: i.stepLabel,
      department: i.department,
      currentBase: i.currentBase,
      currentLost: i.currentLost,
      periodDays: Math.max(1, Math.round((i.periodTo.getTime() - i.periodFrom.getTime()) / DAY)),
      status: i.status,
      suppressed: isSuppressed(i),
    })),
    threats: threats.map((t) => ({ id: t.id, capabilityKey: capability.get(t.capabilityId)?.key ?? '', capability: capability.get(t.capabilityId)?.name ?? 'a capability', level: asLevel(t.level), score: t.score })),
    incidents: incidents.map((i) => ({ ...i, severity: String(i.severity), status: String(i.status) })),
    service: item.service,
    slo: slos
      .filter((s) => s.budgetRemaining !== null)
      .map((s) => ({ key: s.key, name: s.name, status: s.status, budgetConsumedPercent: Math.round((1 - s.budgetRemaining!) * 1000) / 10 }))
      .sort((a, b) => b.budgetConsumedPercent - a.budgetConsumedPercent),
  }
}

/** Whether an insight's counts are too small to show or count (the analytics area's k-anonymity). */
export const isSuppressed = (i: { currentBase: number; currentLost: number }) =>
  suppressSmall(i.currentLost, env.ANALYTICS_MIN_GROUP_SIZE) === null || suppressSmall(i.currentBase, env.ANALYTICS_MIN_GROUP_SIZE) === null

/** The pure facts of evidence.ts from the loaded view. */
export function factsOf(v: EvidenceView): EvidenceFacts {
  return {
    feedback: v.feedback.map((f) => ({ number: f.number, status: f.status, duplicateCount: f.duplicateCount, departments: f.departments, safetyConcern: f.safetyConcern })),
    insights: v.insights.map((i) => ({ workflowKey: i.workflowKey, stepLabel: i.stepLabel, currentBase: i.currentBase, currentLost: i.currentLost, periodDays: i.periodDays, suppressed: i.suppressed })),
    threats: v.threats.map((t) => ({ capability: t.capability, level: t.level, score: t.score })),
    incidents: v.incidents.map((i) => ({ number: i.number, severity: i.severity })),
    slo: v.slo.map((s) => ({ sloKey: s.key, budgetConsumedPercent: s.budgetConsumedPercent })),
  }
}
