/**
 * Feedback commands against the database: redaction before the first write, triage, idempotency,
 * duplicates merging into their parent (and safety concerns never merged), improvement tasks, status
 * changes and assignment, each audited without PHI.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfApiKey, actorOfUser, systemActor, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { ApiError } from '@/lib/errors'
import { createUser, uid } from '@/test/factories'
import { createImprovementTask, submitFeedback } from './commands'
import { makeFlag } from '@/test/flag-factories'
import { assignFeedback, linkFeedback, setFeedbackStatus } from './status'

process.env.WARDROOM_ANALYTICS_KEY = 'feedback-test-key-0123456789abcdef'

const widget = actorOfApiKey({ id: crypto.randomUUID(), name: 'widget', prefix: 'x', scopes: ['feedback:write'], environment: 'production' })
const readOnlyKey = actorOfApiKey({ id: crypto.randomUUID(), name: 'reader', prefix: 'y', scopes: ['read'], environment: 'production' })
let pm: Actor
let clinician: Actor
let viewer: Actor
let pmId: string
let clinicianId: string
beforeAll(async () => {
  const [p, c, v] = [await createUser('pm'), await createUser('clinician'), await createUser('viewer')]
  ;[pm, clinician, viewer, pmId, clinicianId] = [actorOfUser(p), actorOfUser(c), actorOfUser(v), p.id, c.id]
})

/** A nonsense word per test keeps other tests' items (same database) out of duplicate detection. */
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

