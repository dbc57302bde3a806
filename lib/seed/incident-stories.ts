/**
 * The demo's incident history, pure (lib/seed/incidents.ts writes it): the last week written out story by
 * story, and about fifteen weeks before it generated from a fixed seed, so that the board's MTTA and MTTR
 * over 7 and 30 days differ as they would in a real deployment. The older history has
 * quiet weeks and busy ones, incidents at the times of the SLO history's older bad periods, and response
 * times that were a little slower months ago than now. Deterministic: the same stories for the same clock.
 */
import type { Severity } from '@/lib/severity'
import type { AlertSource } from '../incidents/schema'
import { seededRandom } from '@/lib/random'

export const SEED_SERVICES = [
  { key: 'ai-engine', name: 'AI engine', workflows: ['diagnosis', 'emergency_triage'], policy: 'Clinical AI critical path', autoResolve: true,
    description: 'Model serving for the triage and diagnostic assistants.' },
  { key: 'triage-api', name: 'Triage API', workflows: ['emergency_triage'], policy: 'Clinical AI critical path', autoResolve: true,
    description: 'ED triage suggestions for the emergency department front desk.' },
  { key: 'med-review', name: 'Medication review', workflows: ['medication_review'], policy: 'Default ladder (operations guide)', autoResolve: true,
    description: 'Dose range and drug interaction checks for pharmacist review.' },
  { key: 'imaging-ai', name: 'Imaging AI', workflows: ['diagnosis'], policy: 'Default ladder (operations guide)', autoResolve: true,
    description: 'Chest X-ray, CT and mammography reading assistants.' },
  { key: 'ehr-bridge', name: 'EHR bridge', workflows: ['diagnosis', 'emergency_triage', 'medication_review'], policy: 'Clinical AI critical path',
    autoResolve: false, description: 'HL7 v2 and FHIR integration with the hospital EHR; a person confirms recovery.' },
] as const

/** One incident of the story. Times are minutes relative to when it opened. */
export interface Story {
  service: (typeof SEED_SERVICES)[number]['key']
  severity: Severity
  source: AlertSource
  system: string
  message: string
  hoursAgo: number
  ackAfter?: number
  investigateAfter?: number
  resolveAfter?: number
  /** Resolved by its alerts (auto-resolve) rather than by a person. */
  autoResolved?: boolean
  by?: 'priya' | 'tomas'
  notes?: { after: number; text: string }[]
  repeats?: number
  postmortem?: boolean
}

