/** The item page's evidence and score panels: linked evidence, seeded inputs with their reasons, overrides. */
import 'server-only'
import { db } from '../db'
import { seedInputs, type Seeds } from './evidence'
import { factsOf, loadEvidence, type EvidenceView } from './evidence-facts'

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
}

export async function getEvidencePanel(itemId: string, now: Date = new Date()): Promise<EvidencePanelData | null> {
  const evidence = await loadEvidence(itemId, now)
  if (!evidence) return null
  const overrides = await db.roadmapInputOverride.findMany({ where: { itemId }, orderBy: { at: 'desc' } })
  return {
    evidence,
    seeds: seedInputs(factsOf(evidence)),
    overrides: overrides.map((o) => ({ input: o.input, value: o.value, seeded: o.seeded, reason: o.reason, by: o.by, at: o.at.toISOString() })),
  }
}
