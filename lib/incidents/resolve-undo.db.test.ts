/**
 * Issue 11's incident handling: acknowledging takes the incident (a person, not a key), resolving carries a
 * PHI-redacted note, and a resolution can be undone for a few seconds by whoever made it, with both on the
 * timeline.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { actorOfApiKey, actorOfUser, systemActor, type Actor } from '@/lib/auth/actor'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { signInAs } from '@/test/session-state'
import { acknowledgeIncidentAction, resolveIncidentAction, undoResolveIncidentAction } from './actions'
import { acknowledgeByKey } from './alert-lifecycle'
import { ingestAlert } from './ingest'
import { acknowledgeIncident, assignIncident, resolveIncident, setIncidentStatus, undoResolveIncident } from './commands'
import { RESOLVE_UNDO_GRACE_MS } from './undo'

vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

let priya: SessionUser
let tomas: SessionUser
let actor: Actor
let policyId: string

beforeAll(async () => {
  priya = await createUser('ops', { name: 'Priya Raman' })
  tomas = await createUser('ops', { name: 'Tomás Okafor' })
  actor = actorOfUser(priya)
  policyId = (
    await db.escalationPolicy.create({
      data: { name: uid('policy'), severityDelays: { critical: 0, high: 5, medium: 15 }, levels: [{ delayMinutes: 0, targets: [{ type: 'user', id: tomas.id }] }] },
    })
  ).id
})

async function openIncident(severity: 'critical' | 'high' | 'medium' = 'high', alerts = 1) {
  const svc = await db.service.create({ data: { key: uid('svc'), name: 'Svc', workflows: ['diagnosis'], escalationPolicyId: policyId } })
  const dedupKey = uid('undo')
  let incidentId = ''
  for (let i = 0; i < alerts; i++) {
    const r = await ingestAlert(systemActor('key:test'), {
      source: 'alertmanager',
      severity,
      system: 'test',
      message: 'Queue depth high',
      occurredAt: new Date(),
      dedupKey,
      fingerprint: `fp-${i}`,
      serviceKey: svc.key,
    })
    incidentId = r.incidentId
  }
  return incidentId
}

const eventsOf = (incidentId: string, type: string) => db.incidentEvent.findMany({ where: { incidentId, type }, orderBy: { id: 'asc' } })
const auditOf = (incidentId: string, action: string) => db.auditLog.findMany({ where: { targetId: incidentId, action } })
const incident = (id: string) => db.incident.findUniqueOrThrow({ where: { id } })

describe('acknowledging assigns the person who acknowledged', () => {
  it('an unassigned incident goes to whoever acknowledges it, on the timeline and in the audit', async () => {
    const id = await openIncident()
    signInAs(priya)
    expect(await acknowledgeIncidentAction({ incidentId: id })).toMatchObject({ ok: true })
    expect(await incident(id)).toMatchObject({ status: 'acknowledged', assigneeId: priya.id })
    expect((await eventsOf(id, 'assignment')).map((e) => e.data)).toEqual([{ from: null, to: priya.id, toName: 'Priya Raman', acknowledged: true }])
    expect((await auditOf(id, 'incident.acknowledge'))[0]!.summary).toMatchObject({ from: 'triggered', to: 'acknowledged', assignedTo: priya.id })
  })

  it('moving straight to investigating acknowledges and assigns too', async () => {
    const id = await openIncident()
    await setIncidentStatus(actor, id, 'investigating')
    expect(await incident(id)).toMatchObject({ status: 'investigating', assigneeId: priya.id })
  })

  it('keeps an existing assignee', async () => {
    const id = await openIncident()
    await assignIncident(actor, id, tomas.id)
    await acknowledgeIncident(actor, id)
    expect((await incident(id)).assigneeId).toBe(tomas.id)
    expect(await eventsOf(id, 'assignment')).toHaveLength(1)
    expect((await auditOf(id, 'incident.acknowledge'))[0]!.summary).not.toHaveProperty('assignedTo')
  })

  it('an API key (a PagerDuty acknowledge event) or the system acknowledging assigns nobody', async () => {
    const key = await openIncident()
    const { dedupKey } = await incident(key)
    const apiKey = actorOfApiKey({ id: '00000000-0000-4000-8000-00000000000a', name: 'pagerduty', prefix: 'wr_pagerdutyxxxx', scopes: ['alerts:write'], environment: 'production' })
    expect(await acknowledgeByKey(apiKey, dedupKey)).toMatchObject({ incidentId: key, changed: true })
    const system = await openIncident()
    await acknowledgeIncident(systemActor('test'), system)
    for (const id of [key, system]) {
      expect(await incident(id)).toMatchObject({ status: 'acknowledged', assigneeId: null })
      expect(await eventsOf(id, 'assignment')).toHaveLength(0)
    }
  })
})

describe('resolving with a note', () => {
  it('stores the note redacted on the timeline; the audit carries no text', async () => {
    const id = await openIncident()
    signInAs(priya)
    expect(await resolveIncidentAction({ incidentId: id, reason: 'Restarted the bridge for MRN 00482913' })).toMatchObject({ ok: true, message: expect.stringMatching(/resolved/) })
    const [event] = await eventsOf(id, 'status')
    expect(event!.data).toMatchObject({ to: 'resolved', reason: 'Restarted the bridge for [MRN]' })
    expect(JSON.stringify((await auditOf(id, 'incident.resolve'))[0]!.summary)).not.toContain('bridge')
  })

  it('a blank note is no note; an over-long one is refused (422)', async () => {
    const id = await openIncident()
    signInAs(priya)
    expect(await resolveIncidentAction({ incidentId: id, reason: 'x'.repeat(1001) })).toMatchObject({ ok: false, status: 422, fieldErrors: { reason: [expect.any(String)] } })
    expect(await resolveIncidentAction({ incidentId: id, reason: '   ' })).toMatchObject({ ok: true })
    expect((await eventsOf(id, 'status'))[0]!.data).not.toHaveProperty('reason')
  })
})

describe('undoing a resolution', () => {
  it('puts it back where it was, alerts firing again, without paging again; "Resolution undone" on the timeline', async () => {
    const id = await openIncident('high', 2)
    await acknowledgeIncident(actor, id)
    const acknowledgedAt = (await incident(id)).acknowledgedAt
    await resolveIncident(actor, id, 'Looked fine')
    expect(await db.alert.count({ where: { incidentId: id, status: 'firing' } })).toBe(0)
    const outboxBefore = await db.notificationOutbox.count({ where: { incidentId: id } })

    signInAs(priya)
    expect(await undoResolveIncidentAction({ incidentId: id })).toMatchObject({ ok: true, message: expect.stringMatching(/^Resolution undone: INC-\d+ is back in Acknowledged\.$/) })
    const row = await incident(id)
    expect(row).toMatchObject({ status: 'acknowledged', resolvedAt: null, openAlertCount: 2, acknowledgedAt, nextEscalationAt: null, assigneeId: priya.id })
    expect(await db.alert.count({ where: { incidentId: id, status: 'firing' } })).toBe(2)
    expect((await eventsOf(id, 'status')).at(-1)!.data).toEqual({ from: 'resolved', to: 'acknowledged', undone: true })
    expect((await auditOf(id, 'incident.resolve_undo'))[0]!.summary).toMatchObject({ from: 'resolved', to: 'acknowledged', alerts: 2 })
    // Nothing new was sent by the undo itself…
    expect(await db.notificationOutbox.count({ where: { incidentId: id } })).toBe(outboxBefore)
    // …and a later resolution is announced again (a new notification cycle), while undoing twice is refused.
    await expect(undoResolveIncident(actor, id)).rejects.toMatchObject({ status: 409 })
    await resolveIncident(actor, id, 'Really fixed')
    const resolves = await db.notificationOutbox.findMany({ where: { incidentId: id, kind: 'resolve' }, select: { idempotencyKey: true } })
    expect(new Set(resolves.map((r) => r.idempotencyKey)).size).toBe(resolves.length)
  })

  it('an incident resolved before anyone acknowledged it escalates on its old clock again', async () => {
    const id = await openIncident('medium')
    const { nextEscalationAt } = await incident(id)
    expect(nextEscalationAt).toBeInstanceOf(Date)
    await resolveIncident(actor, id)
    const undone = await undoResolveIncident(actor, id)
    expect(undone).toMatchObject({ status: 'triggered', nextEscalationAt, acknowledgedAt: null })
  })

  it('is refused (409) for someone else, after the grace period, and for an automatic resolution', async () => {
    const other = await openIncident()
    await resolveIncident(actor, other)
    await expect(undoResolveIncident(actorOfUser(tomas), other)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/resolved by someone else/) })

    const late = await openIncident()
    await resolveIncident(actor, late)
    await db.incident.update({ where: { id: late }, data: { resolvedAt: new Date(Date.now() - RESOLVE_UNDO_GRACE_MS - 1000) } })
    await expect(undoResolveIncident(actor, late)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/reopen it instead/) })

    const auto = await openIncident()
    await resolveIncident(systemActor('alert-lifecycle'), auto)
    await db.incidentEvent.updateMany({ where: { incidentId: auto, type: 'status' }, data: { data: { from: 'triggered', to: 'resolved', auto: true } } })
    await expect(undoResolveIncident(systemActor('alert-lifecycle'), auto)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/not resolved by hand/) })

    for (const id of [other, late, auto]) expect((await incident(id)).status).toBe('resolved')
  })

  it('is refused while a newer incident holds the same alerts', async () => {
    const id = await openIncident()
    const { dedupKey, serviceId } = await incident(id)
    await resolveIncident(actor, id)
    const service = await db.service.findUniqueOrThrow({ where: { id: serviceId! } })
    const newer = await ingestAlert(systemActor('key:test'), { source: 'api', severity: 'high', system: 'test', message: 'again', occurredAt: new Date(), dedupKey, serviceKey: service.key })
    expect(newer.incidentId).not.toBe(id)
    await expect(undoResolveIncident(actor, id)).rejects.toMatchObject({ status: 409 })
  })
})
