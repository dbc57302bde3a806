/**
 * Evidence seeds the scoring inputs (issue 16), pure. The facts come from what is linked to an item
 * (RoadmapLink: feedback, analytics insights, competitor threat links, incidents) and from the SLO debt of
 * the item's service (evidence-facts.ts loads them). Each seeded input carries a one-line reason that the
 * score panel shows beside it. An input without evidence is not seeded (left as the PM set it); a PM may
 * override any seeded input with a reason (override-commands.ts), and then the evidence no longer writes it.
 *
 * Rules (lib/roadmap/README.md repeats them; evidence.test.ts works examples):
 * - reach (people per quarter) = reports in the linked feedback (each item 1 + its merged duplicates)
 *   + users lost at each linked insight's step, per week × 13 weeks (lost × 91 ÷ the insight's period in
 *   days, rounded). Seeded when feedback or insights are linked. An insight whose counts are below the
 *   analytics area's minimum group size (k-anonymity) is named but not counted, here or below.
 * - patientSafety (0–5): a linked feedback item that is a safety concern → 5; else a linked incident:
 *   critical → 4, high → 3, other → 2; else linked feedback with no safety concern → 0.
 * - timeSaved (0–5) from the insights' worst drop-off (lost ÷ reaching the step before): ≥ 40 % → 5,
 *   ≥ 25 % → 4, ≥ 15 % → 3, ≥ 5 % → 2, above 0 → 1, none → 0 (clinicians lost at a step redo or abandon it).
 * - evidenceStrength (0–5) = kinds of independent source present (feedback, analytics, competitors,
 *   operations = a linked incident or an SLO with ≥ 50 % of its error budget spent), + 1 when corroborated
 *   (≥ 5 reports, or reports from ≥ 2 departments), at most 5. Seeded when at least one kind is present.
 * - confidence (RICE, %) from evidence strength: ≥ 4 → 100, ≥ 2 → 80, else 50.
 * - value (0–10) = the larger of the competitor part (a threat link: high → 6 + 4 × its score (0–1,
 *   rounded), medium → 4, low → 2) and the SLO-debt part (budget spent ≥ 100 % → 8, ≥ 75 % → 6, ≥ 50 % → 4,
 *   ≥ 25 % → 2), + 1 when both parts are present, at most 10.
 * impact, risk and clinicalOutcome are judgements: never seeded, set by the PM.
 */

/** Every scoring input of an item (its columns in RoadmapItem). */
export const SCORING_INPUTS = ['reach', 'impact', 'confidence', 'value', 'risk', 'patientSafety', 'clinicalOutcome', 'timeSaved', 'evidenceStrength'] as const
export type ScoringInput = (typeof SCORING_INPUTS)[number]
/** The inputs evidence may seed. */
export const SEEDED_INPUTS = ['reach', 'confidence', 'value', 'patientSafety', 'timeSaved', 'evidenceStrength'] as const satisfies readonly ScoringInput[]

export const INPUT_LABELS: Record<ScoringInput, string> = {
  reach: 'Reach (per quarter)',
  impact: 'Impact',
  confidence: 'Confidence (%)',
  value: 'Value (0–10)',
  risk: 'Risk (0–10)',
  patientSafety: 'Patient safety (0–5)',
  clinicalOutcome: 'Clinical outcome (0–5)',
  timeSaved: 'Clinician time saved (0–5)',
  evidenceStrength: 'Evidence strength (0–5)',
}