describe('submitFeedback', () => {
  const PHI = ['Margaret Thornton', '48213377', '555-201-3344', 'm.thornton@example.org', 'staff-7781']

  it('stores only redacted text, counts what was removed, pseudonymises the reporter and audits without PHI', async () => {
    const w = word()
    const { result, created } = await submitFeedback(widget, {
      type: 'bug',
      description: `${w} Sepsis score wrong for Margaret Thornton MRN 48213377, daughter on 555-201-3344 or m.thornton@example.org`,
      userId: 'staff-7781',
      rating: 2,
      context: { appVersion: '4.2.1', modelVersion: 'sepsis-2.3', screen: 'Sepsis panel', role: 'Staff nurse', department: 'ICU', site: 'North' },
      flagVariants: { 'sepsis-v2': 'treatment' },
    })
    expect(created).toBe(true)
    expect(result).toMatchObject({ type: 'bug', status: 'new', category: 'accuracy', priority: 'high', safetyConcern: false, duplicateOf: null })
    const r = await row(result.id)
    const stored = JSON.stringify(r)
    for (const value of PHI) expect(stored).not.toContain(value)
    expect(r.description).toContain('[MRN]')
    expect(r.redactions).toMatchObject({ mrn: 1, phone: 1, email: 1 })
    expect(r.reporterKey).toMatch(/^r_[A-Za-z0-9_-]{22}$/)
    expect(r).toMatchObject({ rating: 2, role: 'Staff nurse', department: 'ICU', affectedDepartments: ['ICU'], flagVariants: { 'sepsis-v2': 'treatment' }, source: 'in_app' })
    expect(r.slaDueAt.getTime() - r.createdAt.getTime()).toBe(4 * 60 * 60 * 1000)
    const [audit] = await auditOf(result.id)
    expect(audit).toMatchObject({ action: 'feedback.submit', actorType: 'apikey' })
    expect(audit!.summary).toMatchObject({ number: r.number, type: 'bug', priority: 'high', redactions: { mrn: 1, phone: 1, email: 1 } })
    for (const value of PHI) expect(JSON.stringify({ ...audit, id: String(audit!.id) })).not.toContain(value)
  })

  it('gives the same reporter the same pseudonym, and a signed-in person is the reporter when no userId is sent', async () => {
    const a = await submitFeedback(widget, { type: 'praise', description: `${word()} love it`, userId: 'staff-1' })
    const b = await submitFeedback(widget, { type: 'praise', description: `${word()} great`, userId: 'staff-1' })
    const c = await submitFeedback(clinician, { type: 'praise', description: `${word()} thanks`, reporterToken: 'browser-token-0123456789' })
    const [ra, rb, rc] = [await row(a.result.id), await row(b.result.id), await row(c.result.id)]
    expect(ra.reporterKey).toBe(rb.reporterKey)
    expect(rc.reporterKey).toMatch(/^r_/)
    expect(rc.reporterKey).not.toBe(ra.reporterKey)
    expect(rc.browserKey).toMatch(/^b_/)
  })

  it('answers a retry with the first result, and refuses the key for another submission', async () => {
    const key = uid('idem')
    const body = { type: 'bug', description: `${word()} the bed board does not refresh`, idempotencyKey: key }
    const first = await submitFeedback(widget, body)
    const retry = await submitFeedback(widget, body)
    expect(first.created).toBe(true)
    expect(retry).toEqual({ result: first.result, created: false })
    expect(await db.feedbackItem.count({ where: { idempotencyKey: key } })).toBe(1)
    expect((await refusal(submitFeedback(widget, { ...body, description: 'something else entirely' }))).status).toBe(409)
    // The key is unique per source: an e-mail with the same key is another submission.
    expect((await submitFeedback(widget, { ...body, source: 'email' })).created).toBe(true)
  })

  it('stays one item when retries arrive at the same moment, and one parent when copies do', async () => {
    const key = uid('race')
    const body = { type: 'bug', description: `${word()} the sepsis panel freezes after an update`, idempotencyKey: key }
    const answers = await Promise.all([submitFeedback(widget, body), submitFeedback(widget, body), submitFeedback(widget, body)])
    expect(answers.filter((a) => a.created)).toHaveLength(1)
    expect(new Set(answers.map((a) => a.result.id)).size).toBe(1)
    const w = word()
    const copies = await Promise.all([1, 2, 3].map(() => submitFeedback(widget, { type: 'bug', description: `${w} the bed board freezes on the night shift` })))
    const parents = copies.filter((c) => c.result.duplicateOf === null)
    expect(parents).toHaveLength(1)
    expect((await row(parents[0]!.result.id)).duplicateCount).toBe(2)
  })

  it('validates before anything else and checks the permission or scope', async () => {
    expect((await refusal(submitFeedback(widget, { type: 'complaint', description: '' }))).status).toBe(422)
    expect((await refusal(submitFeedback(widget, { type: 'bug', description: 'x', rating: 6 }))).fields).toHaveProperty('rating')
    expect((await refusal(submitFeedback(widget, { type: 'bug', description: 'x', source: 'user_analytics' }))).status).toBe(422)
    expect((await refusal(submitFeedback(readOnlyKey, { type: 'bug', description: 'x' }))).status).toBe(403)
    expect((await refusal(submitFeedback(viewer, { type: 'bug', description: 'x' }))).status).toBe(403)
  })
})