/** The last week, written out: the incidents the demo's board, timelines and SLO violations tell of. */
export const RECENT_STORIES: Story[] = [
  { service: 'ai-engine', severity: 'high', source: 'alertmanager', system: 'TriageLatencyHigh', message: 'p95 triage response time above 2s', hoursAgo: 166, ackAfter: 2, resolveAfter: 38, autoResolved: true, by: 'tomas', repeats: 3,
    notes: [{ after: 9, text: 'Autoscaler lagging behind the Monday morning ED surge; added two replicas by hand.' }] },
  { service: 'med-review', severity: 'medium', source: 'api', system: 'sla_monitoring', message: 'Response time SLA violated', hoursAgo: 162, ackAfter: 11, resolveAfter: 52, by: 'priya' },
  { service: 'imaging-ai', severity: 'high', source: 'alertmanager', system: 'ModelInferenceErrors', message: 'Inference error rate 6.3% on chest X-ray model (threshold 2%)', hoursAgo: 153, ackAfter: 4, resolveAfter: 105, by: 'priya',
    notes: [{ after: 20, text: 'Errors all from one DICOM modality (portable CR); rolling back the preprocessing change from Friday.' }] },
  { service: 'ehr-bridge', severity: 'critical', source: 'pagerduty', system: 'hl7-gateway', message: 'HL7 ADT feed stalled: no messages for 10 minutes', hoursAgo: 147, ackAfter: 1, resolveAfter: 72, by: 'tomas',
    notes: [{ after: 15, text: 'Interface engine lost its MLLP session after the EHR certificate rotation; reconnected, backlog draining.' }] },
  { service: 'triage-api', severity: 'medium', source: 'probe', system: 'health-probe', message: 'Health check failed 3 times: GET /healthz timed out', hoursAgo: 140, ackAfter: 3, resolveAfter: 9, autoResolved: true, by: 'tomas' },
  { service: 'ai-engine', severity: 'low', source: 'api', system: 'model_monitoring', message: "Feature drift PSI 0.14 on triage model input 'arrival_mode'", hoursAgo: 134, ackAfter: 18, resolveAfter: 190, by: 'priya',
    notes: [{ after: 60, text: 'Drift explained by the new ambulance handover codes; clinical safety officer agrees no retraining needed.' }] },
  { service: 'med-review', severity: 'info', source: 'alertmanager', system: 'CertificateExpiringSoon', message: 'TLS certificate of med-review expires in 14 days', hoursAgo: 128, ackAfter: 120, resolveAfter: 240, by: 'priya' },
  { service: 'imaging-ai', severity: 'medium', source: 'alertmanager', system: 'GPUMemoryPressure', message: 'GPU memory above 90% on imaging-ai-gpu-1', hoursAgo: 122, resolveAfter: 22, autoResolved: true, repeats: 2 },
  { service: 'ehr-bridge', severity: 'high', source: 'api', system: 'fhir_sync', message: 'FHIR MedicationRequest sync lagging 14 minutes', hoursAgo: 115, ackAfter: 3, resolveAfter: 48, by: 'tomas' },
  { service: 'ai-engine', severity: 'critical', source: 'alertmanager', system: 'TriageModelDrift', message: 'Triage model calibration drift: Brier score 0.21 above 0.15 for 30 min', hoursAgo: 107, ackAfter: 2, investigateAfter: 6, resolveAfter: 155, by: 'priya', repeats: 4, postmortem: true,
    notes: [
      { after: 14, text: 'Lactate values on the vitals feed look ~9x high since 06:40. Checking with lab systems.' },
      { after: 41, text: 'Confirmed: lab system upgrade switched lactate to mg/dL. Triage suggestions for affected arrivals flagged to ED charge nurse.' },
      { after: 120, text: 'Unit conversion hotfix deployed to the feature pipeline; calibration back to 0.11.' },
    ] },
  { service: 'triage-api', severity: 'high', source: 'pagerduty', system: 'triage-api-prod', message: '5xx rate 3.8% on POST /v1/triage', hoursAgo: 98, ackAfter: 2, resolveAfter: 27, by: 'tomas' },
  { service: 'med-review', severity: 'high', source: 'alertmanager', system: 'DoseCheckServiceDown', message: 'Dose range checker returns 503', hoursAgo: 93, ackAfter: 7, resolveAfter: 65, by: 'priya',
    notes: [{ after: 12, text: 'Pharmacy informed: manual dose checks until recovery.' }] },
  { service: 'imaging-ai', severity: 'low', source: 'api', system: 'storage', message: 'PACS export queue above 1,000 studies', hoursAgo: 87, ackAfter: 45, resolveAfter: 300, by: 'tomas' },
  { service: 'ai-engine', severity: 'medium', source: 'alertmanager', system: 'PodRestartsHigh', message: 'ai-engine-3 restarted 5 times in 15 min', hoursAgo: 78, ackAfter: 4, resolveAfter: 33, autoResolved: true, by: 'priya' },
  { service: 'ehr-bridge', severity: 'medium', source: 'probe', system: 'health-probe', message: 'Health check failed 3 times: HTTP 502 from /status', hoursAgo: 71, ackAfter: 8, resolveAfter: 19, by: 'tomas' },
  { service: 'med-review', severity: 'medium', source: 'api', system: 'sla_monitoring', message: 'Response time SLA violated', hoursAgo: 64, ackAfter: 14, resolveAfter: 41, by: 'priya', repeats: 2 },
  { service: 'imaging-ai', severity: 'critical', source: 'alertmanager', system: 'ModelEndpointDown', message: 'Mammography model endpoint unreachable', hoursAgo: 57, ackAfter: 1, resolveAfter: 58, by: 'tomas',
    notes: [{ after: 10, text: 'Node drained for kernel patching without moving the model; rescheduled.' }] },
  { service: 'med-review', severity: 'info', source: 'api', system: 'deploy', message: 'Interaction knowledge base updated to the 2026-11 release', hoursAgo: 52, resolveAfter: 180 },
  { service: 'ai-engine', severity: 'high', source: 'pagerduty', system: 'gpu-node-7', message: 'GPU node gpu-node-7 NotReady', hoursAgo: 44, ackAfter: 3, resolveAfter: 80, by: 'priya' },
  { service: 'ehr-bridge', severity: 'low', source: 'alertmanager', system: 'QueueBacklog', message: 'ORU result queue backlog 320 messages', hoursAgo: 37, ackAfter: 9, resolveAfter: 44, by: 'tomas' },
  { service: 'imaging-ai', severity: 'medium', source: 'api', system: 'model_monitoring', message: 'Nodule detection sensitivity 0.89 below 0.92 on daily audit set', hoursAgo: 29, ackAfter: 21, resolveAfter: 170, by: 'priya' },
  { service: 'med-review', severity: 'high', source: 'alertmanager', system: 'InteractionAPIErrors', message: 'Drug interaction API 5xx rate 2.4%', hoursAgo: 19, ackAfter: 5, resolveAfter: 22, autoResolved: true, by: 'tomas' },
  { service: 'triage-api', severity: 'high', source: 'alertmanager', system: 'TriageLatencyHigh', message: 'p95 triage response time above 2s', hoursAgo: 9, ackAfter: 2, resolveAfter: 16, autoResolved: true, by: 'priya', repeats: 2 },
  // Still open: one per board column.
  { service: 'med-review', severity: 'medium', source: 'api', system: 'model_monitoring', message: 'Medication interaction check error rate 4.1% (threshold 2%)', hoursAgo: 52 / 60, ackAfter: 6, by: 'tomas', repeats: 5,
    notes: [{ after: 15, text: 'Errors concentrated on one supplier feed; contacted the vendor.' }] },
  { service: 'ai-engine', severity: 'critical', source: 'alertmanager', system: 'TriageFallbackScores', message: 'Triage model returning fallback scores for 7% of requests', hoursAgo: 24 / 60, ackAfter: 2, investigateAfter: 5, by: 'priya', repeats: 3,
    notes: [{ after: 8, text: 'Fallback rate rising since the 2.14 canary reached 25%; pausing the rollout.' }] },
  { service: 'imaging-ai', severity: 'high', source: 'alertmanager', system: 'ModelQueueDepth', message: 'CT head model queue depth above 500', hoursAgo: 4 / 60 },
]


