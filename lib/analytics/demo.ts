/**
 * A believable hospital week of analytics events for the demo: about 160 clinicians in seven departments
 * on two sites, day and night shifts, running the three shipped workflows with drop-off that differs by
 * step, department and shift (Paediatrics trusts the AI differential least, nights drop more, the ED
 * triages fast). Pure and deterministic (a seeded generator), so the demo looks the same on every install
 * for the same `now`; the seed (lib/seed/analytics.ts) stores it in bulk.
 */
import type { EventRow } from './normalize'
import type { PseudonymKind } from './pseudonym'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/** mulberry32: small, fast, good enough for demo data. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Department {
  name: string
  staff: number
  /** Multiplies the chance of moving past the AI step of each workflow. */
  aiTrust: number
  workflows: WorkflowKey[]
  nights: boolean
}
type WorkflowKey = 'diagnosis' | 'triage' | 'medication'

const DEPARTMENTS: Department[] = [
  { name: 'Emergency', staff: 36, aiTrust: 1.0, workflows: ['triage', 'diagnosis'], nights: true },
  { name: 'Internal Medicine', staff: 30, aiTrust: 0.95, workflows: ['diagnosis', 'medication'], nights: true },
  { name: 'Cardiology', staff: 20, aiTrust: 0.9, workflows: ['diagnosis', 'medication'], nights: false },
  { name: 'Paediatrics', staff: 18, aiTrust: 0.7, workflows: ['diagnosis', 'medication'], nights: true },
  { name: 'Oncology', staff: 16, aiTrust: 0.85, workflows: ['medication', 'diagnosis'], nights: false },
  { name: 'Intensive Care', staff: 22, aiTrust: 0.9, workflows: ['medication', 'diagnosis'], nights: true },
  { name: 'Pharmacy', staff: 14, aiTrust: 1.0, workflows: ['medication'], nights: false },
]

interface Flow {
  events: string[]
  /** Chance of going on from step i to step i + 1. */
  onward: number[]
  /** Index of the AI step (its onward chance scales with the department's trust). */
  aiStep: number
  gapMinutes: [min: number, max: number]
  perShift: [min: number, max: number]
  properties: (rnd: () => number, step: number, elapsedMs: number) => Props
}

type Props = Record<string, string | number | boolean>
const pick = (step: number, options: Props[]): Props => options[step]!

const MODELS = ['dx-assist-2.3', 'dx-assist-3.0']
const FLOWS: Record<WorkflowKey, Flow> = {
  diagnosis: {
    events: ['diagnosis_started', 'ai_suggestion_viewed', 'ai_suggestion_reviewed', 'diagnosis_completed'],
    onward: [0.93, 0.78, 0.9],
    aiStep: 1,
    gapMinutes: [0.5, 9],
    perShift: [2, 7],
    properties: (rnd, step, elapsed) =>
      pick(step, [
        { entry: rnd() < 0.7 ? 'encounter' : 'worklist' },
        { ai_model: MODELS[rnd() < 0.35 ? 1 : 0]!, suggestions: 3 + Math.floor(rnd() * 4) },
        { ai_model: MODELS[rnd() < 0.35 ? 1 : 0]!, decision: rnd() < 0.62 ? 'accepted' : rnd() < 0.7 ? 'edited' : 'rejected' },
        { duration: Math.round(elapsed / 1000), ai_used: rnd() < 0.8, outcome: rnd() < 0.85 ? 'confirmed' : 'provisional' },
      ]),
  },
  triage: {
    events: ['triage_started', 'vitals_recorded', 'ai_triage_score_viewed', 'triage_level_assigned'],
    onward: [0.97, 0.86, 0.95],
    aiStep: 2,
    gapMinutes: [0.3, 4],
    perShift: [4, 12],
    properties: (rnd, step, elapsed) =>
      pick(step, [
        { arrival: rnd() < 0.6 ? 'walk-in' : 'ambulance' },
        { duration: Math.round(elapsed / 1000) },
        { ai_model: 'triage-score-1.4', esi_suggested: 1 + Math.floor(rnd() * 5) },
        { esi_level: 1 + Math.floor(rnd() * 5), agreed_with_ai: rnd() < 0.81, duration: Math.round(elapsed / 1000) },
      ]),
  },
  medication: {
    events: ['medication_review_started', 'interaction_check_run', 'ai_recommendation_reviewed', 'medication_review_signed'],
    onward: [0.9, 0.74, 0.88],
    aiStep: 2,
    gapMinutes: [1, 14],
    perShift: [2, 6],
    properties: (rnd, step, elapsed) =>
      pick(step, [
        { medications: 2 + Math.floor(rnd() * 12) },
        { ai_model: 'rx-check-5.1', alerts: Math.floor(rnd() * 4) },
        { ai_model: 'rx-dose-2.0', decision: rnd() < 0.7 ? 'accepted' : 'edited' },
        { outcome: rnd() < 0.92 ? 'signed' : 'deferred', duration: Math.round(elapsed / 1000) },
      ]),
  },
}

const ROLES = ['physician', 'nurse', 'pharmacist'] as const