export interface FeedbackFact {
  number: number
  status: string
  /** Duplicates merged into it: each is one more report. */
  duplicateCount: number
  departments: string[]
  safetyConcern: boolean
}
export interface InsightFact {
  workflowKey: string
  stepLabel: string
  /** Users reaching the step before, and of them lost at this step, in the insight's period. */
  currentBase: number
  currentLost: number
  periodDays: number
  /** A count below the analytics area's minimum group size (k-anonymity): it is neither shown nor counted. */
  suppressed?: boolean
}
export interface ThreatFact {
  capability: string
  level: 'high' | 'medium' | 'low'
  /** 0–1 (lib/competitors/scoring.ts capabilityThreat). */
  score: number
}
export interface IncidentFact {
  number: number
  severity: string
}
export interface SloDebtFact {
  sloKey: string
  /** Share of the window's error budget spent, in %, may exceed 100. */
  budgetConsumedPercent: number
}
export interface EvidenceFacts {
  feedback: FeedbackFact[]
  insights: InsightFact[]
  threats: ThreatFact[]
  incidents: IncidentFact[]
  slo: SloDebtFact[]
}

export interface Seed {
  value: number
  reason: string
}
export type Seeds = Partial<Record<ScoringInput, Seed>>

export const NO_EVIDENCE: EvidenceFacts = { feedback: [], insights: [], threats: [], incidents: [], slo: [] }

const fb = (n: number) => `FB-${n}`
const pct = (x: number) => `${Math.round(x)} %`
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** Reports behind the linked feedback: each item and its merged duplicates. */
export const reportsOf = (f: EvidenceFacts) => f.feedback.reduce((s, x) => s + 1 + x.duplicateCount, 0)
export const departmentsOf = (f: EvidenceFacts) => [...new Set(f.feedback.flatMap((x) => x.departments))].sort()
/** Users lost at an insight's step per quarter: per week × 13. */
export const lostPerQuarter = (i: InsightFact) => (i.periodDays > 0 ? Math.round((i.currentLost * 91) / i.periodDays) : 0)

function reach(f: EvidenceFacts): Seed | undefined {
  if (f.feedback.length === 0 && f.insights.length === 0) return undefined
  const reports = reportsOf(f)
  const parts: string[] = []
  if (f.feedback.length > 0) parts.push(`${plural(reports, 'report')} in ${plural(f.feedback.length, 'feedback item')}`)
  let lost = 0
  for (const i of f.insights) {
    if (i.suppressed) {
      parts.push(`a drop-off at “${i.stepLabel}” too small to count (k-anonymity)`)
      continue
    }
    const q = lostPerQuarter(i)
    lost += q
    parts.push(`${q.toLocaleString('en-GB')} lost at “${i.stepLabel}” (${i.currentLost} in ${i.periodDays} days, × 13 weeks)`)
  }
  const value = reports + lost
  return { value, reason: `${parts.join(' + ')} = ${value.toLocaleString('en-GB')} per quarter` }
}

const INCIDENT_SAFETY: Record<string, number> = { critical: 4, high: 3 }

function patientSafety(f: EvidenceFacts): Seed | undefined {
  const concerns = f.feedback.filter((x) => x.safetyConcern)
  if (concerns.length > 0) return { value: 5, reason: `${concerns.map((x) => fb(x.number)).join(', ')} ${concerns.length === 1 ? 'is a patient-safety concern' : 'are patient-safety concerns'}` }
  if (f.incidents.length > 0) {
    const worst = [...f.incidents].sort((a, b) => (INCIDENT_SAFETY[b.severity] ?? 2) - (INCIDENT_SAFETY[a.severity] ?? 2))[0]!
    return { value: INCIDENT_SAFETY[worst.severity] ?? 2, reason: `linked incident INC-${worst.number} is ${worst.severity}` }
  }
  if (f.feedback.length === 1) return { value: 0, reason: `the linked feedback item (${fb(f.feedback[0]!.number)}) is not a safety concern` }
  if (f.feedback.length > 1) return { value: 0, reason: `none of the ${f.feedback.length} linked feedback items is a safety concern` }
  return undefined
}

/** The share lost at the step, 0–1. */
export const dropOffOf = (i: InsightFact) => (i.currentBase > 0 ? i.currentLost / i.currentBase : 0)