// ---------------------------------------------------------------------------------------------------------
// The fifteen weeks before

const DAY_HOURS = 24
const HOUR_MS = 3_600_000
const DAY_MS = DAY_HOURS * HOUR_MS
/** How far back the demo's incident history reaches: 16 weeks, about 3.7 months. */
export const HISTORY_DAYS = 112
/** The written-out week ends here; the generated history starts before it. */
const RECENT_HOURS = 7 * DAY_HOURS + 6

type Template = Pick<Story, 'service' | 'severity' | 'source' | 'system' | 'message'> & { autoResolve?: boolean; note?: string }

/** Incidents that recur in a clinical AI deployment, written as their alerts say them. */
const TEMPLATES: Template[] = [
  { service: 'ai-engine', severity: 'high', source: 'alertmanager', system: 'TriageLatencyHigh', message: 'p95 triage response time above 2s', autoResolve: true },
  { service: 'ai-engine', severity: 'medium', source: 'alertmanager', system: 'PodRestartsHigh', message: 'ai-engine pod restarted 5 times in 15 min', autoResolve: true },
  { service: 'ai-engine', severity: 'low', source: 'api', system: 'model_monitoring', message: 'Feature drift PSI above 0.1 on a triage model input' },
  { service: 'ai-engine', severity: 'critical', source: 'pagerduty', system: 'gpu-pool', message: 'GPU pool capacity below minimum for model serving',
    note: 'Spot capacity reclaimed in one zone; moved serving to on-demand nodes.' },
  { service: 'triage-api', severity: 'high', source: 'pagerduty', system: 'triage-api-prod', message: '5xx rate above 2% on POST /v1/triage' },
  { service: 'triage-api', severity: 'medium', source: 'probe', system: 'health-probe', message: 'Health check failed 3 times: GET /healthz timed out', autoResolve: true },
  { service: 'med-review', severity: 'medium', source: 'api', system: 'sla_monitoring', message: 'Response time SLA violated' },
  { service: 'med-review', severity: 'high', source: 'alertmanager', system: 'InteractionAPIErrors', message: 'Drug interaction API 5xx rate above 2%', autoResolve: true },
  { service: 'med-review', severity: 'info', source: 'api', system: 'deploy', message: 'Interaction knowledge base updated' },
  { service: 'imaging-ai', severity: 'medium', source: 'alertmanager', system: 'GPUMemoryPressure', message: 'GPU memory above 90% on imaging-ai-gpu-1', autoResolve: true },
  { service: 'imaging-ai', severity: 'high', source: 'alertmanager', system: 'ModelInferenceErrors', message: 'Inference error rate above 2% on chest X-ray model',
    note: 'Errors from one modality only; rolled back the latest preprocessing change.' },
  { service: 'imaging-ai', severity: 'low', source: 'api', system: 'storage', message: 'PACS export queue above 1,000 studies' },
  { service: 'ehr-bridge', severity: 'high', source: 'api', system: 'fhir_sync', message: 'FHIR MedicationRequest sync lagging more than 10 minutes' },
  { service: 'ehr-bridge', severity: 'low', source: 'alertmanager', system: 'QueueBacklog', message: 'ORU result queue backlog above 300 messages', autoResolve: true },
  { service: 'ehr-bridge', severity: 'critical', source: 'pagerduty', system: 'hl7-gateway', message: 'HL7 ADT feed stalled: no messages for 10 minutes',
    note: 'Interface engine lost its MLLP session; reconnected and the backlog drained.' },
]

