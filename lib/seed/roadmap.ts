/**
 * Roadmap demo data: the clinical-AI platform's board as a product team would have it in December —
 * ideas from clinicians and competitors, discovery on safety and diagnosis work, a planned quarter,
 * hotfixes in progress, and last quarter's deliveries, each with its scoring inputs. Written through the
 * real commands (redaction, scores, history, audit) with their history dated where it happened, so the
 * quarterly review of the quarter just ended has something true to say. Idempotent: an item is found by
 * its title; a second run adds nothing.
 */
import { db } from '../db'
import { actorOfUser, type Actor } from '../auth/actor'
import { createItem, moveItem, setScoreInputs } from '../roadmap/commands'
import { linkEvidence } from '../roadmap/link-commands'
import { applyEvidence, overrideInput } from '../roadmap/override-commands'
import { quarterJustEnded } from '../roadmap/review'
import { storeReview } from '../roadmap/review-store'
import { addQuarters, quarterOf, quarterRange, type Horizon, type Pathway, type Pipeline, type Stage, type Stakeholder } from '../roadmap/model'
import type { ScoreInputs } from '../roadmap/schema'

const DAY = 86_400_000

export interface DemoItem {
  title: string
  problem: string
  stage: Stage
  owner: 'pm' | 'pm2'
  horizon: Horizon
  /** Quarters from the current one (−1 = the quarter just ended), or none. */
  quarter: number | null
  effort: number
  pipeline: Pipeline
  pathway: Pathway
  stakeholders: Stakeholder[]
  scores: Omit<ScoreInputs, 'id' | 'version'>
  /** Days before now it was created. */
  createdAgo: number
  /**
   * For last quarter's plan: days after the start of the quarter just ended that it was created and (when
   * delivered) released, so the stored review says the same whatever day of this quarter the seed runs.
   */
  lastQuarter?: { created: number; released?: number }
  /** Feedback items (seed keys), competitor capabilities and analytics workflow steps it answers. */
  feedback?: string[]
  capability?: string
  insightWorkflow?: string
}

const CLIN = ['clinical_users'] as Stakeholder[]

