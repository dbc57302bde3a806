/**
 * Reads of /analytics/insights. Callers have checked analytics:read. The people counts an insight stores
 * are raw; here each count of lost people under k is suppressed (null), and so is the rate it would give
 * back (k-anonymity.ts). Bases are never under k: the job only tests bases of at least max(30, k).
 */
import 'server-only'
import { db } from '../db'
import { suppressedRate, suppressSmall } from './k-anonymity'
import { AWAITING_FEEDBACK_TASK } from './insights'
import { insightFunnelLinks } from './insight-links'
import type { InsightPriority } from './insight-stats'
import { INSIGHT_STATUSES, type InsightStatus } from './registry-schema'
import { listWorkflows } from './workflows'

export interface InsightRow {
  id: string
  workflowKey: string
  /** The workflow's name, or null when the workflow has been deleted since. */
  workflowName: string | null
  step: number
  stepLabel: string
  /** '' for the whole hospital. */
  department: string
  periodFrom: Date
  periodTo: Date
  previousFrom: Date
  previousTo: Date
  previousBase: number | null
  previousLost: number | null
  previousRate: number | null
  currentBase: number | null
  currentLost: number | null
  currentRate: number | null
  pValue: number
  zScore: number
  priority: InsightPriority
  status: InsightStatus
  /** Open and high: the feedback area will make it an improvement task (issue 14). */
  awaitingFeedbackTask: boolean
  feedbackItemId: string | null
  /** Roadmap items this insight is evidence for (RoadmapLink kind insight), as RM numbers with their ids. */
  roadmapItems: { id: string; number: number }[]
  /** The workflow's funnel over the insight's week and the week before; null once the workflow is deleted. */
  funnel: { current: string; previous: string } | null
  createdAt: Date
  updatedAt: Date
}

export type InsightFilter = InsightStatus | 'all'
export const INSIGHT_FILTERS = ['open', 'dismissed', 'task_created', 'all'] as const satisfies readonly InsightFilter[]

export function parseInsightFilter(raw: string | string[] | undefined): InsightFilter {
  const v = Array.isArray(raw) ? raw[0] : raw
  return (INSIGHT_FILTERS as readonly string[]).includes(v ?? '') ? (v as InsightFilter) : 'open'
}

const PRIORITY_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 }
const asPriority = (p: string): InsightPriority => (p === 'high' || p === 'medium' ? p : 'low')
const asStatus = (s: string): InsightStatus => ((INSIGHT_STATUSES as readonly string[]).includes(s) ? (s as InsightStatus) : 'open')

/** Insights of a status (open by default), highest priority first, then newest period, then smallest p. */
export async function listInsights(filter: InsightFilter, k: number, limit = 200): Promise<InsightRow[]> {
  const rows = await db.analyticsInsight.findMany({
    where: filter === 'all' ? {} : { status: filter },
    orderBy: [{ periodFrom: 'desc' }, { pValue: 'asc' }],
    take: limit,
  })
  const workflows = new Map((await listWorkflows()).map((w) => [w.key, w]))
  // The roadmap reads insights; here only its link rows are read back (the analytics area never imports lib/roadmap).
  const links = await db.roadmapLink.findMany({ where: { kind: 'insight', targetId: { in: rows.map((r) => r.id) } }, select: { targetId: true, item: { select: { id: true, number: true } } } })
  return rows
    .map((r) => ({
      id: r.id,
      workflowKey: r.workflowKey,
      workflowName: workflows.get(r.workflowKey)?.name ?? null,
      step: r.step,
      stepLabel: r.stepLabel,
      department: r.department,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      previousFrom: r.previousFrom,
      previousTo: r.previousTo,
      previousBase: suppressSmall(r.previousBase, k),
      previousLost: suppressSmall(r.previousLost, k),
      previousRate: suppressedRate(r.previousLost, r.previousBase, k),
      currentBase: suppressSmall(r.currentBase, k),
      currentLost: suppressSmall(r.currentLost, k),
      currentRate: suppressedRate(r.currentLost, r.currentBase, k),
      pValue: r.pValue,
      zScore: r.zScore,
      priority: asPriority(r.priority),
      status: asStatus(r.status),
      awaitingFeedbackTask: r.status === AWAITING_FEEDBACK_TASK.status && r.priority === AWAITING_FEEDBACK_TASK.priority,
      feedbackItemId: r.feedbackItemId,
      roadmapItems: links.filter((l) => l.targetId === r.id).map((l) => l.item),
      funnel: workflows.has(r.workflowKey) ? insightFunnelLinks(r, workflows.get(r.workflowKey)!) : null,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }))
    .sort((a, b) => PRIORITY_ORDER[a.priority]! - PRIORITY_ORDER[b.priority]! || b.periodFrom.getTime() - a.periodFrom.getTime() || a.pValue - b.pValue)
}

/** How many insights there are per status (the filter's counts). */
export async function countInsights(): Promise<Record<InsightStatus, number>> {
  const groups = await db.analyticsInsight.groupBy({ by: ['status'], _count: { _all: true } })
  const out: Record<InsightStatus, number> = { open: 0, dismissed: 0, task_created: 0 }
  for (const g of groups) out[asStatus(g.status)] += g._count._all
  return out
}
