/**
 * The incident commands: each writes the change, its timeline entry and its audit row together. Input
 * validation happens at the boundary (the actions), so those refusals are checked through the actions.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { actorOfUser, systemActor, type Actor } from '@/lib/auth/actor'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { signInAs } from '@/test/session-state'
import { addIncidentNoteAction, assignIncidentAction, changeSeverityAction, setIncidentStatusAction } from './actions'
import { ingestAlert } from './ingest'
import {
  acknowledgeIncident,
  addIncidentNote,
  assignIncident,
  changeSeverity,
  resolveIncident,
  savePostmortem,
  setIncidentStatus,
} from './commands'

// revalidatePath needs a Next request; outside one it throws.
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

let actor: Actor
let user: SessionUser
let userId: string
let channelId: string
let policyId: string

beforeAll(async () => {
  user = await createUser('ops')
  userId = user.id
  actor = actorOfUser(user)
  channelId = (await db.notificationChannel.create({ data: { name: uid('console'), type: 'console', minSeverity: 'info', config: {} } })).id
  policyId = (
    await db.escalationPolicy.create({
      data: { name: uid('policy'), severityDelays: { critical: 0, high: 5, medium: 15 }, levels: [{ delayMinutes: 0, targets: [{ type: 'user', id: user.id }] }] },
    })
  ).id
})

async function openIncident(severity: 'critical' | 'high' | 'medium' | 'low' = 'medium', dedupKey = uid('life')) {
  const svc = await db.service.create({ data: { key: uid('svc'), name: 'Svc', workflows: ['diagnosis'], escalationPolicyId: policyId } })
  const r = await ingestAlert(
    systemActor('key:test'),
    { source: 'api', severity, system: 'test', message: 'Queue depth high', occurredAt: new Date(), dedupKey, serviceKey: svc.key },
  )
  return r.incidentId
}

const eventsOf = (incidentId: string, type: string) => db.incidentEvent.findMany({ where: { incidentId, type }, orderBy: { id: 'asc' } })
const auditOf = (incidentId: string, action: string) => db.auditLog.findMany({ where: { targetId: incidentId, action } })
const outboxOf = (incidentId: string, kind: string) => db.notificationOutbox.count({ where: { incidentId, kind, channelId } })

describe('acknowledgeIncident', () => {
  it('acknowledges, stops escalation, notifies, writes timeline and audit; a second call changes nothing', async () => {
    const id = await openIncident('high')
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).nextEscalationAt).not.toBeNull()
    const inc = await acknowledgeIncident(actor, id)
    expect(inc).toMatchObject({ status: 'acknowledged', nextEscalationAt: null })
    expect(inc.acknowledgedAt).toBeInstanceOf(Date)
    const events = await eventsOf(id, 'status')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ actorLabel: actor.label, data: { from: 'triggered', to: 'acknowledged' } })
    expect(await auditOf(id, 'incident.acknowledge')).toHaveLength(1)
    expect(await outboxOf(id, 'acknowledge')).toBe(1)

    const again = await acknowledgeIncident(actor, id)
    expect(again.acknowledgedAt).toEqual(inc.acknowledgedAt)
    expect(await eventsOf(id, 'status')).toHaveLength(1)
  })

  it('refuses a resolved incident (409) and an unknown id (404)', async () => {
    const id = await openIncident()
    await resolveIncident(actor, id)
    await expect(acknowledgeIncident(actor, id)).rejects.toMatchObject({ status: 409 })
    await expect(acknowledgeIncident(actor, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 })
    await expect(acknowledgeIncident(actor, 'not-a-uuid')).rejects.toMatchObject({ status: 404 })
  })
})

describe('setIncidentStatus', () => {
  it('moves triggered → investigating (an acknowledgement) → acknowledged, with notes, and refuses going back to triggered', async () => {
    const id = await openIncident()
    const inv = await setIncidentStatus(actor, id, 'investigating', 'Looking at MRN 00482913 logs')
    expect(inv).toMatchObject({ status: 'investigating', nextEscalationAt: null })
    expect(inv.acknowledgedAt).toBeInstanceOf(Date)
    const back = await setIncidentStatus(actor, id, 'acknowledged')
    expect(back.status).toBe('acknowledged')
    await expect(setIncidentStatus(actor, id, 'triggered')).rejects.toMatchObject({ status: 409 })
    const events = await eventsOf(id, 'status')
    expect(events.map((e) => e.data)).toEqual([
      { from: 'triggered', to: 'investigating', note: 'Looking at [MRN] logs' },
      { from: 'investigating', to: 'acknowledged' },
    ])
    expect(await auditOf(id, 'incident.acknowledge')).toHaveLength(1)
    expect(await auditOf(id, 'incident.status')).toHaveLength(1)
    expect(await outboxOf(id, 'acknowledge')).toBe(1)
  })

  it('reopens a resolved incident (escalation re-armed), unless another incident holds its key', async () => {
    const key = uid('reopen')
    const id = await openIncident('critical', key)
    await resolveIncident(actor, id, 'false alarm')
    const reopened = await setIncidentStatus(actor, id, 'triggered')
    expect(reopened).toMatchObject({ status: 'triggered', resolvedAt: null, acknowledgedAt: null, escalationLevel: 0 })
    expect(reopened.nextEscalationAt).toBeInstanceOf(Date)
    expect((await eventsOf(id, 'status')).at(-1)!.data).toMatchObject({ from: 'resolved', to: 'triggered', reopened: true })
    expect(await auditOf(id, 'incident.reopen')).toHaveLength(1)
    // The reopened incident notifies again (its reopen count is part of the idempotency key).
    expect(reopened.reopenCount).toBe(1)
    expect(await outboxOf(id, 'trigger')).toBe(2)

    await resolveIncident(actor, id)
    const newer = await openIncident('critical', key)
    expect(newer).not.toBe(id)
    await expect(setIncidentStatus(actor, id, 'triggered')).rejects.toMatchObject({ status: 409 })
  })

  it('validates the status', async () => {
    const id = await openIncident()
    signInAs(user)
    expect(await setIncidentStatusAction({ incidentId: id, status: 'closed' })).toMatchObject({ ok: false, status: 422 })
  })
})

describe('resolveIncident', () => {
  it('resolves with its alerts, notifies, and records the reason redacted', async () => {
    const id = await openIncident()
    const inc = await resolveIncident(actor, id, 'Restarted; call 555-123-4567 for details')
    expect(inc).toMatchObject({ status: 'resolved', openAlertCount: 0, nextEscalationAt: null })
    expect(await db.alert.count({ where: { incidentId: id, status: 'firing' } })).toBe(0)
    // The escalation clock it stopped is kept on the entry, for an undo (resolve-undo.db.test.ts).
    const before = await db.incident.findUniqueOrThrow({ where: { id }, select: { triggeredAt: true } })
    expect((await eventsOf(id, 'status'))[0]!.data).toEqual({
      from: 'triggered',
      to: 'resolved',
      reason: 'Restarted; call [PHONE] for details',
      nextEscalationAt: new Date(before.triggeredAt.getTime() + 15 * 60_000).toISOString(),
    })
    expect(await auditOf(id, 'incident.resolve')).toHaveLength(1)
    expect(await outboxOf(id, 'resolve')).toBe(1)
    // Resolving again is a no-op.
    await resolveIncident(actor, id)
    expect(await eventsOf(id, 'status')).toHaveLength(1)
  })
})

describe('assignIncident', () => {
  it('assigns and unassigns, refusing unknown users', async () => {
    const id = await openIncident()
    const other = await createUser('ops')
    expect((await assignIncident(actor, id, other.id)).assigneeId).toBe(other.id)
    expect((await assignIncident(actor, id, null)).assigneeId).toBeNull()
    await expect(assignIncident(actor, id, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 422 })
    signInAs(user)
    expect(await assignIncidentAction({ incidentId: id, assigneeId: 'nobody' })).toMatchObject({ ok: false, status: 422 })
    const events = await eventsOf(id, 'assignment')
    expect(events.map((e) => e.data)).toEqual([
      { from: null, to: other.id, toName: other.name },
      { from: other.id, to: null, toName: null },
    ])
    expect(await auditOf(id, 'incident.assign')).toHaveLength(2)
  })
})

describe('changeSeverity', () => {
  it('needs a reason, and moves the first page with the new severity', async () => {
    const id = await openIncident('medium')
    const before = await db.incident.findUniqueOrThrow({ where: { id } })
    signInAs(user)
    expect(await changeSeverityAction({ incidentId: id, severity: 'critical', reason: '' })).toMatchObject({ ok: false, status: 422 })
    const inc = await changeSeverity(actor, id, 'critical', 'Affects all ED arrivals')
    expect(inc.severity).toBe('critical')
    // medium pages after 15 min, critical at once: from the same opening time.
    expect(inc.nextEscalationAt!.getTime()).toBe(before.triggeredAt.getTime())
    expect((await eventsOf(id, 'severity'))[0]!.data).toEqual({ from: 'medium', to: 'critical', reason: 'Affects all ED arrivals' })
    const audit = await auditOf(id, 'incident.severity')
    expect(audit[0]!.summary).toMatchObject({ from: 'medium', to: 'critical' })
    expect(JSON.stringify(audit[0]!.summary)).not.toContain('ED arrivals')
  })
})

describe('addIncidentNote', () => {
  it('adds a redacted note; the audit keeps only its length', async () => {
    const id = await openIncident()
    const event = await addIncidentNote(actor, id, 'Patient: John Smith saw a stale score')
    expect(event).toMatchObject({ type: 'note', actorLabel: actor.label, data: { text: 'Patient: [NAME] saw a stale score' } })
    const audit = await auditOf(id, 'incident.note')
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]!.summary)).not.toContain('stale')
    signInAs(user)
    expect(await addIncidentNoteAction({ incidentId: id, text: '   ' })).toMatchObject({ ok: false, status: 422 })
  })
})

describe('savePostmortem', () => {
  it('creates, then updates, the postmortem with owned actions; unknown owners are refused', async () => {
    const id = await openIncident()
    const pm = await savePostmortem(actor, id, {
      summary: 'Queue stalled',
      rootCause: 'Disk full on worker 3',
      impact: 'Reports delayed 40 min; MRN 00482913 among them',
      actions: [{ text: 'Alert on disk at 80%', ownerId: userId, dueDate: '2026-12-31', done: false }],
    })
    expect(pm.impact).toBe('Reports delayed 40 min; [MRN] among them')
    const actions = pm.actions as { id: string; text: string; ownerId: string; dueDate: string; done: boolean }[]
    expect(actions[0]).toMatchObject({ text: 'Alert on disk at 80%', ownerId: userId, dueDate: '2026-12-31', done: false })
    expect(actions[0]!.id).toBeTruthy()

    await savePostmortem(actor, id, { summary: 'Queue stalled', rootCause: 'Disk full on worker 3 (log rotation off)', impact: pm.impact, actions: [{ ...actions[0]!, done: true }] })
    const events = await eventsOf(id, 'postmortem')
    expect(events.map((e) => e.data)).toEqual([
      { created: true, fields: ['summary', 'rootCause', 'impact', 'actions'] },
      { created: false, fields: ['rootCause', 'actions'] },
    ])
    expect(await auditOf(id, 'incident.postmortem')).toHaveLength(2)
    await expect(
      savePostmortem(actor, id, { summary: '', rootCause: '', impact: '', actions: [{ text: 'x', ownerId: '00000000-0000-4000-8000-000000000000', done: false }] }),
    ).rejects.toMatchObject({ status: 422 })
  })
})

describe('muted incidents', () => {
  it('acknowledge and resolve without notifications', async () => {
    const svc = await db.service.create({ data: { key: uid('svc'), name: 'Svc', workflows: [] } })
    await db.maintenanceWindow.create({ data: { serviceId: svc.id, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 60_000) } })
    const { incidentId } = await ingestAlert(
      actor,
      { source: 'api', severity: 'critical', system: 't', message: 'm', occurredAt: new Date(), dedupKey: uid('m'), serviceKey: svc.key },
    )
    await acknowledgeIncident(actor, incidentId)
    await resolveIncident(actor, incidentId)
    expect(await db.notificationOutbox.count({ where: { incidentId } })).toBe(0)
    expect(await eventsOf(incidentId, 'status')).toHaveLength(2)
  })
})
