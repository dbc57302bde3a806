/** The item page's evidence and score panels: linked evidence, seeded inputs with their reasons, overrides. */
import 'server-only'
import { db } from '../db'
import { seedInputs, type Seeds } from './evidence'
import { factsOf, isSuppressed, loadEvidence, type EvidenceView } from './evidence-facts'

export type { EvidenceView } from './evidence-facts'

export interface OverrideView {
  input: string
  value: number
  seeded: number | null
  reason: string
  by: string
  at: string
}

export interface EvidencePanelData {
  evidence: EvidenceView
  seeds: Seeds
  overrides: OverrideView[]
  /** Recent insights not dismissed, for the link form (insights have no number people could type). */
  insightChoices: { id: string; name: string }[]
}

const day = (d: Date) => d.toISOString().slice(0, 10)

export async function getEvidencePanel(itemId: string, now: Date = new Date()): Promise<EvidencePanelData | null> {
  const evidence = await loadEvidence(itemId, now)
  if (!evidence) return null
  const [overrides, insights] = await Promise.all([
    db.roadmapInputOverride.findMany({ where: { itemId }, orderBy: { at: 'desc' } }),
    db.analyticsInsight.findMany({
      where: { status: { not: 'dismissed' }, id: { notIn: evidence.insights.map((i) => i.id) } },
      orderBy: [{ periodFrom: 'desc' }, { pValue: 'asc' }],
      take: 50,
      select: { id: true, workflowKey: true, step: true, stepLabel: true, department: true, periodFrom: true, currentLost: true, currentBase: true },
    }),
  ])
  return {
    insightChoices: insights.map((i) => ({ id: i.id, name: `${i.workflowKey}, step ${i.step} “${i.stepLabel}” · ${i.department || 'whole hospital'} · week from ${day(i.periodFrom)}${isSuppressed(i) ? '' : ` · ${i.currentLost} lost`}` })),
    evidence,
    seeds: seedInputs(factsOf(evidence)),
    overrides: overrides.map((o) => ({ input: o.input, value: o.value, seeded: o.seeded, reason: o.reason, by: o.by, at: o.at.toISOString() })),
  }
}