/** The SLO history's older bad periods (lib/seed/slo-history.ts): each had an incident of its service at the time. */
const ANCHORS: (Template & { hoursAgo: number; minutes: number })[] = [
  { service: 'ai-engine', severity: 'high', source: 'alertmanager', system: 'TriageLatencyHigh', message: 'p95 triage response time above 2s', hoursAgo: 20 * 24 + 7, minutes: 180 },
  { service: 'ai-engine', severity: 'critical', source: 'alertmanager', system: 'TriageLatencyHigh', message: 'p95 triage response time above 5s', hoursAgo: 61 * 24 + 3, minutes: 120,
    note: 'Model server thread pool exhausted after a config push; reverted.' },
  { service: 'ai-engine', severity: 'critical', source: 'pagerduty', system: 'ai-engine-prod', message: 'ai-engine 5xx rate 40%', hoursAgo: 12 * 24 + 5, minutes: 15 },
  { service: 'ai-engine', severity: 'critical', source: 'pagerduty', system: 'ai-engine-prod', message: 'ai-engine 5xx rate 50%', hoursAgo: 47 * 24 + 14, minutes: 50,
    note: 'Load balancer health checks failing after a certificate change; rolled back.' },
  { service: 'ai-engine', severity: 'medium', source: 'api', system: 'model_monitoring', message: 'Diagnosis confirmation rate 86% below 95% over 6 h', hoursAgo: 9 * 24 + 2, minutes: 360 },
  { service: 'ehr-bridge', severity: 'critical', source: 'api', system: 'phi_audit', message: 'PHI access without a recorded purpose of use', hoursAgo: 50 * 24 + 10, minutes: 45 },
  { service: 'triage-api', severity: 'high', source: 'pagerduty', system: 'triage-api-prod', message: '5xx rate 20% on POST /v1/triage', hoursAgo: 33 * 24, minutes: 40 },
]


