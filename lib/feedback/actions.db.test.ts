/** The triage pages' server actions: refused when they must be, bulk moves audited per item, links by INC-number. */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { actorOfApiKey } from '@/lib/auth/actor'
import type { SessionUser } from '@/lib/auth/session'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { bulkFeedbackAction, linkFeedbackAction, mergeFeedbackAction, setFeedbackStatusAction } from './actions'
import { submitFeedback } from './commands'

vi.mock('next/cache', () => ({ revalidatePath: () => {} }))
process.env.WARDROOM_ANALYTICS_KEY ??= 'feedback-test-key-0123456789abcdef'

const widget = actorOfApiKey({ id: crypto.randomUUID(), name: 'widget', prefix: 'x', scopes: ['feedback:write'], environment: 'production' })
const word = () => `zq${uid('').replace(/[^a-z0-9]/g, '')}`
const submit = async (text: string) => (await submitFeedback(widget, { type: 'suggestion', description: `${word()} ${text}` })).result

let pm: SessionUser
let viewer: SessionUser
beforeAll(async () => {
  ;[pm, viewer] = [await createUser('pm'), await createUser('viewer')]
})
beforeEach(() => signOut())

describe('feedback triage actions', () => {
  it('refuse signed-out people (401) and readers (403), and ask for a note when closing (422)', async () => {
    const item = await submit('colour code the isolation rooms')
    expect((await setFeedbackStatusAction({ id: item.id, status: 'triaged' })).status).toBe(401)
    signInAs(viewer)
    expect((await setFeedbackStatusAction({ id: item.id, status: 'triaged' })).status).toBe(403)
    signInAs(pm)
    const closing = await setFeedbackStatusAction({ id: item.id, status: 'wont_do' })
    expect(closing).toMatchObject({ ok: false, status: 422 })
    expect(closing.fieldErrors).toHaveProperty('note')
    expect(await setFeedbackStatusAction({ id: item.id, status: 'wont_do', note: 'Out of scope for this release' })).toMatchObject({ ok: true, message: 'Status set to won’t do.' })
  })

  it('moves a selection one item at a time, each audited', async () => {
    signInAs(pm)
    const items = [await submit('sort the ward list by bed number'), await submit('bigger font on the night view')]
    const r = await bulkFeedbackAction({ kind: 'status', ids: items.map((i) => i.id), status: 'planned' })
    expect(r).toMatchObject({ ok: true, message: '2 of 2 items set to planned.' })
    for (const i of items) expect(await db.auditLog.count({ where: { targetId: i.id, action: 'feedback.status' } })).toBe(1)
    expect((await bulkFeedbackAction({ kind: 'assign', ids: [], assigneeId: pm.id })).status).toBe(422)
    expect(await bulkFeedbackAction({ kind: 'assign', ids: items.map((i) => i.id), assigneeId: pm.id })).toMatchObject({ ok: true, message: '2 of 2 items assigned.' })
  })

  it('links an incident by its number and refuses an unknown one; merges by FB-number', async () => {
    signInAs(pm)
    const item = await submit('the timeline should show the shift handover')
    // A safety concern opens an incident (the safety lane): link the suggestion to it.
    const concern = (await submitFeedback(widget, { type: 'clinical_safety', description: `${word()} wrong dose suggested` })).result
    const incidentId = (await db.feedbackItem.findUniqueOrThrow({ where: { id: concern.id } })).incidentId!
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { id: true, number: true } })
    expect(await linkFeedbackAction({ id: item.id, incident: `INC-${incident.number}` })).toMatchObject({ ok: true, message: 'Links saved.' })
    expect((await db.feedbackItem.findUniqueOrThrow({ where: { id: item.id } })).incidentId).toBe(incident.id)
    expect(await linkFeedbackAction({ id: item.id, incident: 'INC-999999999' })).toMatchObject({ ok: false, status: 422 })
    expect(await linkFeedbackAction({ id: item.id, incident: '-' })).toMatchObject({ ok: true })
    const other = await submit('an export of the triage queue to the printer')
    expect(await mergeFeedbackAction({ id: other.id, into: `FB-${item.number}` })).toMatchObject({ ok: true, message: `FB-${other.number} was merged into FB-${item.number}.` })
  })
})