/**
 * Where a clinician habitually stops, or Infinity: without habits every clinician would finish each
 * workflow at least once in a week of many attempts, and a funnel of distinct users would be flat. Some
 * have the AI panel switched off (stop after step 1), some distrust it (stop after seeing it: more where
 * the department trusts it less), some record the result in another system (stop before the last step).
 */
function habitOf(rnd: () => number, dept: Department, scepticism = 1): number {
  const r = rnd()
  const noPanel = 0.07
  const sceptic = noPanel + 0.12 * (2 - dept.aiTrust) * scepticism
  if (r < noPanel) return 0
  if (r < sceptic) return 1
  if (r < sceptic + 0.06) return 2
  return Infinity
}

/**
 * The demo's A/B experiment (exposures seeded by lib/seed/analytics-experiment.ts): diagnosis with the AI
 * differential served by AI engine v2 ('on') or the current engine ('off'), half the diagnosing clinicians
 * each by a hash of their id. On v2 far fewer of them habitually stop after seeing the differential, so the
 * funnel broken down by variant differs at that step (by 6 to 15 points in the share going on). The random stream is the same either way.
 */
export const DEMO_EXPERIMENT = { key: 'dx-ai-engine-v2', flag: 'ai_engine_v2', workflow: 'diagnosis' as WorkflowKey, control: 'off', treatment: 'on' } as const
const V2_SCEPTICISM = 0.1

export function demoExperimentVariant(id: string): 'off' | 'on' {
  let h = 5381
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 33) + id.charCodeAt(i)) | 0
  return (h >>> 0) % 2 === 0 ? 'off' : 'on'
}

const clinicianId = (dept: Department, i: number) => `demo-${dept.name.toLowerCase().replace(/\s+/g, '-')}-${i + 1}`

/** The ids (userId, the flags' targeting key) of the clinicians who run the experiment's workflow. */
export function demoExperimentClinicians(): string[] {
  return DEPARTMENTS.filter((d) => d.workflows.includes(DEMO_EXPERIMENT.workflow)).flatMap((d) => Array.from({ length: d.staff }, (_, i) => clinicianId(d, i)))
}

export interface DemoOptions {
  now: Date
  pseudonym: (kind: PseudonymKind, id: string) => string
  days?: number
  seed?: number
}

export function generateDemoWeek({ now, pseudonym, days = 7, seed = 13 }: DemoOptions): EventRow[] {
  const rnd = random(seed)
  const rows: EventRow[] = []
  const end = now.getTime()
  const start = end - days * DAY + HOUR
  const firstDay = Math.floor(start / DAY) * DAY
  let n = 0
  for (const dept of DEPARTMENTS) {
    for (let i = 0; i < dept.staff; i++) {
      const id = clinicianId(dept, i)
      const userKey = pseudonym('user', id)
      const role = dept.name === 'Pharmacy' ? 'pharmacist' : ROLES[rnd() < 0.55 ? 0 : 1]!
      const site = rnd() < 0.6 ? 'North' : 'South'
      const nightWorker = dept.nights && rnd() < 0.3
      const browser = rnd() < 0.7 ? ['Chrome', '131'] : rnd() < 0.6 ? ['Edge', '131'] : ['Safari', '17']
      const onV2 = demoExperimentVariant(id) === DEMO_EXPERIMENT.treatment
      const habits = new Map(dept.workflows.map((k) => [k, habitOf(rnd, dept, k === DEMO_EXPERIMENT.workflow && onV2 ? V2_SCEPTICISM : 1)]))
      for (let day = firstDay; day < end; day += DAY) {
        if (rnd() > 0.62) continue // five shifts a week or so
        const shiftStart = day + (nightWorker ? 19 : 7) * HOUR + Math.floor(rnd() * 60) * MIN
        for (const key of dept.workflows) {
          const flow = FLOWS[key]
          if (role === 'pharmacist' && key !== 'medication') continue
          const attempts = flow.perShift[0] + Math.floor(rnd() * (flow.perShift[1] - flow.perShift[0] + 1))
          const stopAfter = habits.get(key)!
          for (let a = 0; a < attempts; a++) {
            let t = shiftStart + Math.floor(rnd() * 11 * HOUR)
            const began = t
            for (let step = 0; step < flow.events.length; step++) {
              if (t < start || t > end) break
              rows.push({
                occurredAt: new Date(t),
                userKey,
                anonymousKey: null,
                clientSessionKey: null,
                type: 'track',
                event: flow.events[step]!,
                properties: flow.properties(rnd, step, t - began),
                messageId: pseudonym('message', `${id}-${n++}`),
                site,
                department: dept.name,
                role,
                appVersion: rnd() < 0.8 ? '4.2' : '4.1',
                uaFamily: browser[0]!,
                uaMajor: browser[1]!,
              })
              if (step === flow.events.length - 1 || step === stopAfter) break
              let onward = flow.onward[step]! * (step === flow.aiStep ? dept.aiTrust : 1)
              if (nightWorker) onward *= 0.94
              if (rnd() > onward) break
              const [lo, hi] = flow.gapMinutes
              t += Math.round((lo + rnd() * (hi - lo)) * MIN)
            }
          }
        }
      }
    }
  }
  return rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
}
