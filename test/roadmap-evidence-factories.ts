/** Roadmap items and the evidence they link to, with unique names, for the roadmap's DB tests. */
import { db } from '@/lib/db'
import type { FeedbackStatus } from '@/lib/feedback/schema'
import type { Stage } from '@/lib/roadmap/model'
import { uid } from './factories'

export async function createRoadmapItem(extra: { stage?: Stage; effort?: number | null; impact?: number | null; serviceId?: string | null } = {}) {
  return db.roadmapItem.create({
    data: { title: uid('Roadmap item'), rank: Date.now() % 1_000_000, stage: extra.stage ?? 'discovery', effort: extra.effort ?? null, impact: extra.impact ?? null, serviceId: extra.serviceId ?? null },
  })
}

export async function createFeedbackItem(extra: { status?: FeedbackStatus; safetyConcern?: boolean; duplicateCount?: number; departments?: string[] } = {}) {
  const text = uid('the order screen is slow to open')
  return db.feedbackItem.create({
    data: {
      type: extra.safetyConcern ? 'clinical_safety' : 'bug',
      category: 'performance',
      priority: extra.safetyConcern ? 'critical' : 'medium',
      priorityReason: 'test',
      status: extra.status ?? 'new',
      source: 'in_app',
      safetyConcern: extra.safetyConcern ?? false,
      description: text,
      dedupText: text,
      duplicateCount: extra.duplicateCount ?? 0,
      affectedDepartments: extra.departments ?? [],
      slaDueAt: new Date(Date.now() + 86_400_000),
    },
  })
}

export async function createInsight(extra: { currentBase?: number; currentLost?: number } = {}) {
  const periodTo = new Date()
  return db.analyticsInsight.create({
    data: {
      kind: 'dropoff_increase',
      workflowKey: uid('wf'),
      step: 2,
      stepLabel: 'Sign order',
      periodFrom: new Date(periodTo.getTime() - 7 * 86_400_000),
      periodTo,
      previousFrom: new Date(periodTo.getTime() - 14 * 86_400_000),
      previousTo: new Date(periodTo.getTime() - 7 * 86_400_000),
      currentBase: extra.currentBase ?? 200,
      currentLost: extra.currentLost ?? 20,
      previousBase: 200,
      previousLost: 5,
      zScore: 3,
      pValue: 0.001,
      priority: 'high',
    },
  })
}

/** A capability with a high threat link (as lib/competitors records one), no roadmap item yet. */
export async function createThreatLink(score = 0.6) {
  const key = uid('cap').replace(/-/g, '_')
  const capability = await db.capability.create({ data: { key, name: `Capability ${key}`, group: 'clinical_decision_support', weight: 5 } })
  const link = await db.competitorThreatLink.create({ data: { capabilityId: capability.id, competitorIds: [], evidenceIds: [], level: 'high', score, explanation: `Rival leads us on ${capability.name}` } })
  return { capability, link }
}
