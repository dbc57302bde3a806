/**
 * The triage side against the database: manual merge (audited, safety only with a note), the safety lane
 * (incident opened without PHI, safety officers' message queued, retried by the job when it fails), the
 * feedback-sla job (a breach batch → one escalation, idempotent), and saved inbox filters.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfApiKey, actorOfUser, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { ApiError } from '@/lib/errors'
import { runJob } from '@/lib/jobs/runner'
import { createUser, uid } from '@/test/factories'
import { submitFeedback } from './commands'
import { listInbox } from './inbox-queries'
import { parseInboxFilter } from './inbox-filter'
import { mergeFeedback } from './merge'
import { raiseSafetyIncident, safetyIncidentKey } from './safety-lane'
import { deleteInboxFilter, saveInboxFilter } from './saved-filters'
import { escalateBreaches, SLA_INCIDENT_KEY } from './sla-escalation'
import { setFeedbackStatus } from './status'

process.env.WARDROOM_ANALYTICS_KEY = 'feedback-test-key-0123456789abcdef'

const widget = actorOfApiKey({ id: crypto.randomUUID(), name: 'widget', prefix: 'x', scopes: ['feedback:write'], environment: 'production' })
let pm: Actor
let viewer: Actor
let officerEmail: string
beforeAll(async () => {
  pm = actorOfUser(await createUser('pm'))
  viewer = actorOfUser(await createUser('viewer'))
  officerEmail = (await createUser('safety_officer')).email
  // An enabled e-mail channel, so the safety officers' message has a way out.
  await db.notificationChannel.upsert({
    where: { name: 'triage-test e-mail' },
    create: { name: 'triage-test e-mail', type: 'email', enabled: true, minSeverity: 'low', config: { host: 'smtp.example.test', port: 25, secure: false, from: 'w@example.test', to: ['ops@example.test'] } },
    update: { enabled: true },
  })
})

const word = () => `zq${uid('').replace(/[^a-z0-9]/g, '')}`
const row = (id: string) => db.feedbackItem.findUniqueOrThrow({ where: { id } })
const auditOf = (targetId: string) => db.auditLog.findMany({ where: { targetType: 'feedback', targetId }, orderBy: { id: 'asc' } })
async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ApiError)
  return err as ApiError
}
const submit = (description: string, extra: Record<string, unknown> = {}) => submitFeedback(widget, { type: 'bug', description, ...extra }).then((s) => s.result)

describe('mergeFeedback', () => {
  it('folds an item and its duplicates into another, triaging it, raising the target, audited on both', async () => {
    const [a, b] = [word(), word()]
    const target = await submit(`${a} minor typo on the discharge letter footer`, { context: { department: 'Surgery' } })
    const item = await submit(`${b} the sepsis score crashed and we cannot log in`, { context: { department: 'ICU' } })
    const dup = await submit(`${b} the sepsis score crashed and we cannot log in`, { context: { department: 'Oncology' } })
    expect(dup.duplicateOf).toBe(item.id)
    await mergeFeedback(pm, { id: item.id, into: `FB-${target.number}` })
    const [t, i, d] = await Promise.all([row(target.id), row(item.id), row(dup.id)])
    expect(i).toMatchObject({ parentId: target.id, status: 'triaged', duplicateCount: 0 })
    expect(i.triagedAt).not.toBeNull()
    expect(d.parentId).toBe(target.id)
    expect(t).toMatchObject({ duplicateCount: 2, affectedDepartments: ['ICU', 'Oncology', 'Surgery'], priority: 'high' })
    expect(t.priorityReason).toContain(`raised by merging FB-${item.number}`)
    expect((await auditOf(item.id)).at(-1)).toMatchObject({ action: 'feedback.merge', summary: { number: item.number, into: target.number, movedDuplicates: 1, triaged: true } })
    expect((await auditOf(target.id)).at(-1)).toMatchObject({ action: 'feedback.merged_into', summary: { from: item.number, duplicates: 2 } })
  })

  it('refuses itself, a duplicate as target, unknown items and readers', async () => {
    const a = await submit(`${word()} the ward list is slow to load`)
    const b = await submit(`${word()} alerts page layout broken`)
    expect((await refusal(mergeFeedback(pm, { id: a.id, into: String(a.number) }))).status).toBe(422)
    expect((await refusal(mergeFeedback(pm, { id: a.id, into: 'FB-999999999' }))).status).toBe(422)
    expect((await refusal(mergeFeedback(viewer, { id: a.id, into: String(b.number) }))).status).toBe(403)
    await mergeFeedback(pm, { id: b.id, into: String(a.number) })
    const c = await submit(`${word()} printing fails`)
    expect((await refusal(mergeFeedback(pm, { id: c.id, into: String(b.number) }))).message).toContain('itself a duplicate')
  })

  it('merges a safety concern only with a note, and it stays a safety concern with its incident', async () => {
    const w = word()
    const concern = await submitFeedback(widget, { type: 'clinical_safety', description: `${w} the dose suggested was ten times too high` }).then((s) => s.result)
    const other = await submit(`${word()} dose screen confusing`)
    const e = await refusal(mergeFeedback(pm, { id: concern.id, into: String(other.number) }))
    expect(e.fields).toHaveProperty('note')
    await mergeFeedback(pm, { id: concern.id, into: String(other.number), note: 'Same event, reported twice by the same ward' })
    const r = await row(concern.id)
    expect(r).toMatchObject({ safetyConcern: true, parentId: other.id })
    expect(r.incidentId).not.toBeNull()
    expect((await auditOf(concern.id)).at(-1)).toMatchObject({ action: 'feedback.merge', summary: { safetyConcern: true, noteGiven: true } })
  })
})

describe('the safety lane', () => {
  it('opens an incident on arrival without PHI and queues the safety officers’ e-mail', async () => {
    const w = word()
    const { result } = await submitFeedback(widget, {
      type: 'bug',
      description: `${w} Wrong patient: Margaret Thornton MRN 48213377 got the allergy alert of another`,
      context: { department: 'Cardiology' },
    })
    expect(result.safetyConcern).toBe(true)
    const item = await row(result.id)
    expect(item.incidentId).not.toBeNull()
    expect(item.safetyIncidentAt).not.toBeNull()
    const incident = await db.incident.findUniqueOrThrow({ where: { id: item.incidentId! } })
    expect(incident).toMatchObject({ severity: 'high', dedupKey: safetyIncidentKey(item.id) })
    expect(incident.title).toContain(`FB-${item.number}`)
    expect(incident.title).toContain('department Cardiology')
    for (const phi of ['Margaret', 'Thornton', '48213377', w]) expect(JSON.stringify(incident)).not.toContain(phi)
    const outbox = await db.notificationOutbox.findMany({ where: { incidentId: incident.id, idempotencyKey: { contains: 'safety-officers' } } })
    expect(outbox.length).toBeGreaterThan(0)
    const payload = outbox[0]!.payload as { recipients: string[]; summary: string }
    expect(payload.recipients).toContain(officerEmail)
    expect(payload.summary).not.toContain('Thornton')
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['feedback.submit', 'feedback.safety_incident'])
  })

  it('opens a critical incident for a clinician’s own safety report, once, however often it is tried', async () => {
    const { result } = await submitFeedback(widget, { type: 'clinical_safety', description: `${word()} the sepsis alert did not fire` })
    const item = await row(result.id)
    expect((await db.incident.findUniqueOrThrow({ where: { id: item.incidentId! } })).severity).toBe('critical')
    expect(await raiseSafetyIncident(item.id)).toBeNull()
    expect(await db.incident.count({ where: { dedupKey: safetyIncidentKey(item.id) } })).toBe(1)
  })

  it('keeps an item pending when the incident cannot be opened, and the job opens it', async () => {
    const { result } = await submitFeedback(widget, { type: 'clinical_safety', description: `${word()} near miss with the insulin dose` })
    // Arrival did it already; undo that to stand for an arrival whose incident failed.
    await db.feedbackItem.update({ where: { id: result.id }, data: { incidentId: null, safetyIncidentAt: null } })
    await db.incident.updateMany({ where: { dedupKey: safetyIncidentKey(result.id) }, data: { status: 'resolved', resolvedAt: new Date() } })
    const failing = async () => {
      throw new Error('database went away')
    }
    await expect(raiseSafetyIncident(result.id, { ingest: failing })).rejects.toThrow('database went away')
    expect((await row(result.id)).safetyIncidentAt).toBeNull()
    const run = await runJob('feedback-sla', 'manual')
    expect(run.status).toBe('ok')
    const item = await row(result.id)
    expect(item.safetyIncidentAt).not.toBeNull()
    expect(await db.incident.count({ where: { dedupKey: safetyIncidentKey(result.id), status: { not: 'resolved' } } })).toBe(1)
  })
})

describe('SLA escalation (feedback-sla)', () => {
  it('escalates a batch of late items as one alert, once', async () => {
    const now = new Date()
    const texts = ['the observations chart freezes after midnight', 'handover notes print in a tiny font', 'the pharmacy fridge log export misses the weekend']
    const items: Awaited<ReturnType<typeof submit>>[] = []
    for (const t of texts) items.push(await submit(`${word()} ${t}`))
    await db.feedbackItem.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { slaDueAt: new Date(now.getTime() - 60_000) } })
    // Not late: triaged already.
    await setFeedbackStatus(pm, { id: items[2]!.id, status: 'triaged' })
    const first = await escalateBreaches(now)
    expect(first.incidentId).not.toBeNull()
    const rows = await Promise.all(items.map((i) => row(i.id)))
    expect(rows.map((r) => r.slaEscalatedAt !== null)).toEqual([true, true, false])
    const incident = await db.incident.findUniqueOrThrow({ where: { id: first.incidentId! } })
    expect(incident.dedupKey).toBe(SLA_INCIDENT_KEY)
    expect(incident.status).not.toBe('resolved')
    const audit = await db.auditLog.findFirst({ where: { action: 'feedback.sla_escalated', targetId: first.incidentId }, orderBy: { id: 'desc' } })
    expect((audit?.summary as { items: number[] }).items).toEqual(expect.arrayContaining([items[0]!.number, items[1]!.number]))
    // Again at the same moment: nothing new to escalate, no second incident.
    const second = await escalateBreaches(now)
    expect(second.escalated).toBe(0)
    expect(await db.incident.count({ where: { dedupKey: SLA_INCIDENT_KEY, status: { not: 'resolved' } } })).toBe(1)
  })

  it('runs as a registered job', async () => {
    const run = await runJob('feedback-sla', 'manual')
    expect(run.status).toBe('ok')
    expect(run.result).toMatchObject({ escalated: expect.any(Number) })
  })
})

describe('the inbox and saved filters', () => {
  it('lists top-level items by filter, newest first, with keyset paging', async () => {
    const dept = `Dept-${word()}`
    const a = await submit(`${word()} one`, { context: { department: dept } })
    const b = await submit(`${word()} two`, { context: { department: dept } })
    const page = await listInbox(pm, parseInboxFilter({ department: dept }))
    expect(page.items.map((i) => i.number)).toEqual([b.number, a.number])
    const older = await listInbox(pm, parseInboxFilter({ department: dept, cursor: String(b.number) }))
    expect(older.items.map((i) => i.number)).toEqual([a.number])
  })

  it('saves a filter per person, normalised and audited, and deletes it', async () => {
    const saved = await saveInboxFilter(pm, { name: 'Late safety', query: 'safety=yes&status=open&nope=1' })
    expect(saved.query).toBe('safety=yes')
    const again = await saveInboxFilter(pm, { name: 'Late safety', query: 'priority=high' })
    expect(again.id).toBe(saved.id)
    expect((await refusal(deleteInboxFilter(viewer, { id: saved.id }))).status).toBe(404)
    await deleteInboxFilter(pm, { id: saved.id })
    expect(await db.feedbackSavedFilter.count({ where: { id: saved.id } })).toBe(0)
    expect(await db.auditLog.count({ where: { targetType: 'feedback_filter', targetId: saved.id } })).toBe(3)
  })
})
