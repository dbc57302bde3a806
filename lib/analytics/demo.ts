/**
 * A believable eight weeks of a hospital's analytics events for the demo: about 160 clinicians in seven
 * departments on two sites, day and night shifts and thinner weekends, running the three shipped workflows
 * with drop-off that differs by step, department and shift (Paediatrics trusts the AI differential least,
 * nights drop more, the ED triages fast). Around them the hospital moves: new starters join every week
 * (rotating residents who leave after a few weeks, bank staff who come now and then, permanent hires), a
 * few people leave, app releases spread over a week or two, and the AI differential (dx-assist 3.0), a
 * pilot for some clinicians until ROLLOUT_DAYS_AGO days ago, then went to everyone — adoption rises there.
 * In the last whole week the AI suggestion panel turned slow on the Emergency department's shared
 * workstations: about four in ten ED clinicians give up on it before reviewing the suggestion, the change the
 * analytics-insights job finds (and makes a feedback task of). The last week is otherwise shaped like the
 * one-week demo it grew from. Pure and deterministic (a seeded
 * generator), so the demo looks the same on every install for the same `now`; the seed
 * (lib/seed/analytics.ts) stores it in bulk.
 */
import { insightPeriods } from './insight-period'
import type { EventRow } from './normalize'
import type { PseudonymKind } from './pseudonym'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/** Eight weeks: enough for weekly retention cohorts and a trend; inside the 90 days analytics keeps. */
export const DEMO_DAYS = 56
/** When the AI differential went from its pilot to every clinician. */
export const ROLLOUT_DAYS_AGO = 24
/** App releases (days before now) and the version each brought; everyone starts on the first. */
const RELEASES: readonly [daysAgo: number, version: string][] = [
  [Infinity, '4.0'],
  [47, '4.1'],
  [16, '4.2'],
]

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
  /** The steps of the AI differential, which happen only where a clinician has it (the rollout). */
  panelSteps?: readonly number[]
  gapMinutes: [min: number, max: number]
  perShift: [min: number, max: number]
  properties: (rnd: () => number, step: number, elapsedMs: number, ai: AiContext) => Props
}

/** What the AI differential was for one attempt: whether the clinician had it, and which model. */
interface AiContext {
  panel: boolean
  model: string
}

type Props = Record<string, string | number | boolean>
const pick = (step: number, options: Props[]): Props => options[step]!

const FLOWS: Record<WorkflowKey, Flow> = {
  diagnosis: {
    events: ['diagnosis_started', 'ai_suggestion_viewed', 'ai_suggestion_reviewed', 'diagnosis_completed'],
    onward: [0.93, 0.78, 0.9],
    aiStep: 1,
    panelSteps: [1, 2],
    gapMinutes: [0.5, 9],
    perShift: [2, 5],
    properties: (rnd, step, elapsed, ai) =>
      pick(step, [
        { entry: rnd() < 0.7 ? 'encounter' : 'worklist' },
        { ai_model: ai.model, suggestions: 3 + Math.floor(rnd() * 4) },
        { ai_model: ai.model, decision: rnd() < 0.62 ? 'accepted' : rnd() < 0.7 ? 'edited' : 'rejected' },
        { duration: Math.round(elapsed / 1000), ai_used: ai.panel && rnd() < 0.8, outcome: rnd() < 0.85 ? 'confirmed' : 'provisional' },
      ]),
  },
  triage: {
    events: ['triage_started', 'vitals_recorded', 'ai_triage_score_viewed', 'triage_level_assigned'],
    onward: [0.97, 0.86, 0.95],
    aiStep: 2,
    gapMinutes: [0.3, 4],
    perShift: [3, 9],
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
    perShift: [2, 4],
    properties: (rnd, step, elapsed) =>
      pick(step, [
        { medications: 2 + Math.floor(rnd() * 12) },
        { ai_model: 'rx-check-5.1', alerts: Math.floor(rnd() * 4) },
        { ai_model: 'rx-dose-2.0', decision: rnd() < 0.7 ? 'accepted' : 'edited' },
        { outcome: rnd() < 0.92 ? 'signed' : 'deferred', duration: Math.round(elapsed / 1000) },
      ]),
  },
}

const ROLES = ['physician', 'nurse'] as const

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

/** How someone works here: core staff were there before the demo starts; the others join during it. */
type Tenure = 'core' | 'permanent' | 'rotation' | 'bank'

interface Person {
  id: string
  dept: Department
  role: string
  site: string
  nightWorker: boolean
  browser: readonly [family: string, major: string]
  habits: Map<WorkflowKey, number>
  /** The first and the day after the last day they work (UTC midnights; ±Infinity when open). */
  from: number
  until: number
  /** Chance of a shift on a weekday; weekends are staffed thinner. */
  shiftChance: number
  /** Had the AI differential during its pilot, before the rollout. */
  pilot: boolean
  /** Days after a release before their device runs it. */
  upgradeLag: number
}

