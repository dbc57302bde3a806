/**
 * Feedback demo data: a hospital week of clinicians' reports and analytics' improvement tasks, sent through
 * the real commands (redaction, triage, duplicate detection, the safety lane), so the inbox shows what
 * production would: bugs, suggestions, praise with ratings, a clinical safety concern with its incident,
 * duplicates merged into their parent, items triaged in time and late, and a few closed with a note.
 * Every text is invented and PHI-free. Idempotent: each report has a fixed idempotency key (a second run
 * finds the first item), and the triage moves are made only when the item is created.
 */
import { actorOfApiKey, systemActor, type Actor, type UserActor } from '../auth/actor'
import { db } from '../db'
import { isApiScope } from '../rbac'
import { WORKFLOWS } from '../analytics/catalogue'
import { insightFunnelLinks } from '../analytics/insight-links'
import { WorkflowDefinition } from '../analytics/workflow-schema'
import { createImprovementTask, submitFeedback } from '../feedback/commands'
import { assignFeedback, setFeedbackStatus } from '../feedback/status'

const HOUR = 3_600_000
type Move = { after: number; status?: 'triaged' | 'in_progress' | 'planned' | 'done' | 'wont_do'; note?: string; assign?: 'pm' | 'pm2' | 'safety' }
interface DemoReport {
  key: string
  /** Hours before now it arrived. */
  ago: number
  type: 'bug' | 'suggestion' | 'clinical_safety' | 'praise'
  text: string
  dept: string
  role: string
  app: string
  model: string
  rating?: number
  moves?: Move[]
}