function timeSaved(f: EvidenceFacts): Seed | undefined {
  const countable = f.insights.filter((i) => !i.suppressed)
  if (countable.length === 0) return undefined
  const worst = [...countable].sort((a, b) => dropOffOf(b) - dropOffOf(a))[0]!
  const r = dropOffOf(worst)
  const value = r >= 0.4 ? 5 : r >= 0.25 ? 4 : r >= 0.15 ? 3 : r >= 0.05 ? 2 : r > 0 ? 1 : 0
  return { value, reason: `${pct(r * 100)} of users lost at “${worst.stepLabel}” (${worst.workflowKey}): clinicians redo or abandon that step` }
}

const SLO_DEBT_EVIDENCE = 50

function evidenceStrength(f: EvidenceFacts): Seed | undefined {
  const debt = f.slo.filter((s) => s.budgetConsumedPercent >= SLO_DEBT_EVIDENCE)
  const kinds = [
    f.feedback.length > 0 ? 'feedback' : null,
    f.insights.length > 0 ? 'analytics' : null,
    f.threats.length > 0 ? 'competitors' : null,
    f.incidents.length > 0 || debt.length > 0 ? 'operations' : null,
  ].filter((k): k is string => k !== null)
  if (kinds.length === 0) return undefined
  const reports = reportsOf(f)
  const departments = departmentsOf(f).length
  const corroborated = reports >= 5 || departments >= 2
  const value = Math.min(5, kinds.length + (corroborated ? 1 : 0))
  const extra = corroborated ? ` + 1: ${plural(reports, 'report')} from ${plural(departments, 'department')}` : ''
  return { value, reason: `${plural(kinds.length, 'kind')} of source (${kinds.join(', ')})${extra}` }
}

function confidence(strength: Seed | undefined): Seed | undefined {
  if (!strength) return undefined
  const value = strength.value >= 4 ? 100 : strength.value >= 2 ? 80 : 50
  return { value, reason: `evidence strength ${strength.value} of 5 → ${value} %` }
}

const THREAT_VALUE = (t: ThreatFact) => (t.level === 'high' ? 6 + Math.round(4 * Math.min(1, Math.max(0, t.score))) : t.level === 'medium' ? 4 : 2)
const SLO_VALUE = (consumed: number) => (consumed >= 100 ? 8 : consumed >= 75 ? 6 : consumed >= 50 ? 4 : consumed >= 25 ? 2 : 0)

function value(f: EvidenceFacts): Seed | undefined {
  const threat = [...f.threats].sort((a, b) => THREAT_VALUE(b) - THREAT_VALUE(a) || b.score - a.score)[0]
  const slo = [...f.slo].sort((a, b) => b.budgetConsumedPercent - a.budgetConsumedPercent)[0]
  const t = threat ? THREAT_VALUE(threat) : 0
  const s = slo ? SLO_VALUE(slo.budgetConsumedPercent) : 0
  if (t === 0 && s === 0) return undefined
  const parts: string[] = []
  if (threat) parts.push(`${threat.level} competitor threat on “${threat.capability}” (score ${threat.score.toFixed(2)}) → ${t}`)
  if (slo && s > 0) parts.push(`SLO ${slo.sloKey} has spent ${pct(slo.budgetConsumedPercent)} of its error budget → ${s}`)
  const both = t > 0 && s > 0
  const v = Math.min(10, Math.max(t, s) + (both ? 1 : 0))
  return { value: v, reason: both ? `${parts.join('; ')}; both → ${Math.max(t, s)} + 1 = ${v}` : parts.join('; ') }
}

/** The seeded inputs, each with its reason; inputs without evidence are absent. */
export function seedInputs(f: EvidenceFacts): Seeds {
  const strength = evidenceStrength(f)
  const seeds: Seeds = { reach: reach(f), patientSafety: patientSafety(f), timeSaved: timeSaved(f), evidenceStrength: strength, confidence: confidence(strength), value: value(f) }
  for (const k of Object.keys(seeds) as ScoringInput[]) if (seeds[k] === undefined) delete seeds[k]
  return seeds
}