export const DEMO_ITEMS: DemoItem[] = [
  { title: 'Sepsis panel ready within 2 seconds after handover', problem: 'Nurses and registrars wait about twenty seconds for the sepsis score panel after the morning handover, when every workstation opens it at once.', stage: 'planned', owner: 'pm', horizon: 'short_term', quarter: 1, effort: 6, pipeline: 'feature', pathway: 'none', stakeholders: ['clinical_users', 'technical_stakeholders'], scores: { reach: 1800, impact: 2, confidence: 80, moscow: 'must', value: 8, risk: 3, patientSafety: 3, clinicalOutcome: 3, timeSaved: 4, evidenceStrength: 4 }, createdAgo: 6, feedback: ['demo-fb-01', 'demo-fb-02', 'demo-fb-03'] },
  { title: 'Renal dose adjustment in the medication review', problem: 'The assistant suggested a standard dose for a patient with reduced kidney function; the pharmacist caught it. Dose suggestions must account for renal function.', stage: 'discovery', owner: 'pm2', horizon: 'short_term', quarter: 1, effort: 10, pipeline: 'feature', pathway: 'fda_510k', stakeholders: ['clinical_users', 'regulatory_compliance'], scores: { reach: 900, impact: 3, confidence: 80, moscow: 'must', value: 9, risk: 6, patientSafety: 5, clinicalOutcome: 4, timeSaved: 2, evidenceStrength: 3 }, createdAgo: 4, feedback: ['demo-fb-10'], capability: 'medication_safety' },
  { title: 'Accept the suggested triage category from the keyboard', problem: 'Triage nurses reach for the mouse to accept a suggested category dozens of times a shift.', stage: 'planned', owner: 'pm2', horizon: 'short_term', quarter: 1, effort: 2, pipeline: 'feature', pathway: 'none', stakeholders: CLIN, scores: { reach: 600, impact: 1, confidence: 100, moscow: 'should', value: 5, risk: 1, patientSafety: 1, clinicalOutcome: 1, timeSaved: 4, evidenceStrength: 3 }, createdAgo: 5, feedback: ['demo-fb-04'] },
  { title: 'Faster AI suggestion panel on Emergency workstations', problem: 'Four in ten emergency clinicians skip the review step since the suggestion panel became slow on the department’s workstations.', stage: 'planned', owner: 'pm', horizon: 'short_term', quarter: 1, effort: 5, pipeline: 'feature', pathway: 'none', stakeholders: ['clinical_users', 'technical_stakeholders'], scores: { reach: 1200, impact: 2, confidence: 80, moscow: 'must', value: 7, risk: 3, patientSafety: 2, clinicalOutcome: 3, timeSaved: 4, evidenceStrength: 4 }, createdAgo: 3, insightWorkflow: 'emergency_triage' },
  { title: 'Show the model’s confidence beside each suggested diagnosis', problem: 'Clinicians cannot tell a confident suggestion from a guess; they ask to see the model confidence.', stage: 'discovery', owner: 'pm', horizon: 'medium_term', quarter: 2, effort: 8, pipeline: 'feature', pathway: 'fda_510k', stakeholders: ['clinical_users', 'regulatory_compliance'], scores: { reach: 700, impact: 1, confidence: 50, moscow: 'should', value: 6, risk: 5, patientSafety: 3, clinicalOutcome: 3, timeSaved: 1, evidenceStrength: 2 }, createdAgo: 20, feedback: ['demo-fb-08'], capability: 'differential_diagnosis' },
  { title: 'Ambient clinical documentation pilot', problem: 'Competitors draft the note from the consultation audio; clinicians spend a third of their time documenting.', stage: 'ideas', owner: 'pm', horizon: 'medium_term', quarter: 3, effort: 26, pipeline: 'innovation', pathway: 'none', stakeholders: ['clinical_users', 'healthcare_administrators'], scores: { reach: 2500, impact: 2, confidence: 50, moscow: 'could', value: 9, risk: 8, patientSafety: 1, clinicalOutcome: 2, timeSaved: 5, evidenceStrength: 2 }, createdAgo: 30, capability: 'ambient_documentation' },
  { title: 'Sepsis early warning for paediatric wards', problem: 'The sepsis model is validated on adults only; paediatric wards ask for it.', stage: 'ideas', owner: 'pm2', horizon: 'long_term', quarter: null, effort: 40, pipeline: 'innovation', pathway: 'fda_de_novo', stakeholders: ['clinical_users', 'regulatory_compliance'], scores: { reach: 300, impact: 3, confidence: 50, moscow: 'could', value: 7, risk: 9, patientSafety: 4, clinicalOutcome: 4, timeSaved: 1, evidenceStrength: 1 }, createdAgo: 45 },
  { title: 'Dark mode for night shifts', problem: 'Bright screens on night shifts strain eyes on dimmed wards.', stage: 'ideas', owner: 'pm2', horizon: 'medium_term', quarter: null, effort: 3, pipeline: 'feature', pathway: 'none', stakeholders: CLIN, scores: { reach: 400, impact: 0.5, confidence: 80, moscow: 'wont', value: 3, risk: 1, patientSafety: 0, clinicalOutcome: 0, timeSaved: 1, evidenceStrength: 2 }, createdAgo: 2, feedback: ['demo-fb-20'] },
  { title: 'Discharge summary lists the medication once', problem: 'The discharge summary draft repeats the medication list.', stage: 'in_progress', owner: 'pm2', horizon: 'short_term', quarter: 0, effort: 1, pipeline: 'hotfix', pathway: 'none', stakeholders: CLIN, scores: { reach: 500, impact: 1, confidence: 100, moscow: 'must', value: 5, risk: 1, patientSafety: 2, clinicalOutcome: 1, timeSaved: 2, evidenceStrength: 3 }, createdAgo: 5, feedback: ['demo-fb-07'] },
  { title: 'Latest vital signs in the AI summary', problem: 'The AI summary shows the previous set of vital signs instead of the latest.', stage: 'in_progress', owner: 'pm', horizon: 'short_term', quarter: 0, effort: 1.5, pipeline: 'hotfix', pathway: 'none', stakeholders: CLIN, scores: { reach: 800, impact: 2, confidence: 100, moscow: 'must', value: 7, risk: 2, patientSafety: 4, clinicalOutcome: 3, timeSaved: 1, evidenceStrength: 3 }, createdAgo: 4, feedback: ['demo-fb-11'] },
  { title: 'FHIR R4 write-back of AI findings', problem: 'Hospitals want AI findings written back into the EHR as FHIR Observations, as Epic and Oracle Health offer.', stage: 'in_progress', owner: 'pm', horizon: 'short_term', quarter: 0, effort: 12, pipeline: 'feature', pathway: 'none', stakeholders: ['technical_stakeholders', 'healthcare_administrators'], scores: { reach: 1500, impact: 2, confidence: 80, moscow: 'should', value: 8, risk: 4, patientSafety: 1, clinicalOutcome: 2, timeSaved: 3, evidenceStrength: 3 }, createdAgo: 70, capability: 'fhir_r4_api' },
  { title: 'Triage assistant sign-in on ward tablets', problem: 'Ward tablets could not sign in to the triage assistant after a certificate change.', stage: 'released', owner: 'pm', horizon: 'short_term', quarter: -1, effort: 1, pipeline: 'hotfix', pathway: 'none', stakeholders: ['clinical_users', 'technical_stakeholders'], scores: { reach: 300, impact: 2, confidence: 100, moscow: 'must', value: 6, risk: 1, patientSafety: 2, clinicalOutcome: 1, timeSaved: 2, evidenceStrength: 4 }, createdAgo: 0, lastQuarter: { created: 4, released: 40 } },
  { title: 'Allergy check on the emergency prescribing screen', problem: 'The allergy alert must fire wherever a prescription starts, including the emergency screen.', stage: 'released', owner: 'pm2', horizon: 'short_term', quarter: -1, effort: 3, pipeline: 'hotfix', pathway: 'none', stakeholders: ['clinical_users', 'regulatory_compliance'], scores: { reach: 900, impact: 3, confidence: 100, moscow: 'must', value: 9, risk: 2, patientSafety: 5, clinicalOutcome: 4, timeSaved: 1, evidenceStrength: 4 }, createdAgo: 0, lastQuarter: { created: 8, released: 47 } },
  { title: 'Model drift dashboard per site', problem: 'Clinical safety officers cannot see whether a model’s accuracy drifts at one site.', stage: 'planned', owner: 'pm', horizon: 'short_term', quarter: -1, effort: 8, pipeline: 'feature', pathway: 'none', stakeholders: ['regulatory_compliance', 'technical_stakeholders'], scores: { reach: 60, impact: 2, confidence: 80, moscow: 'should', value: 7, risk: 3, patientSafety: 3, clinicalOutcome: 2, timeSaved: 1, evidenceStrength: 3 }, createdAgo: 0, lastQuarter: { created: 2 }, capability: 'model_monitoring' },
]

