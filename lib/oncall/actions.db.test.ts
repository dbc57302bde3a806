import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import {
  addOverrideAction,
  createEscalationPolicyAction,
  createMaintenanceAction,
  createScheduleAction,
  deleteScheduleAction,
  endMaintenanceAction,
  removeOverrideAction,
  updateEscalationPolicyAction,
  updateScheduleAction,
} from './actions'

// revalidatePath needs a Next request; outside one it throws.
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

const HOUR = 3_600_000
const auditOf = (action: string, targetId: string) => db.auditLog.findFirst({ where: { action, targetId }, orderBy: { id: 'desc' } })

let ops: SessionUser
beforeEach(async () => {
  ops = await createUser('ops')
  signOut()
})

function scheduleInput(participantIds: string[]) {
  return { name: uid('Primary'), timezone: 'America/New_York', rotation: 'weekly', handoffTime: '09:00', startDate: '2026-03-02', participantIds }
}

describe('permissions', () => {
  const actions = {
    createScheduleAction,
    updateScheduleAction,
    deleteScheduleAction,
    addOverrideAction,
    removeOverrideAction,
    createEscalationPolicyAction,
    updateEscalationPolicyAction,
    createMaintenanceAction,
    endMaintenanceAction,
  }
  it.each(Object.entries(actions))('%s: 401 signed out, 403 for viewer, clinician, executive, pm; requires oncall:manage', async (_name, action) => {
    expect(action.meta.permission).toBe('oncall:manage')
    expect((await action({})).status).toBe(401)
    for (const role of ['viewer', 'clinician', 'executive', 'pm'] as const) {
      signInAs(await createUser(role))
      expect((await action({})).status, role).toBe(403)
    }
    signInAs(ops)
    expect((await action({})).status).toBe(422)
  })
})

describe('schedules', () => {
  it('creates, updates and deletes a schedule, auditing each step', async () => {
    signInAs(ops)
    const [a, b] = [await createUser('ops'), await createUser('ops')]
    const form = new FormData()
    for (const [k, v] of Object.entries(scheduleInput([a.id, b.id]))) form.set(k, Array.isArray(v) ? v.join(',') : v)
    const created = await createScheduleAction(form)
    expect(created).toMatchObject({ ok: true, status: 201 })
    const row = await db.schedule.findFirstOrThrow({ where: { name: String(form.get('name')) } })
    expect(row.participantIds).toEqual([a.id, b.id])
    expect((await auditOf('schedule.create', row.id))?.actorId).toBe(ops.id)

    const updated = await updateScheduleAction({ ...scheduleInput([b.id, a.id]), name: row.name, scheduleId: row.id, rotation: 'daily' })
    expect(updated).toMatchObject({ ok: true, status: 200 })
    const audit = await auditOf('schedule.update', row.id)
    expect(audit?.summary).toMatchObject({ rotation: { from: 'weekly', to: 'daily' }, participantIds: { from: [a.id, b.id], to: [b.id, a.id] } })

    expect(await deleteScheduleAction({ scheduleId: row.id })).toMatchObject({ ok: true })
    expect(await db.schedule.findUnique({ where: { id: row.id } })).toBeNull()
    expect(await auditOf('schedule.delete', row.id)).not.toBeNull()
  })

  it('refuses bad input field by field (422) and duplicate names (409)', async () => {
    signInAs(ops)
    const res = await createScheduleAction({ name: '', timezone: 'Mars/Base', rotation: 'hourly', handoffTime: '9am', startDate: '2026-02-30', participantIds: [] })
    expect(res.status).toBe(422)
    expect(Object.keys(res.fieldErrors ?? {}).sort()).toEqual(['handoffTime', 'name', 'participantIds', 'rotation', 'startDate', 'timezone'])

    const ghost = await createScheduleAction(scheduleInput([crypto.randomUUID()]))
    expect(ghost).toMatchObject({ ok: false, status: 422, fieldErrors: { participantIds: [expect.any(String)] } })

    const input = scheduleInput([ops.id])
    expect((await createScheduleAction(input)).ok).toBe(true)
    expect(await createScheduleAction(input)).toMatchObject({ ok: false, status: 409, fieldErrors: { name: [expect.any(String)] } })
  })

  it('will not delete a schedule an escalation policy pages (409)', async () => {
    signInAs(ops)
    const schedule = await db.schedule.create({ data: scheduleInput([ops.id]) })
    await db.escalationPolicy.create({ data: { name: uid('pol'), levels: [{ delayMinutes: 0, targets: [{ type: 'schedule', id: schedule.id }] }] } })
    expect(await deleteScheduleAction({ scheduleId: schedule.id })).toMatchObject({ ok: false, status: 409 })
    expect(await deleteScheduleAction({ scheduleId: crypto.randomUUID() })).toMatchObject({ ok: false, status: 404 })
  })
})