describe('duplicates', () => {
  it('merge into the parent: counted, departments kept, the parent raised to the most urgent priority', async () => {
    const w = word()
    const parent = await submitFeedback(widget, { type: 'bug', description: `${w} medication reconciliation screen times out for long lists`, context: { department: 'ICU' } })
    expect(parent.result.priority).toBe('medium')
    const dup = await submitFeedback(widget, { type: 'bug', description: `${w} medication reconciliation screen times out with long medication lists`, context: { department: 'ED' } })
    expect(dup.result).toMatchObject({ duplicateOf: parent.result.id, status: 'triaged' })
    const blocking = await submitFeedback(widget, { type: 'bug', description: `${w} medication reconciliation screen times out, stuck, cannot save`, context: { department: 'ED' } })
    expect(blocking.result).toMatchObject({ duplicateOf: parent.result.id, priority: 'high' })
    const p = await row(parent.result.id)
    expect(p).toMatchObject({ duplicateCount: 2, affectedDepartments: ['ED', 'ICU'], priority: 'high' })
    expect(p.priorityReason).toMatch(/raised by duplicate FB-\d+/)
    expect(p.slaDueAt.getTime()).toBe(new Date(blocking.result.slaDueAt).getTime())
    const d = await row(dup.result.id)
    expect(d.similarity).toBeGreaterThan(0.375)
    expect(d.triagedAt).not.toBeNull()
    const [audit] = await auditOf(dup.result.id)
    expect(audit!.summary).toMatchObject({ duplicateOf: p.number })
  })

  it('never merge a clinical safety concern: it stays its own item, critical, with the similar item as a hint', async () => {
    const w = word()
    const bug = await submitFeedback(widget, { type: 'bug', description: `${w} insulin dose suggestion shows units per hour on the infusion screen` })
    const typed = await submitFeedback(widget, { type: 'clinical_safety', description: `${w} insulin dose suggestion shows units per hour on the infusion screen` })
    const read = await submitFeedback(widget, { type: 'bug', description: `${w} insulin dose suggestion was the wrong dose on the infusion screen` })
    for (const s of [typed, read]) {
      expect(s.result).toMatchObject({ safetyConcern: true, priority: 'critical', duplicateOf: null, status: 'new' })
      expect((await row(s.result.id)).similarToId).toBe(bug.result.id)
      expect(new Date(s.result.slaDueAt).getTime()).toBe((await row(s.result.id)).createdAt.getTime())
    }
    expect((await row(read.result.id)).safetyCue).toBe('wrong patient, drug, dose or site')
    expect((await row(bug.result.id)).duplicateCount).toBe(0)
    // Nor does anything merge into a safety concern.
    const after = await submitFeedback(widget, { type: 'clinical_safety', description: `${w} insulin dose suggestion shows units per hour on the infusion screen!` })
    expect(after.result.duplicateOf).toBeNull()
  })
})

describe('createImprovementTask', () => {
  const task = (key: string) => ({
    key,
    title: 'Drop-off at step 3 of medication reconciliation',
    description: '31% of users stop at "confirm home medications" in ICU, up from 18%',
    link: '/analytics/funnels/med-rec?step=3',
    workflow: 'med-rec',
    step: 3,
    department: 'ICU',
  })

  it('creates an optimization item from analytics with its link back, once per key', async () => {
    const key = uid('insight')
    const first = await createImprovementTask(systemActor('analytics-insights'), task(key))
    expect(first.created).toBe(true)
    expect(first.result).toMatchObject({ type: 'optimization', priority: 'medium', category: 'workflow', status: 'new' })
    expect(await row(first.result.id)).toMatchObject({ source: 'user_analytics', link: '/analytics/funnels/med-rec?step=3', workflowKey: 'med-rec', workflowStep: 3, department: 'ICU', idempotencyKey: key })
    expect(await createImprovementTask(pm, task(key))).toEqual({ result: first.result, created: false })
    expect((await auditOf(first.result.id)).map((a) => a.action)).toEqual(['feedback.improvement_task'])
  })

  it('is for analytics managers and the system only, and takes only safe links', async () => {
    expect((await refusal(createImprovementTask(clinician, task(uid('i'))))).status).toBe(403)
    expect((await refusal(createImprovementTask(widget, task(uid('i'))))).status).toBe(403)
    expect((await refusal(createImprovementTask(pm, { ...task(uid('i')), link: 'javascript:alert(1)' }))).fields).toHaveProperty('link')
  })
})