const SHIFT_CHANCE: Record<Tenure, number> = { core: 0.68, permanent: 0.68, rotation: 0.7, bank: 0.3 }
const WEEKEND_FACTOR = 0.62

const personId = (dept: Department, n: number) => `demo-${dept.name.toLowerCase().replace(/\s+/g, '-')}-${n}`
/** Whether the person is in the experiment's treatment group (AI engine v2). */
const onV2 = (dept: Department, n: number) => demoExperimentVariant(personId(dept, n)) === DEMO_EXPERIMENT.treatment

function person(rnd: () => number, dept: Department, n: number, tenure: Tenure, from: number, until: number): Person {
  return {
    id: personId(dept, n),
    dept,
    role: dept.name === 'Pharmacy' ? 'pharmacist' : ROLES[rnd() < 0.55 ? 0 : 1]!,
    site: rnd() < 0.6 ? 'North' : 'South',
    nightWorker: dept.nights && rnd() < 0.3,
    browser: rnd() < 0.7 ? ['Chrome', '131'] : rnd() < 0.6 ? ['Edge', '131'] : ['Safari', '17'],
    habits: new Map(dept.workflows.map((k) => [k, habitOf(rnd, dept, k === DEMO_EXPERIMENT.workflow && onV2(dept, n) ? V2_SCEPTICISM : 1)])),
    from,
    until,
    shiftChance: SHIFT_CHANCE[tenure],
    pilot: rnd() < 0.4,
    upgradeLag: Math.floor(rnd() * rnd() * 21),
  }
}

/**
 * Everyone who works in the demo: each department's core staff (a few of whom leave during it), and every
 * week new starters, about one in eight of the department: rotating residents who stay two to six weeks,
 * bank staff who come now and then, and permanent hires — of whom some drift away from the assistants
 * after a few weeks.
 */
function staff(rnd: () => number, firstDay: number, lastDay: number): Person[] {
  const people: Person[] = []
  for (const dept of DEPARTMENTS) {
    let n = 0
    for (let i = 0; i < dept.staff; i++) {
      const leaves = rnd() < 0.06 ? firstDay + Math.floor(rnd() * (lastDay - firstDay) / DAY) * DAY : Infinity
      people.push(person(rnd, dept, ++n, 'core', -Infinity, leaves))
    }
    for (let week = firstDay; week <= lastDay; week += 7 * DAY) {
      const joiners = Math.floor(dept.staff * 0.13 + rnd() * 2)
      for (let j = 0; j < joiners; j++) {
        const r = rnd()
        const tenure: Tenure = r < 0.35 ? 'rotation' : r < 0.55 ? 'bank' : 'permanent'
        const from = week + Math.floor(rnd() * 7) * DAY
        let until = tenure === 'rotation' ? from + (14 + Math.floor(rnd() * 29)) * DAY : Infinity
        // Some try the assistants for one to four weeks, then go back to their old ways.
        if (tenure !== 'rotation' && rnd() < 0.3) until = from + (7 + Math.floor(rnd() * 22)) * DAY
        people.push(person(rnd, dept, ++n, tenure, from, until))
      }
    }
  }
  return people
}

function versionOn(day: number, end: number, lag: number): string {
  const age = (end - day) / DAY + lag
  let version = RELEASES[0]![1]
  for (const [daysAgo, v] of RELEASES) if (age <= daysAgo) version = v
  return version
}

/**
 * The demo's A/B experiment (exposures seeded by lib/seed/analytics-experiment.ts): diagnosis with the AI
 * differential served by AI engine v2 ('on') or the current engine ('off'), half the diagnosing clinicians
 * each by a hash of their id. On v2 far fewer of them habitually stop after seeing the differential, so the
 * funnel broken down by variant differs at that step. The random stream is the same either way.
 */
export const DEMO_EXPERIMENT = { key: 'dx-ai-engine-v2', flag: 'ai_engine_v2', workflow: 'diagnosis' as WorkflowKey, control: 'off', treatment: 'on' } as const
const V2_SCEPTICISM = 0.1

/** djb2: a stable choice per person that draws nothing from the generator (the rest stays the same). */
function hashOf(id: string): number {
  let h = 5381
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 33) + id.charCodeAt(i)) | 0
  return h >>> 0
}

export function demoExperimentVariant(id: string): 'off' | 'on' {
  return hashOf(id) % 2 === 0 ? 'off' : 'on'
}

