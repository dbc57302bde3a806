/**
 * The clinical workflows of the operations guide and the events they are made of, as shipped: the seed
 * registers these (lib/seed/analytics.ts); PMs edit workflows afterwards (workflows.ts).
 */
import type { PropertyType } from './normalize'
import type { WorkflowDefinitionInput } from './workflow-schema'

export interface CatalogueEventType {
  name: string
  owner: string
  description: string
  properties: Record<string, PropertyType>
}

const AI = { ai_model: 'string', duration: 'number' } as const

export const EVENT_TYPES: CatalogueEventType[] = [
  { name: 'diagnosis_started', owner: 'diagnosis-ai', description: 'A clinician opens the diagnosis assistant for an encounter', properties: { entry: 'string' } },
  { name: 'ai_suggestion_viewed', owner: 'diagnosis-ai', description: 'The AI differential is shown', properties: { ...AI, suggestions: 'number' } },
  { name: 'ai_suggestion_reviewed', owner: 'diagnosis-ai', description: 'The clinician accepts, edits or rejects the AI differential', properties: { ...AI, decision: 'string' } },
  { name: 'diagnosis_completed', owner: 'diagnosis-ai', description: 'A diagnosis is recorded', properties: { duration: 'number', ai_used: 'boolean', outcome: 'string' } },
  { name: 'triage_started', owner: 'emergency-ai', description: 'Triage of an arrival begins', properties: { arrival: 'string' } },
  { name: 'vitals_recorded', owner: 'emergency-ai', description: 'Vital signs entered', properties: { duration: 'number' } },
  { name: 'ai_triage_score_viewed', owner: 'emergency-ai', description: 'The AI acuity score is shown', properties: { ...AI, esi_suggested: 'number' } },
  { name: 'triage_level_assigned', owner: 'emergency-ai', description: 'The triage level is set', properties: { esi_level: 'number', agreed_with_ai: 'boolean', duration: 'number' } },
  { name: 'medication_review_started', owner: 'pharmacy-ai', description: 'A medication review is opened', properties: { medications: 'number' } },
  { name: 'interaction_check_run', owner: 'pharmacy-ai', description: 'Drug interaction check', properties: { ...AI, alerts: 'number' } },
  { name: 'ai_recommendation_reviewed', owner: 'pharmacy-ai', description: 'The clinician reviews the AI dosing recommendation', properties: { ...AI, decision: 'string' } },
  { name: 'medication_review_signed', owner: 'pharmacy-ai', description: 'The review is signed off', properties: { outcome: 'string', duration: 'number' } },
]

export const WORKFLOWS: WorkflowDefinitionInput[] = [
  {
    key: 'diagnosis_workflow',
    name: 'AI-assisted diagnosis',
    description: 'From opening the assistant to a recorded diagnosis',
    conversionWindowMs: 3_600_000,
    steps: [
      { event: 'diagnosis_started', filters: {}, label: 'Assistant opened' },
      { event: 'ai_suggestion_viewed', filters: {}, label: 'AI differential shown' },
      { event: 'ai_suggestion_reviewed', filters: {}, label: 'Differential reviewed' },
      { event: 'diagnosis_completed', filters: {}, label: 'Diagnosis recorded' },
    ],
  },
  {
    key: 'emergency_triage',
    name: 'Emergency triage',
    description: 'Arrival to triage level, with the AI acuity score',
    conversionWindowMs: 1_800_000,
    steps: [
      { event: 'triage_started', filters: {}, label: 'Triage started' },
      { event: 'vitals_recorded', filters: {}, label: 'Vitals recorded' },
      { event: 'ai_triage_score_viewed', filters: {}, label: 'AI score viewed' },
      { event: 'triage_level_assigned', filters: {}, label: 'Level assigned' },
    ],
  },
  {
    key: 'medication_review',
    name: 'Medication review',
    description: 'Review to sign-off, with the interaction check and AI dosing advice',
    conversionWindowMs: 7_200_000,
    steps: [
      { event: 'medication_review_started', filters: {}, label: 'Review opened' },
      { event: 'interaction_check_run', filters: {}, label: 'Interactions checked' },
      { event: 'ai_recommendation_reviewed', filters: {}, label: 'AI advice reviewed' },
      { event: 'medication_review_signed', filters: { outcome: 'signed' }, label: 'Signed off' },
    ],
  },
]
