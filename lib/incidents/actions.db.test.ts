/** The board's server actions: refused when they must be (401/403/422), and otherwise timeline + audit. */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import type { Role } from '@/lib/rbac'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import {
  acknowledgeIncidentAction,
  addIncidentNoteAction,
  assignIncidentAction,
  changeSeverityAction,
  resolveIncidentAction,
  savePostmortemAction,
  setIncidentStatusAction,
} from './actions'

// revalidatePath needs a Next request; outside one it throws.
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

let ops: SessionUser
let svcId: string
beforeAll(async () => {
  ops = await createUser('ops')
  svcId = (await db.service.create({ data: { key: uid('svc'), name: 'Actions svc', workflows: ['diagnosis'] } })).id
})
beforeEach(() => signOut())

async function openIncident(status: 'triggered' | 'acknowledged' | 'investigating' | 'resolved' = 'triggered') {
  const now = new Date()
  return db.incident.create({
    data: {
      title: 'Queue depth high',
      severity: 'medium',
      status,
      dedupKey: uid('act'),
      serviceId: svcId,
      workflows: ['diagnosis'],
      acknowledgedAt: status === 'triggered' ? null : now,
      resolvedAt: status === 'resolved' ? now : null,
    },
  })
}

const events = (incidentId: string, type: string) => db.incidentEvent.findMany({ where: { incidentId, type }, orderBy: { id: 'asc' } })
const audits = (incidentId: string, action: string) => db.auditLog.findMany({ where: { targetId: incidentId, action } })

describe('permissions', () => {
  const cases: [string, (input: unknown) => Promise<{ status?: number }>, Role[]][] = [
    ['acknowledgeIncidentAction', acknowledgeIncidentAction, ['viewer', 'executive', 'pm', 'clinician']],
    ['setIncidentStatusAction', setIncidentStatusAction, ['viewer', 'pm']],
    ['resolveIncidentAction', resolveIncidentAction, ['executive', 'clinician']],
    ['assignIncidentAction', assignIncidentAction, ['viewer', 'pm']],
    ['changeSeverityAction', changeSeverityAction, ['viewer', 'executive']],
    ['addIncidentNoteAction', addIncidentNoteAction, ['viewer', 'clinician']],
    ['savePostmortemAction', savePostmortemAction, ['viewer', 'pm']],
  ]
  for (const [name, action, roles] of cases) {
    it(`${name}: 401 signed out, 403 for ${roles.join(', ')}, nothing written`, async () => {
      const inc = await openIncident()
      const input = { incidentId: inc.id, status: 'resolved', severity: 'critical', reason: 'because', text: 'note', assigneeId: ops.id, summary: 'x' }
      expect((await action(input)).status).toBe(401)
      for (const role of roles) {
        signInAs(await createUser(role))
        expect((await action(input)).status, role).toBe(403)
      }
      expect(await db.incidentEvent.count({ where: { incidentId: inc.id } })).toBe(0)
      expect(await db.auditLog.count({ where: { targetId: inc.id } })).toBe(0)
    })
  }
})