/** The department, workflow, share of its clinicians and step (from 0) the slow AI panel of the last week makes them skip. */
export const DEMO_SLOW_PANEL = { department: 'Emergency', workflow: 'diagnosis' as WorkflowKey, share: 0.4, skippedStep: 2 } as const
const slowPanelFor = (p: Person) => p.dept.name === DEMO_SLOW_PANEL.department && (hashOf(`${p.id}:panel`) % 100) / 100 < DEMO_SLOW_PANEL.share

/**
 * The ids (userId, the flags' targeting key) of the clinicians who run the experiment's workflow in the demo
 * generated for `now`: the same staff generateDemoEvents draws (the same seed, drawn first).
 */
export function demoExperimentClinicians(now: Date, { days = DEMO_DAYS, seed = 13 }: { days?: number; seed?: number } = {}): string[] {
  const end = now.getTime()
  const firstDay = Math.floor((end - days * DAY + HOUR) / DAY) * DAY
  return staff(random(seed), firstDay, Math.floor(end / DAY) * DAY)
    .filter((p) => p.dept.workflows.includes(DEMO_EXPERIMENT.workflow) && p.role !== 'pharmacist')
    .map((p) => p.id)
}

export interface DemoOptions {
  now: Date
  pseudonym: (kind: PseudonymKind, id: string) => string
  days?: number
  seed?: number
}

/** The demo's events in time order, all in the `days` (DEMO_DAYS) before `now`. */
export function generateDemoEvents({ now, pseudonym, days = DEMO_DAYS, seed = 13 }: DemoOptions): EventRow[] {
  const rnd = random(seed)
  const rows: EventRow[] = []
  const end = now.getTime()
  const start = end - days * DAY + HOUR
  const firstDay = Math.floor(start / DAY) * DAY
  const rolloutAt = end - ROLLOUT_DAYS_AGO * DAY
  // The insights job's current week for the diagnosis workflow (its conversion window is an hour).
  const slowFrom = insightPeriods(now, HOUR).periodFrom.getTime()
  for (const p of staff(rnd, firstDay, Math.floor(end / DAY) * DAY)) {
    const userKey = pseudonym('user', p.id)
    for (let day = Math.max(firstDay, p.from); day < Math.min(end, p.until); day += DAY) {
      const weekend = [0, 6].includes(new Date(day).getUTCDay())
      if (rnd() > p.shiftChance * (weekend ? WEEKEND_FACTOR : 1)) continue
      const appVersion = versionOn(day, end, p.upgradeLag)
      const shiftStart = day + (p.nightWorker ? 19 : 7) * HOUR + Math.floor(rnd() * 60) * MIN
      for (const key of p.dept.workflows) {
        const flow = FLOWS[key]
        if (p.role === 'pharmacist' && key !== 'medication') continue
        const attempts = flow.perShift[0] + Math.floor(rnd() * (flow.perShift[1] - flow.perShift[0] + 1))
        const stopAfter = p.habits.get(key)!
        const slowPanel = key === DEMO_SLOW_PANEL.workflow && slowPanelFor(p)
        for (let a = 0; a < attempts; a++) {
          let t = shiftStart + Math.floor(rnd() * 11 * HOUR)
          const began = t
          // Gave up on the slow panel: the suggestion is not reviewed (drawn as before, so the generator stays in
          // step for everyone after, but not recorded); the diagnosis is still completed.
          const gaveUp = slowPanel && t >= slowFrom
          const rolledOut = t >= rolloutAt
          const ai: AiContext = { panel: !flow.panelSteps || rolledOut || p.pilot, model: rolledOut && rnd() < 0.8 ? 'dx-assist-3.0' : 'dx-assist-2.3' }
          for (let step = 0; step < flow.events.length; step++) {
            // Without the AI differential its steps do not happen: the clinician goes on to the diagnosis.
            if (!ai.panel && flow.panelSteps?.includes(step)) continue
            if (t < start || t > end) break
            if (!(gaveUp && step === DEMO_SLOW_PANEL.skippedStep)) rows.push({
              occurredAt: new Date(t),
              userKey,
              anonymousKey: null,
              clientSessionKey: null,
              type: 'track',
              event: flow.events[step]!,
              properties: flow.properties(rnd, step, t - began, ai),
              // No message id: the demo is written once, not retried, and 160k HMACs would double the seed's time.
              messageId: null,
              site: p.site,
              department: p.dept.name,
              role: p.role,
              appVersion,
              uaFamily: p.browser[0],
              uaMajor: p.browser[1],
            })
            if (step === flow.events.length - 1 || step === stopAfter) break
            let onward = flow.onward[step]! * (step === flow.aiStep ? p.dept.aiTrust : 1)
            if (p.nightWorker) onward *= 0.94
            if (rnd() > onward) break
            const [lo, hi] = flow.gapMinutes
            t += Math.round((lo + rnd() * (hi - lo)) * MIN)
          }
        }
      }
    }
  }
  return rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
}