/** Minutes to acknowledge and to resolve, by severity: [low, high] of each. */
const RESPONSE: Record<Severity, { ack: [number, number]; resolve: [number, number] }> = {
  critical: { ack: [1, 4], resolve: [45, 180] },
  high: { ack: [2, 9], resolve: [20, 120] },
  medium: { ack: [4, 25], resolve: [15, 100] },
  low: { ack: [10, 75], resolve: [60, 420] },
  info: { ack: [30, 180], resolve: [120, 600] },
}

/** Weeks back (2 = the week before the written-out one) with an incident-heavy stretch: a bad release, a flu-season surge, an EHR upgrade. */
const BUSY_WEEKS: Record<number, number> = { 3: 5, 7: 3, 10: 6, 14: 4 }

/**
 * About fifteen weeks of older incidents before `now`, all resolved: three to five a week, more in busy weeks, mostly in
 * the day shift, plus one at each anchor. Responses were slower months ago (up to 1.5× at the start of the
 * history) and have improved since.
 */
export function historyStories(now: Date): Story[] {
  const rand = seededRandom(20_260_301)
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const between = ([lo, hi]: [number, number]) => lo + rand() * (hi - lo)
  const out: Story[] = []
  const add = (t: Template, hoursAgo: number, resolveMinutes?: number) => {
    const slower = 1 + 0.5 * Math.min(1, hoursAgo / (HISTORY_DAYS * DAY_HOURS))
    const r = RESPONSE[t.severity]
    // Some self-healing alerts clear before anyone acknowledges them.
    const unacknowledged = t.autoResolve === true && rand() < 0.3
    const ackAfter = unacknowledged ? undefined : Math.max(1, Math.round(between(r.ack) * slower))
    const resolveAfter = Math.max((ackAfter ?? 0) + 2, Math.round(resolveMinutes ?? between(r.resolve) * slower))
    out.push({
      service: t.service,
      severity: t.severity,
      source: t.source,
      system: t.system,
      message: t.message,
      hoursAgo: Math.round(hoursAgo * 60) / 60,
      ackAfter,
      resolveAfter,
      autoResolved: t.autoResolve === true,
      by: ackAfter === undefined ? undefined : out.length % 2 === 0 ? 'tomas' : 'priya',
      repeats: Math.floor(rand() * 3),
      notes: t.note && ackAfter !== undefined ? [{ after: Math.min(resolveAfter - 1, ackAfter + 10), text: t.note }] : undefined,
    })
  }
  for (let week = 2; week <= HISTORY_DAYS / 7; week++) {
    const count = 3 + Math.floor(rand() * 3) + (BUSY_WEEKS[week] ?? 0)
    for (let i = 0; i < count; i++) {
      // Mostly in the day shift (07:00–21:00 UTC, within an hour of London time), one in five at night.
      const hour = rand() < 0.8 ? 7 + rand() * 14 : rand() * 24
      const daysBack = (week - 1) * 7 + 1 + Math.floor(rand() * 7)
      const hoursAgo = (now.getTime() - (today - daysBack * DAY_MS + hour * HOUR_MS)) / HOUR_MS
      if (hoursAgo <= RECENT_HOURS || hoursAgo >= HISTORY_DAYS * DAY_HOURS) continue
      add(TEMPLATES[Math.floor(rand() * TEMPLATES.length)]!, hoursAgo)
    }
  }
  for (const a of ANCHORS) add(a, a.hoursAgo, a.minutes)
  return out.sort((a, b) => b.hoursAgo - a.hoursAgo)
}