const N = 'Staff nurse'
const D = 'Registrar'
const P = 'Pharmacist'
// Ratings come from many reports so that each department and version passes the five-answer floor.
const REPORTS: DemoReport[] = [
  { key: 'demo-fb-01', ago: 160, type: 'bug', text: 'The sepsis score panel takes about twenty seconds to load after the morning handover.', dept: 'ICU', role: N, app: '4.2.0', model: 'sepsis-2.3', rating: 2, moves: [{ after: 2, status: 'in_progress', assign: 'pm' }] },
  { key: 'demo-fb-02', ago: 150, type: 'bug', text: 'The sepsis score panel takes around twenty seconds to load after the morning handover.', dept: 'Emergency', role: N, app: '4.2.0', model: 'sepsis-2.3', rating: 2 },
  { key: 'demo-fb-03', ago: 139, type: 'bug', text: 'Sepsis score panel takes twenty seconds to load after morning handover on the ward.', dept: 'Cardiology', role: D, app: '4.3.0', model: 'sepsis-2.3', rating: 3 },
  { key: 'demo-fb-04', ago: 148, type: 'suggestion', text: 'Add a keyboard shortcut to accept the suggested triage category.', dept: 'Emergency', role: N, app: '4.2.0', model: 'triage-1.8', rating: 4, moves: [{ after: 30, status: 'planned', assign: 'pm2' }] },
  { key: 'demo-fb-05', ago: 140, type: 'praise', text: 'The medication review suggestions saved me ten minutes on the ward round.', dept: 'Pharmacy', role: P, app: '4.2.0', model: 'medrev-3.1', rating: 5, moves: [{ after: 20, status: 'done', note: 'Thanked the team; shared in the weekly update.' }] },
  { key: 'demo-fb-06', ago: 130, type: 'bug', text: 'Cannot log in to the triage assistant from the ward tablets since this morning.', dept: 'Emergency', role: N, app: '4.2.0', model: 'triage-1.8', rating: 1, moves: [{ after: 1, status: 'done', note: 'Certificate on the tablet profile renewed by hospital IT.', assign: 'pm' }] },
  { key: 'demo-fb-07', ago: 122, type: 'bug', text: 'The discharge summary draft repeats the medication list twice.', dept: 'Cardiology', role: D, app: '4.2.0', model: 'summary-2.0', rating: 2, moves: [{ after: 6, status: 'in_progress', assign: 'pm2' }] },
  { key: 'demo-fb-08', ago: 118, type: 'suggestion', text: 'Show the model confidence next to each suggested diagnosis.', dept: 'Oncology', role: D, app: '4.3.0', model: 'dx-5.0', rating: 4, moves: [{ after: 40, status: 'triaged' }] },
  { key: 'demo-fb-09', ago: 110, type: 'praise', text: 'Triage suggestions are spot on for chest pain presentations this week.', dept: 'Emergency', role: D, app: '4.3.0', model: 'triage-1.8', rating: 5, moves: [{ after: 50, status: 'done', note: 'Passed on to the model team.' }] },
  { key: 'demo-fb-10', ago: 100, type: 'clinical_safety', text: 'The assistant suggested the standard dose for a patient with reduced kidney function; the pharmacist changed it before it was given.', dept: 'Pharmacy', role: P, app: '4.3.0', model: 'medrev-3.1', rating: 1, moves: [{ after: 0.25, status: 'in_progress', assign: 'safety' }] },
  { key: 'demo-fb-11', ago: 96, type: 'bug', text: 'The AI summary shows the previous set of vital signs instead of the latest one.', dept: 'ICU', role: N, app: '4.3.0', model: 'summary-2.0', rating: 2, moves: [{ after: 7, status: 'triaged', assign: 'pm' }] },
  { key: 'demo-fb-12', ago: 90, type: 'suggestion', text: 'Let us filter the worklist by ward and by consultant.', dept: 'Radiology', role: D, app: '4.3.0', model: 'dx-5.0', rating: 3, moves: [{ after: 60, status: 'wont_do', note: 'The hospital worklist already filters by ward; shown how in the user guide.' }] },
  { key: 'demo-fb-13', ago: 84, type: 'praise', text: 'Much faster since the update, thank you.', dept: 'ICU', role: N, app: '4.3.0', model: 'sepsis-2.3', rating: 5 },
  { key: 'demo-fb-14', ago: 80, type: 'bug', text: 'Minor: the tooltip on the risk badge has a typo.', dept: 'Cardiology', role: N, app: '4.3.0', model: 'sepsis-2.3', rating: 4, moves: [{ after: 100, status: 'planned' }] },
  { key: 'demo-fb-15', ago: 72, type: 'praise', text: 'The radiology report draft reads well and saves dictation time.', dept: 'Radiology', role: D, app: '4.3.0', model: 'dx-5.0', rating: 5 },
  { key: 'demo-fb-16', ago: 70, type: 'suggestion', text: 'Offer the medication review in the pharmacy discharge checklist too.', dept: 'Pharmacy', role: P, app: '4.3.0', model: 'medrev-3.1', rating: 4 },
  { key: 'demo-fb-17', ago: 60, type: 'bug', text: 'The allergy alert did not fire when penicillin was prescribed from the emergency screen.', dept: 'Emergency', role: D, app: '4.3.0', model: 'triage-1.8', rating: 1 },
  { key: 'demo-fb-18', ago: 54, type: 'praise', text: 'Oncology regimen check caught an interaction we would have missed.', dept: 'Oncology', role: P, app: '4.3.0', model: 'medrev-3.1', rating: 5 },
  { key: 'demo-fb-19', ago: 48, type: 'bug', text: 'Printing the AI summary cuts off the last paragraph.', dept: 'Oncology', role: N, app: '4.3.0', model: 'summary-2.0', rating: 3 },
  { key: 'demo-fb-20', ago: 40, type: 'suggestion', text: 'A dark mode for night shifts would be easier on the eyes.', dept: 'ICU', role: N, app: '4.3.0', model: 'sepsis-2.3', rating: 4 },
  { key: 'demo-fb-21', ago: 30, type: 'praise', text: 'Good triage suggestions during a very busy evening.', dept: 'Emergency', role: N, app: '4.3.0', model: 'triage-1.8', rating: 5 },
  { key: 'demo-fb-22', ago: 26, type: 'bug', text: 'Radiology findings take a long time to appear in the summary.', dept: 'Radiology', role: D, app: '4.3.0', model: 'summary-2.0', rating: 2 },
  { key: 'demo-fb-23', ago: 20, type: 'praise', text: 'The cardiology risk explanation is clear for patients and families.', dept: 'Cardiology', role: D, app: '4.3.0', model: 'dx-5.0', rating: 5 },
  { key: 'demo-fb-24', ago: 14, type: 'suggestion', text: 'Remember my last chosen view on the sepsis dashboard.', dept: 'ICU', role: D, app: '4.3.0', model: 'sepsis-2.3', rating: 4 },
  { key: 'demo-fb-25', ago: 10, type: 'praise', text: 'Radiology protocol suggestions are accurate.', dept: 'Radiology', role: D, app: '4.3.0', model: 'dx-5.0', rating: 4 },
  { key: 'demo-fb-26', ago: 8, type: 'bug', text: 'The pharmacy queue counter does not refresh until the page is reloaded.', dept: 'Pharmacy', role: P, app: '4.3.0', model: 'medrev-3.1', rating: 3 },
  { key: 'demo-fb-27', ago: 5, type: 'praise', text: 'Helpful oncology summaries before clinic.', dept: 'Oncology', role: D, app: '4.3.0', model: 'summary-2.0', rating: 5 },
  { key: 'demo-fb-28', ago: 3, type: 'suggestion', text: 'Group the cardiology alerts by patient bay.', dept: 'Cardiology', role: N, app: '4.3.0', model: 'sepsis-2.3', rating: 3 },
  { key: 'demo-fb-29', ago: 1.5, type: 'bug', text: 'The emergency triage screen freezes for a few seconds when the queue is long.', dept: 'Emergency', role: N, app: '4.3.0', model: 'triage-1.8', rating: 2 },
  { key: 'demo-fb-30', ago: 0.5, type: 'praise', text: 'Pharmacy review summary is clear and concise.', dept: 'Pharmacy', role: P, app: '4.3.0', model: 'medrev-3.1', rating: 5 },
]