export const DEMO_CAPACITY = [
  { quarter: 0, personWeeks: 30 },
  { quarter: 1, personWeeks: 24 },
  { quarter: 2, personWeeks: 36 },
  { quarter: 3, personWeeks: 36 },
]

async function demoActors(): Promise<Record<'pm' | 'pm2', Actor & { id: string }>> {
  const users = await db.user.findMany({ where: { email: { in: ['pm@demo.wardroom.local', 'pm2@demo.wardroom.local'] } } })
  const of = (email: string) => {
    const u = users.find((x) => x.email === email)
    if (!u) throw new Error(`The roadmap seed needs the demo user ${email} (run the foundation seed first)`)
    return { ...actorOfUser({ id: u.id, email: u.email, name: u.name, role: u.role }), id: u.id }
  }
  return { pm: of('pm@demo.wardroom.local'), pm2: of('pm2@demo.wardroom.local') }
}

export async function seedRoadmap(log: (m: string) => void = () => {}, now = new Date()): Promise<void> {
  const actors = await demoActors()
  const current = quarterOf(now)
  let created = 0
  for (const d of DEMO_ITEMS) {
    if (await db.roadmapItem.findFirst({ where: { title: d.title }, select: { id: true } })) continue
    const actor = actors[d.owner]
    const lastQuarterStart = quarterRange(addQuarters(current, -1)).from.getTime()
    const at = d.lastQuarter ? new Date(lastQuarterStart + d.lastQuarter.created * DAY) : new Date(now.getTime() - d.createdAgo * DAY)
    const quarter = d.quarter === null ? null : addQuarters(current, d.quarter)
    // Items past discovery are moved there, so their linked feedback hears "planned" as it would in use.
    const start = d.stage === 'ideas' ? 'ideas' : 'discovery'
    const item = await createItem(actor, { title: d.title, problem: d.problem, stage: start, ownerId: actor.id, horizon: d.horizon, targetQuarter: quarter, effort: d.effort, stakeholders: d.stakeholders, regulatoryPathway: d.pathway, pipeline: d.pipeline }, { now: at })
    await db.roadmapItem.update({ where: { id: item.id }, data: { createdAt: at } })
    let version = (await setScoreInputs(actor, { id: item.id, version: item.version, ...d.scores }, { now: at })).version
    version = await linkDemoEvidence(actor, item.id, version, d, at)
    if (d.stage !== 'ideas' && d.stage !== 'discovery') {
      version = (await moveItem(actor, { id: item.id, version, stage: 'planned', position: 0 }, { now: new Date(at.getTime() + DAY) })).version
    }
    if (d.stage === 'in_progress' || d.stage === 'released') {
      const startedAt = new Date(at.getTime() + 2 * DAY)
      version = (await moveItem(actor, { id: item.id, version, stage: 'in_progress', position: 0 }, { now: startedAt })).version
    }
    if (d.stage === 'released') await releaseDemoItem(actor, item.id, version, d, new Date(lastQuarterStart + (d.lastQuarter?.released ?? 45) * DAY))
    created++
  }
  for (const c of DEMO_CAPACITY) {
    const quarter = addQuarters(current, c.quarter)
    await db.roadmapCapacity.upsert({ where: { quarter }, create: { quarter, personWeeks: c.personWeeks }, update: {} })
  }
  // The quarter just ended has its review, as the quarterly job would have stored it (an upsert: idempotent).
  const review = await storeReview(quarterJustEnded(now))
  log(`roadmap: ${created} demo items created (${DEMO_ITEMS.length} in the demo); review of ${review.quarter}: ${review.delivered} of ${review.planned} planned delivered`)
}