describe('overrides', () => {
  it('adds and removes an override, redacting PHI from the reason and keeping it out of the audit', async () => {
    signInAs(ops)
    const cover = await createUser('ops')
    const schedule = await db.schedule.create({ data: scheduleInput([ops.id]) })
    const res = await addOverrideAction({
      scheduleId: schedule.id,
      userId: cover.id,
      startsAt: '2026-03-03T18:00:00Z',
      endsAt: '2026-03-04T02:00:00-05:00',
      reason: 'Covering while on call for MRN 12345678',
    })
    expect(res).toMatchObject({ ok: true, status: 201 })
    const row = await db.scheduleOverride.findFirstOrThrow({ where: { scheduleId: schedule.id } })
    expect(row.endsAt.toISOString()).toBe('2026-03-04T07:00:00.000Z')
    expect(row.reason).not.toContain('12345678')
    const audit = await auditOf('schedule.override.add', schedule.id)
    expect(audit?.summary).toMatchObject({ overrideId: row.id, userId: cover.id })
    expect(JSON.stringify(audit?.summary)).not.toMatch(/Covering|MRN/)

    expect(await removeOverrideAction({ overrideId: row.id })).toMatchObject({ ok: true })
    expect(await db.scheduleOverride.findUnique({ where: { id: row.id } })).toBeNull()
    expect(await auditOf('schedule.override.remove', schedule.id)).not.toBeNull()
  })

  it('refuses an end before the start, a time without a zone and an unknown schedule', async () => {
    signInAs(ops)
    const schedule = await db.schedule.create({ data: scheduleInput([ops.id]) })
    const backwards = await addOverrideAction({ scheduleId: schedule.id, userId: ops.id, startsAt: '2026-03-04T00:00:00Z', endsAt: '2026-03-03T00:00:00Z' })
    expect(backwards).toMatchObject({ status: 422, fieldErrors: { endsAt: [expect.any(String)] } })
    const zoneless = await addOverrideAction({ scheduleId: schedule.id, userId: ops.id, startsAt: '2026-03-03T00:00', endsAt: '2026-03-04T00:00' })
    expect(zoneless.fieldErrors?.startsAt).toBeDefined()
    const unknown = await addOverrideAction({ scheduleId: crypto.randomUUID(), userId: ops.id, startsAt: '2026-03-03T00:00:00Z', endsAt: '2026-03-04T00:00:00Z' })
    expect(unknown).toMatchObject({ status: 422, fieldErrors: { scheduleId: [expect.any(String)] } })
  })
})

