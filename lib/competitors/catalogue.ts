/**
 * The demo's competitor matrix: our platform and the operations guide's four (epic_systems, cerner,
 * allscripts, meditech) over a capability taxonomy of clinical AI. ILLUSTRATIVE: statuses, prices and SWOT
 * items are plausible readings of public material for a demo, each dated and marked as illustrative in its
 * note — not research. lib/seed/competitors.ts stores them.
 */
import type { CapabilityStatus } from './scoring'
import type { CapabilityGroup } from './schema'

export interface DemoProduct {
  key: string
  name: string
  segment: string
  position: string
  website: string
  isUs?: boolean
  marketOverlap: number
  notes: string
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  { key: 'our_platform', name: 'Our platform', segment: 'Clinical AI platform', position: 'Challenger', website: 'https://wardroom.example', isUs: true, marketOverlap: 100, notes: 'Our own product, for comparison.' },
  { key: 'epic_systems', name: 'Epic Systems', segment: 'Enterprise EHR', position: 'Leader', website: 'https://www.epic.com', marketOverlap: 90, notes: 'Largest US EHR footprint; AI features ship inside the EHR.' },
  { key: 'cerner', name: 'Oracle Health (Cerner)', segment: 'Enterprise EHR', position: 'Leader', website: 'https://www.oracle.com/health/', marketOverlap: 70, notes: 'Rebuilding its EHR on Oracle Cloud; clinical AI agent announced.' },
  { key: 'allscripts', name: 'Veradigm (Allscripts)', segment: 'Ambulatory EHR and data', position: 'Niche player', website: 'https://veradigm.com', marketOverlap: 35, notes: 'Ambulatory practices and real-world data.' },
  { key: 'meditech', name: 'MEDITECH', segment: 'Community hospital EHR', position: 'Challenger', website: 'https://ehr.meditech.com', marketOverlap: 55, notes: 'Expanse platform; strong in community and mid-size hospitals.' },
]

export interface DemoCapability {
  key: string
  name: string
  group: CapabilityGroup
  weight: number
  description: string
  /** Statuses in DEMO_PRODUCTS order: f full, p partial, n none, u unknown. */
  cells: string
}

export const DEMO_CAPABILITIES: DemoCapability[] = [
  { key: 'sepsis_prediction', name: 'Sepsis early warning', group: 'clinical_decision_support', weight: 5, description: 'Predicts sepsis risk from vitals and labs, with alerting.', cells: 'ffpnp' },
  { key: 'differential_diagnosis', name: 'AI differential diagnosis', group: 'clinical_decision_support', weight: 5, description: 'Ranked differential with evidence at the point of care.', cells: 'fpnnn' },
  { key: 'medication_safety', name: 'Medication interaction and dosing AI', group: 'clinical_decision_support', weight: 4, description: 'Interaction, allergy and dose checks beyond rule tables.', cells: 'pffpp' },
  { key: 'ed_triage', name: 'Emergency triage scoring', group: 'clinical_decision_support', weight: 4, description: 'Acuity score suggestion at triage.', cells: 'fpnnu' },
  { key: 'radiology_triage', name: 'Radiology worklist triage', group: 'imaging_ai', weight: 3, description: 'Prioritises studies with suspected critical findings.', cells: 'npnnn' },
  { key: 'imaging_marketplace', name: 'Imaging AI marketplace', group: 'imaging_ai', weight: 2, description: 'Third-party imaging algorithms deployed through one integration.', cells: 'nffnn' },
  { key: 'ambient_documentation', name: 'Ambient clinical documentation', group: 'documentation', weight: 5, description: 'Drafts the note from the consultation audio.', cells: 'pffpp' },
  { key: 'inbox_drafting', name: 'Patient message drafting', group: 'documentation', weight: 3, description: 'Drafts replies to patient portal messages for review.', cells: 'nfpnn' },
  { key: 'discharge_summary', name: 'Discharge summary generation', group: 'documentation', weight: 3, description: 'Drafts the discharge summary from the stay.', cells: 'ppnnp' },
  { key: 'fhir_r4_api', name: 'FHIR R4 read/write API', group: 'interoperability', weight: 4, description: 'US Core read and write, SMART on FHIR launch.', cells: 'fffpf' },
  { key: 'cds_hooks', name: 'CDS Hooks', group: 'interoperability', weight: 3, description: 'Decision support served into any EHR through CDS Hooks.', cells: 'fppnn' },
  { key: 'patient_triage_chat', name: 'Patient symptom checker', group: 'patient_engagement', weight: 2, description: 'Guided symptom triage for patients before they come in.', cells: 'npnpn' },
  { key: 'remote_monitoring', name: 'Remote patient monitoring AI', group: 'patient_engagement', weight: 2, description: 'Deterioration alerts from home devices.', cells: 'nppfn' },
  { key: 'workflow_analytics', name: 'Clinical workflow analytics', group: 'analytics', weight: 3, description: 'Where clinicians drop out of AI-assisted workflows.', cells: 'fpnpn' },
  { key: 'model_monitoring', name: 'Model performance monitoring', group: 'analytics', weight: 4, description: 'Drift, accuracy and bias of deployed models, per site.', cells: 'fpnnn' },
  { key: 'fda_cleared', name: 'FDA-cleared AI functions', group: 'compliance', weight: 4, description: 'Functions with 510(k) or De Novo clearance.', cells: 'ppnnn' },
  { key: 'hitrust', name: 'HITRUST r2 certification', group: 'compliance', weight: 3, description: 'HITRUST r2 certified hosting.', cells: 'pffpu' },
  { key: 'eu_mdr', name: 'CE mark (EU MDR)', group: 'compliance', weight: 2, description: 'Class IIa or higher under EU MDR.', cells: 'nnpnn' },
]