describe('validation', () => {
  it.each([
    ['acknowledge: not an id', acknowledgeIncidentAction, { incidentId: 'nope' }, 'incidentId'],
    ['status: unknown column', setIncidentStatusAction, { status: 'closed' }, 'status'],
    ['severity: no reason', changeSeverityAction, { severity: 'critical', reason: ' ' }, 'reason'],
    ['severity: unknown level', changeSeverityAction, { severity: 'sev0', reason: 'because' }, 'severity'],
    ['note: empty', addIncidentNoteAction, { text: '' }, 'text'],
    ['assign: not a user id', assignIncidentAction, { assigneeId: 'bob' }, 'assigneeId'],
    ['postmortem: action without text', savePostmortemAction, { actions: [{ text: '' }] }, 'actions.0.text'],
    ['postmortem: bad due date', savePostmortemAction, { actions: [{ text: 'x', dueDate: '1 April' }] }, 'actions.0.dueDate'],
  ] as const)('%s → 422 naming %s', async (_name, action, extra, field) => {
    signInAs(ops)
    const inc = await openIncident()
    const res = await (action as (i: unknown) => Promise<{ status?: number; fieldErrors?: Record<string, string[]> }>)({ incidentId: inc.id, ...extra })
    expect(res.status).toBe(422)
    expect(Object.keys(res.fieldErrors ?? {})).toContain(field)
    expect(await db.incidentEvent.count({ where: { incidentId: inc.id } })).toBe(0)
  })

  it('an unknown incident is 404, a refused move 409', async () => {
    signInAs(ops)
    expect((await acknowledgeIncidentAction({ incidentId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404)
    const inc = await openIncident('acknowledged')
    const res = await setIncidentStatusAction({ incidentId: inc.id, status: 'triggered' })
    expect(res).toMatchObject({ ok: false, status: 409 })
    expect(res.message).toMatch(/cannot move/)
  })
})

describe('moving on the board', () => {
  it('acknowledge → investigate → resolve, each on the timeline and in the audit log', async () => {
    signInAs(ops)
    const inc = await openIncident()
    const ack = await acknowledgeIncidentAction({ incidentId: inc.id })
    expect(ack).toMatchObject({ ok: true, data: { id: inc.id, status: 'acknowledged' } })
    expect(ack.message).toBe(`INC-${inc.number} is acknowledged.`)

    const form = new FormData()
    form.set('incidentId', inc.id)
    form.set('status', 'investigating')
    form.set('note', '')
    expect(await setIncidentStatusAction(form)).toMatchObject({ ok: true, data: { status: 'investigating' } })

    expect(await resolveIncidentAction({ incidentId: inc.id, reason: 'Rolled back' })).toMatchObject({ ok: true, data: { status: 'resolved' } })

    const moves = (await events(inc.id, 'status')).map((e) => e.data)
    expect(moves).toEqual([
      { from: 'triggered', to: 'acknowledged' },
      { from: 'acknowledged', to: 'investigating' },
      { from: 'investigating', to: 'resolved', reason: 'Rolled back' },
    ])
    expect((await events(inc.id, 'status')).every((e) => e.actorLabel === ops.email)).toBe(true)
    expect(await audits(inc.id, 'incident.acknowledge')).toHaveLength(1)
    expect(await audits(inc.id, 'incident.status')).toHaveLength(1)
    expect(await audits(inc.id, 'incident.resolve')).toHaveLength(1)
    expect((await audits(inc.id, 'incident.resolve'))[0]!.actorId).toBe(ops.id)
  })
})

describe('managing an incident', () => {
  it('assigns and unassigns', async () => {
    signInAs(ops)
    const inc = await openIncident()
    expect(await assignIncidentAction({ incidentId: inc.id, assigneeId: ops.id })).toMatchObject({ ok: true })
    expect((await db.incident.findUniqueOrThrow({ where: { id: inc.id } })).assigneeId).toBe(ops.id)
    expect(await assignIncidentAction({ incidentId: inc.id, assigneeId: '' })).toMatchObject({ ok: true, message: `INC-${inc.number} is unassigned.` })
    expect((await events(inc.id, 'assignment')).map((e) => (e.data as { to: string | null }).to)).toEqual([ops.id, null])
    expect(await audits(inc.id, 'incident.assign')).toHaveLength(2)
  })

  it('changes severity with a reason, redacting PHI from the reason and keeping it out of the audit log', async () => {
    signInAs(ops)
    const inc = await openIncident()
    const res = await changeSeverityAction({ incidentId: inc.id, severity: 'critical', reason: 'Triage affected, see MRN 12345678' })
    expect(res).toMatchObject({ ok: true, message: `INC-${inc.number} is now critical.` })
    const [event] = await events(inc.id, 'severity')
    expect(event!.data).toMatchObject({ from: 'medium', to: 'critical' })
    expect(JSON.stringify(event!.data)).not.toContain('12345678')
    const [audit] = await audits(inc.id, 'incident.severity')
    expect(audit!.summary).toMatchObject({ from: 'medium', to: 'critical' })
    expect(JSON.stringify(audit!.summary)).not.toContain('Triage affected')
  })

  it('adds a note', async () => {
    signInAs(ops)
    const inc = await openIncident()
    expect(await addIncidentNoteAction({ incidentId: inc.id, text: 'Failing over to the standby model' })).toMatchObject({ ok: true, status: 201 })
    expect((await events(inc.id, 'note'))[0]!.data).toEqual({ text: 'Failing over to the standby model' })
    expect(await audits(inc.id, 'incident.note')).toHaveLength(1)
  })

  it('saves a postmortem with follow-up actions (blank owner and date mean none)', async () => {
    signInAs(ops)
    const inc = await openIncident('resolved')
    const res = await savePostmortemAction({
      incidentId: inc.id,
      summary: 'Model server ran out of memory',
      rootCause: 'Batch size doubled',
      impact: 'Triage suggestions delayed 20 min',
      actions: [
        { text: 'Alert on memory', ownerId: ops.id, dueDate: '2026-04-01', done: false },
        { text: 'Load test', ownerId: '', dueDate: '', done: true },
      ],
    })
    expect(res).toMatchObject({ ok: true, message: 'Postmortem saved.' })
    const pm = await db.postmortem.findUniqueOrThrow({ where: { incidentId: inc.id } })
    expect(pm).toMatchObject({ summary: 'Model server ran out of memory', rootCause: 'Batch size doubled' })
    expect(pm.actions).toMatchObject([
      { text: 'Alert on memory', ownerId: ops.id, dueDate: '2026-04-01', done: false },
      { text: 'Load test', ownerId: null, dueDate: null, done: true },
    ])
    expect(await events(inc.id, 'postmortem')).toHaveLength(1)
    expect(await audits(inc.id, 'incident.postmortem')).toHaveLength(1)
  })
})
