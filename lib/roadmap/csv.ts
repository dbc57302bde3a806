/** The roadmap table as CSV, pure: one row per item with its details, scoring inputs and scores. */
import { csvDocument, type CsvValue } from '../csv'
import { itemRef } from './model'

export const ITEM_CSV_COLUMNS = [
  'ref',
  'title',
  'stage',
  'owner',
  'horizon',
  'target_quarter',
  'effort_person_weeks',
  'pipeline',
  'regulatory_pathway',
  'reach',
  'impact',
  'confidence_percent',
  'rice_score',
  'moscow',
  'value',
  'risk',
  'patient_safety',
  'clinical_outcome',
  'time_saved',
  'evidence_strength',
  'clinical_score',
  'evidence_links',
] as const

export interface ItemCsvRow {
  number: number
  title: string
  stage: string
  owner: { name: string } | null
  horizon: string
  targetQuarter: string | null
  effort: number | null
  pipeline: string
  regulatoryPathway: string
  reach: number | null
  impact: number | null
  confidence: number | null
  riceScore: number | null
  moscow: string | null
  value: number | null
  risk: number | null
  patientSafety: number | null
  clinicalOutcome: number | null
  timeSaved: number | null
  evidenceStrength: number | null
  clinicalScore: number | null
  links: number
}

export function itemsCsv(rows: readonly ItemCsvRow[]): string {
  return csvDocument(
    ITEM_CSV_COLUMNS,
    rows.map((r): CsvValue[] => [
      itemRef(r.number),
      r.title,
      r.stage,
      r.owner?.name ?? null,
      r.horizon,
      r.targetQuarter,
      r.effort,
      r.pipeline,
      r.regulatoryPathway,
      r.reach,
      r.impact,
      r.confidence,
      r.riceScore,
      r.moscow,
      r.value,
      r.risk,
      r.patientSafety,
      r.clinicalOutcome,
      r.timeSaved,
      r.evidenceStrength,
      r.clinicalScore,
      r.links,
    ]),
  )
}