/** Upgrades the demo tells as recent news: [product, capability, from, to, days ago, source title]. */
export const DEMO_UPGRADES: readonly [string, string, CapabilityStatus, CapabilityStatus, number, string][] = [
  ['epic_systems', 'ambient_documentation', 'partial', 'full', 45, 'Release notes: ambient charting generally available'],
  ['cerner', 'ambient_documentation', 'partial', 'full', 70, 'Clinical AI agent: general availability announcement'],
  ['epic_systems', 'inbox_drafting', 'partial', 'full', 120, 'Release notes: message drafting for all specialties'],
  ['meditech', 'ambient_documentation', 'none', 'partial', 150, 'Expanse: ambient pilot with a partner'],
  ['epic_systems', 'sepsis_prediction', 'partial', 'full', 300, 'Sepsis model version 2 released'],
]

export interface DemoPrice {
  product: string
  model: 'per_bed' | 'per_user' | 'per_site' | 'subscription'
  label: string
  low: number
  high: number
  daysAgo: number
  confidence: 'low' | 'medium' | 'high'
}

export const DEMO_PRICES: Record<string, DemoPrice[]> = {
  our_platform: [{ product: 'Clinical AI suite', model: 'per_bed', label: 'Per staffed bed and year', low: 900, high: 1400, daysAgo: 20, confidence: 'high' }],
  epic_systems: [
    { product: 'EHR with AI modules', model: 'per_bed', label: 'Per staffed bed and year', low: 2500, high: 4200, daysAgo: 90, confidence: 'low' },
    { product: 'Ambient documentation add-on', model: 'per_user', label: 'Per clinician and year', low: 1200, high: 2400, daysAgo: 45, confidence: 'medium' },
  ],
  cerner: [{ product: 'Oracle Health EHR', model: 'per_bed', label: 'Per staffed bed and year', low: 2100, high: 3600, daysAgo: 160, confidence: 'low' }],
  allscripts: [{ product: 'Ambulatory EHR', model: 'per_user', label: 'Per provider and year', low: 3000, high: 6000, daysAgo: 220, confidence: 'medium' }],
  meditech: [{ product: 'Expanse', model: 'per_bed', label: 'Per staffed bed and year', low: 1200, high: 2200, daysAgo: 200, confidence: 'low' }],
}

/** SWOT per competitor (our view of them): [quadrant, text]. */
export const DEMO_SWOT: Record<string, [string, string][]> = {
  epic_systems: [
    ['strength', 'AI ships inside the EHR most of our customers already run: no integration to buy.'],
    ['weakness', 'AI features tied to their release cycle; little transparency on model performance per site.'],
    ['opportunity', 'Hospitals asking for independent model monitoring across vendors.'],
    ['threat', 'Ambient documentation now generally available and bundled in enterprise deals.'],
  ],
  cerner: [
    ['strength', 'Oracle Cloud infrastructure and a clinical AI agent across the new EHR.'],
    ['weakness', 'Migration to the new platform slows feature delivery for existing sites.'],
    ['threat', 'Bundled pricing for the AI agent in cloud migrations.'],
  ],
  allscripts: [
    ['strength', 'Large ambulatory real-world data network.'],
    ['weakness', 'Little inpatient clinical AI.'],
    ['opportunity', 'Partnership for ambulatory decision support.'],
  ],
  meditech: [
    ['strength', 'Strong in community hospitals with lean IT teams.'],
    ['weakness', 'AI mostly through partners.'],
    ['opportunity', 'Community hospitals need turnkey model monitoring.'],
  ],
}

/** A demo evidence date per cell: 20–400 days back, stable per cell (some stale beyond the half-life). */
export function demoEvidenceDaysAgo(product: string, capability: string): number {
  let h = 5381
  for (const ch of `${product}:${capability}`) h = (Math.imul(h, 33) + ch.charCodeAt(0)) | 0
  return 20 + ((h >>> 0) % 381)
}

export const STATUS_CODE: Record<string, CapabilityStatus> = { f: 'full', p: 'partial', n: 'none', u: 'unknown' }

/** The demo's watched sources: each competitor's public newsroom or release notes (fetched daily where the network allows). */
export const DEMO_WATCH_SOURCES: { product: string; url: string; kind: 'page' | 'feed'; label: string }[] = [
  { product: 'epic_systems', url: 'https://www.epic.com/epic/newsroom', kind: 'page', label: 'Epic newsroom' },
  { product: 'cerner', url: 'https://www.oracle.com/health/news/', kind: 'page', label: 'Oracle Health news' },
  { product: 'allscripts', url: 'https://veradigm.com/news/', kind: 'page', label: 'Veradigm news' },
  { product: 'meditech', url: 'https://ehr.meditech.com/news', kind: 'page', label: 'MEDITECH news' },
]

/** The demo's pending change (illustrative, so the review queue is not empty on a fresh install, offline). */
export const DEMO_WATCH_CHANGE = {
  product: 'epic_systems',
  daysAgo: 1,
  added: ['Emergency department: AI acuity suggestions at triage now generally available (illustrative demo change, not research).', 'Sepsis model: version 3 in early access.'],
  removed: ['Emergency department: triage acuity pilot at selected sites.'],
}