describe('escalation policies', () => {
  it('creates and updates a policy with ordered levels and severity delays, auditing both', async () => {
    signInAs(ops)
    const schedule = await db.schedule.create({ data: scheduleInput([ops.id]) })
    const name = uid('Clinical AI default')
    const res = await createEscalationPolicyAction({
      name,
      levels: [
        { delayMinutes: '0', targets: [{ type: 'schedule', id: schedule.id }] },
        { delayMinutes: '15', targets: [{ type: 'user', id: ops.id }] },
      ],
      severityDelays: { critical: '0', high: '5', medium: '15', low: '' },
    })
    expect(res).toMatchObject({ ok: true, status: 201 })
    const row = await db.escalationPolicy.findUniqueOrThrow({ where: { name } })
    expect(row.severityDelays).toEqual({ critical: 0, high: 5, medium: 15 })
    expect(row.levels).toEqual([
      { delayMinutes: 0, targets: [{ type: 'schedule', id: schedule.id }] },
      { delayMinutes: 15, targets: [{ type: 'user', id: ops.id }] },
    ])
    expect(await auditOf('escalation_policy.create', row.id)).not.toBeNull()

    const upd = await updateEscalationPolicyAction({ policyId: row.id, name, levels: [{ delayMinutes: 0, targets: [{ type: 'user', id: ops.id }] }], severityDelays: { critical: 0 } })
    expect(upd).toMatchObject({ ok: true, status: 200 })
    const audit = await auditOf('escalation_policy.update', row.id)
    expect(Object.keys(audit?.summary as object).sort()).toEqual(['levels', 'severityDelays'])
  })

  it('refuses empty levels, unknown targets and out-of-range delays', async () => {
    signInAs(ops)
    expect((await createEscalationPolicyAction({ name: uid('p'), levels: [] })).fieldErrors?.levels).toBeDefined()
    const ghost = await createEscalationPolicyAction({ name: uid('p'), levels: [{ delayMinutes: 0, targets: [{ type: 'schedule', id: crypto.randomUUID() }] }] })
    expect(ghost).toMatchObject({ status: 422, fieldErrors: { levels: [expect.any(String)] } })
    const far = await createEscalationPolicyAction({ name: uid('p'), levels: [{ delayMinutes: 0, targets: [{ type: 'user', id: ops.id }] }], severityDelays: { high: 99999 } })
    expect(far.fieldErrors?.['severityDelays.high']).toBeDefined()
    expect(await updateEscalationPolicyAction({ policyId: crypto.randomUUID(), name: 'x', levels: [{ delayMinutes: 0, targets: [{ type: 'user', id: ops.id }] }] })).toMatchObject({ status: 404 })
  })
})

describe('maintenance windows', () => {
  it('schedules and ends a window, auditing both', async () => {
    signInAs(ops)
    const service = await db.service.create({ data: { key: uid('svc'), name: uid('Service') } })
    const now = Date.now()
    const res = await createMaintenanceAction({
      serviceId: service.id,
      startsAt: new Date(now - HOUR).toISOString(),
      endsAt: new Date(now + HOUR).toISOString(),
      reason: 'Model redeploy',
    })
    expect(res).toMatchObject({ ok: true, status: 201 })
    const window = await db.maintenanceWindow.findFirstOrThrow({ where: { serviceId: service.id } })
    expect((await auditOf('maintenance.create', window.id))?.actorId).toBe(ops.id)
    expect(await endMaintenanceAction({ windowId: window.id })).toMatchObject({ ok: true, message: expect.stringMatching(/ended/) })
    expect((await db.maintenanceWindow.findUniqueOrThrow({ where: { id: window.id } })).endsAt.getTime()).toBeLessThanOrEqual(Date.now())
    expect(await auditOf('maintenance.end', window.id)).not.toBeNull()
  })

  it('refuses a window longer than 30 days or ending in the past', async () => {
    signInAs(ops)
    const service = await db.service.create({ data: { key: uid('svc'), name: uid('Service') } })
    const now = Date.now()
    const long = await createMaintenanceAction({ serviceId: service.id, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 31 * 24 * HOUR).toISOString() })
    expect(long.fieldErrors?.endsAt).toBeDefined()
    const past = await createMaintenanceAction({ serviceId: service.id, startsAt: new Date(now - 2 * HOUR).toISOString(), endsAt: new Date(now - HOUR).toISOString() })
    expect(past).toMatchObject({ ok: false, status: 422 })
  })
})