const TASKS = [
  { key: 'demo-task-medication-review-3', ago: 44, workflow: 'medication_review', step: 3, department: 'Pharmacy', title: 'Step 3 of medication review loses pharmacists', description: 'The share of pharmacists leaving at “suggestions reviewed” rose this week compared with last week.' },
  { key: 'demo-task-emergency-triage-2', ago: 20, workflow: 'emergency_triage', step: 2, department: 'Emergency', title: 'Triage suggestions are opened less often', description: 'Fewer triage nurses reach “suggestion viewed” after starting a triage than in the week before.' },
]

async function actors(): Promise<{ widget: Actor; people: Record<'pm' | 'pm2' | 'safety', UserActor | null> }> {
  const key = await db.apiKey.findFirst({ where: { name: 'clinical-app-widget' }, select: { id: true, name: true, prefix: true, scopes: true, environment: true } })
  const person = async (email: string): Promise<UserActor | null> => {
    const u = await db.user.findUnique({ where: { email }, select: { id: true, email: true, role: true } })
    return u ? { type: 'user', id: u.id, label: u.email, role: u.role } : null
  }
  return {
    widget: key ? actorOfApiKey({ ...key, scopes: key.scopes.filter(isApiScope) }) : systemActor('demo-widget'),
    people: { pm: await person('pm@demo.wardroom.local'), pm2: await person('pm2@demo.wardroom.local'), safety: await person('safety@demo.wardroom.local') },
  }
}

export async function seedFeedback(log: (m: string) => void = () => {}, now = new Date()): Promise<void> {
  const { widget, people } = await actors()
  const pm = people.pm ?? systemActor('demo-triage')
  let created = 0
  for (const r of REPORTS) {
    const at = new Date(now.getTime() - r.ago * HOUR)
    const { result, created: isNew } = await submitFeedback(
      widget,
      { type: r.type, description: r.text, rating: r.rating, source: 'in_app', idempotencyKey: r.key, context: { appVersion: r.app, modelVersion: r.model, role: r.role, department: r.dept, site: 'St Aldhelm’s' } },
      { now: at },
    )
    if (!isNew) continue
    created++
    if (result.duplicateOf) continue
    for (const m of r.moves ?? []) {
      const when = new Date(Math.min(at.getTime() + m.after * HOUR, now.getTime()))
      const by = m.assign === 'safety' && people.safety ? people.safety : pm
      if (m.assign && people[m.assign]) await assignFeedback(by, { id: result.id, assigneeId: people[m.assign]!.id }, { now: when })
      if (m.status) await setFeedbackStatus(by, { id: result.id, status: m.status, note: m.note }, { now: when })
    }
  }
  for (const t of TASKS) {
    const def = WorkflowDefinition.parse(WORKFLOWS.find((w) => w.key === t.workflow))
    const at = new Date(now.getTime() - t.ago * HOUR)
    const week = 7 * 24 * HOUR
    const link = insightFunnelLinks({ department: t.department, periodFrom: new Date(at.getTime() - week), periodTo: at, previousFrom: new Date(at.getTime() - 2 * week), previousTo: new Date(at.getTime() - week) }, def).current
    const { created: isNew } = await createImprovementTask(systemActor('analytics-insights'), { key: t.key, title: t.title, description: t.description, link, workflow: t.workflow, step: t.step, department: t.department }, { now: at })
    if (isNew) created++
  }
  log(`feedback: ${created} demo items`)
}