/**
 * The item's evidence: its feedback (the parent of merged duplicates), the open insight of its workflow,
 * the threat on its capability when the matrix has recorded one. The evidence then seeds the inputs it
 * speaks to; where it counts only those who wrote in, the PM overrides reach with the screen's users and
 * says so.
 */
async function linkDemoEvidence(actor: Actor & { id: string }, itemId: string, version: number, d: DemoItem, at: Date): Promise<number> {
  const targets: { kind: 'feedback' | 'insight' | 'competitor_threat'; id: string }[] = []
  if (d.feedback) {
    const items = await db.feedbackItem.findMany({ where: { source: 'in_app', idempotencyKey: { in: d.feedback } }, select: { id: true, parentId: true } })
    for (const id of new Set(items.map((i) => i.parentId ?? i.id))) targets.push({ kind: 'feedback', id })
  }
  if (d.insightWorkflow) {
    const insight = await db.analyticsInsight.findFirst({ where: { workflowKey: d.insightWorkflow, status: { not: 'dismissed' } }, orderBy: { periodFrom: 'desc' }, select: { id: true } })
    if (insight) targets.push({ kind: 'insight', id: insight.id })
  }
  if (d.capability) {
    const capability = await db.capability.findUnique({ where: { key: d.capability }, select: { id: true } })
    const link = capability ? await db.competitorThreatLink.findFirst({ where: { capabilityId: capability.id, roadmapItemId: null }, select: { id: true } }) : null
    if (link) targets.push({ kind: 'competitor_threat', id: link.id })
  }
  if (targets.length === 0) return version
  for (const t of targets) await linkEvidence(actor, { itemId, kind: t.kind, targetId: t.id })
  let applied = (await applyEvidence(actor, itemId, { now: at })).version
  if (d.scores.reach !== undefined && d.scores.reach !== null) {
    const current = await db.roadmapItem.findUniqueOrThrow({ where: { id: itemId }, select: { reach: true } })
    if (current.reach !== Number(d.scores.reach)) {
      applied = (await overrideInput(actor, { itemId, input: 'reach', value: d.scores.reach, version: applied, reason: 'Clinicians using this screen each quarter, from the ward rosters; the reports count only those who wrote in.' }, { now: at })).version
    }
  }
  return applied
}

/** A demo release: its gates ticked by the owner (a hotfix's three), then the move. */
async function releaseDemoItem(actor: Actor & { id: string }, itemId: string, version: number, d: DemoItem, at: Date) {
  await db.roadmapGateCheck.createMany({
    data: ['regression_tests', 'security_review', 'post_release_review'].map((gate) => ({ itemId, gate, done: true, doneById: actor.id, doneBy: actor.label, doneAt: at, note: `Checked before ${d.title.toLowerCase()} shipped` })),
    skipDuplicates: true,
  })
  await moveItem(actor, { id: itemId, version, stage: 'released', position: 0 }, { now: at })
  await db.roadmapItem.update({ where: { id: itemId }, data: { releasedAt: at } })
}