describe('status and assignment', () => {
  it('needs a note to close, stores it redacted, records when it was triaged, and audits each move', async () => {
    const { result } = await submitFeedback(widget, { type: 'suggestion', description: `${word()} add a dark mode for nights` })
    expect((await refusal(setFeedbackStatus(pm, { id: result.id, status: 'done' }))).fields).toHaveProperty('note')
    expect(await setFeedbackStatus(pm, { id: result.id, status: 'planned' })).toEqual({ status: 'planned', changed: true })
    const triagedAt = (await row(result.id)).triagedAt
    expect(triagedAt).not.toBeNull()
    expect(await setFeedbackStatus(pm, { id: result.id, status: 'planned' })).toEqual({ status: 'planned', changed: false })
    await setFeedbackStatus(pm, { id: result.id, status: 'done', note: 'Shipped in 4.3; thanks to Margaret Thornton for testing' })
    const done = await row(result.id)
    expect(done).toMatchObject({ status: 'done', triagedAt })
    expect(done.closedAt).not.toBeNull()
    expect(done.closingNote).not.toContain('Thornton')
    await setFeedbackStatus(pm, { id: result.id, status: 'in_progress' })
    expect(await row(result.id)).toMatchObject({ status: 'in_progress', closedAt: null })
    const audits = (await auditOf(result.id)).filter((a) => a.action === 'feedback.status')
    expect(audits.map((a) => a.summary)).toEqual([
      { number: done.number, status: { from: 'new', to: 'planned' }, triaged: true },
      { number: done.number, status: { from: 'planned', to: 'done' }, noteGiven: true, noteRedactions: { name: 1 } },
      { number: done.number, status: { from: 'done', to: 'in_progress' } },
    ])
  })

  it('assigns to someone who may triage, unassigns, and refuses others', async () => {
    const { result } = await submitFeedback(widget, { type: 'bug', description: `${word()} the handover list prints without the last column` })
    expect((await refusal(setFeedbackStatus(clinician, { id: result.id, status: 'triaged' }))).status).toBe(403)
    expect((await refusal(assignFeedback(pm, { id: result.id, assigneeId: clinicianId }))).fields).toHaveProperty('assigneeId')
    expect((await refusal(assignFeedback(pm, { id: crypto.randomUUID(), assigneeId: null }))).status).toBe(404)
    expect(await assignFeedback(pm, { id: result.id, assigneeId: pmId })).toEqual({ changed: true })
    expect((await row(result.id)).assigneeId).toBe(pmId)
    expect(await assignFeedback(pm, { id: result.id, assigneeId: null })).toEqual({ changed: true })
    const audits = (await auditOf(result.id)).filter((a) => a.action === 'feedback.assign')
    expect(audits.map((a) => a.summary)).toEqual([
      { number: (await row(result.id)).number, assignee: { from: null, to: pmId } },
      { number: (await row(result.id)).number, assignee: { from: pmId, to: null } },
    ])
  })

  it('links to an existing incident and flag, removes a link, and audits the change', async () => {
    const { result } = await submitFeedback(widget, { type: 'bug', description: `${word()} the sepsis banner flickers` })
    const incident = await db.incident.create({ data: { title: uid('Sepsis banner'), severity: 'medium', dedupKey: uid('dk') } })
    const flag = await makeFlag()
    expect((await refusal(linkFeedback(pm, { id: result.id, incidentId: crypto.randomUUID() }))).fields).toHaveProperty('incidentId')
    expect((await refusal(linkFeedback(pm, { id: result.id, flagKey: 'no-such-flag-here' }))).fields).toHaveProperty('flagKey')
    expect((await refusal(linkFeedback(clinician, { id: result.id, flagKey: flag.key }))).status).toBe(403)
    expect(await linkFeedback(pm, { id: result.id, incidentId: incident.id, flagKey: flag.key })).toEqual({ changed: true })
    expect(await linkFeedback(pm, { id: result.id, flagKey: flag.key })).toEqual({ changed: false })
    expect(await linkFeedback(pm, { id: result.id, flagKey: null })).toEqual({ changed: true })
    expect(await row(result.id)).toMatchObject({ incidentId: incident.id, flagKey: null })
    const audits = (await auditOf(result.id)).filter((a) => a.action === 'feedback.link')
    expect(audits.map((a) => a.summary)).toEqual([
      { number: result.number, incident: { from: null, to: incident.id }, flag: { from: null, to: flag.key } },
      { number: result.number, flag: { from: flag.key, to: null } },
    ])
  })
})
