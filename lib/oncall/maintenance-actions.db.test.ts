/** The on-call page's actions for recurring maintenance and the policy's emergency interval: permission, field errors, audit. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { archiveMaintenanceScheduleAction, createEscalationPolicyAction, createMaintenanceScheduleAction, updateMaintenanceScheduleAction } from './actions'

// revalidatePath needs a Next request; outside one it throws.
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

let ops: SessionUser
beforeEach(async () => {
  ops = await createUser('ops')
  signOut()
})

describe('recurring maintenance actions', () => {
  it('need oncall:manage, answer a bad rule on its field, and audit create, change and archive in the person’s name', async () => {
    const service = await db.service.create({ data: { key: uid('svc'), name: uid('Service') } })
    const input = { serviceId: service.id, rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0', durationMinutes: '120', reason: 'Patching' }

    signInAs(await createUser('viewer'))
    expect((await createMaintenanceScheduleAction(input)).status).toBe(403)
    signInAs(ops)
    const hourly = await createMaintenanceScheduleAction({ ...input, rrule: 'FREQ=HOURLY' })
    expect(hourly).toMatchObject({ ok: false, status: 422 })
    expect(hourly.fieldErrors?.rrule?.[0]).toContain('at most daily')
    const tooLong = await createMaintenanceScheduleAction({ ...input, durationMinutes: '2000' })
    expect(tooLong.fieldErrors?.durationMinutes).toEqual(['At most 24 hours'])

    const created = await createMaintenanceScheduleAction(input)
    expect(created).toMatchObject({ ok: true, status: 201, message: expect.stringMatching(/^The recurring maintenance was saved: [45] windows in the next 30 days\.$/) })
    const schedule = await db.maintenanceSchedule.findFirstOrThrow({ where: { serviceId: service.id } })
    expect(schedule).toMatchObject({ createdBy: ops.email, timezone: 'UTC', reason: 'Patching' })

    const changed = await updateMaintenanceScheduleAction({ ...input, scheduleId: schedule.id, rrule: 'freq=weekly;byday=sa;byhour=3' })
    expect(changed).toMatchObject({ ok: true, status: 200 })
    expect((await db.maintenanceSchedule.findUniqueOrThrow({ where: { id: schedule.id } })).rrule).toBe('FREQ=WEEKLY;BYDAY=SA;BYHOUR=3')

    const archived = await archiveMaintenanceScheduleAction({ scheduleId: schedule.id })
    expect(archived).toMatchObject({ ok: true, status: 200, message: expect.stringMatching(/archived; [45] windows not yet started removed\.$/) })
    expect(await db.maintenanceWindow.count({ where: { scheduleId: schedule.id } })).toBe(0)
    expect((await archiveMaintenanceScheduleAction({ scheduleId: schedule.id })).status).toBe(409)

    const audits = await db.auditLog.findMany({ where: { targetId: schedule.id }, orderBy: { id: 'asc' } })
    expect(audits.map((a) => [a.action, a.actorId])).toEqual([
      ['maintenance_schedule.create', ops.id],
      ['maintenance_schedule.update', ops.id],
      ['maintenance_schedule.archive', ops.id],
    ])
  })
})

describe('the emergency interval of a policy', () => {
  it('is stored when given, null when blank, and refused below a minute', async () => {
    signInAs(ops)
    const target = [{ type: 'user', id: ops.id }]
    const base = { levels: [{ delayMinutes: '0', targets: target }], severityDelays: { critical: '0' } }
    const name = uid('ladder')
    const withIt = await createEscalationPolicyAction({ ...base, name, emergencyIntervalMinutes: '15' })
    expect(withIt).toMatchObject({ ok: true, status: 201 })
    const blank = await createEscalationPolicyAction({ ...base, name: uid('plain'), emergencyIntervalMinutes: '' })
    expect(blank).toMatchObject({ ok: true })
    const zero = await createEscalationPolicyAction({ ...base, name: uid('zero'), emergencyIntervalMinutes: '0' })
    expect(zero.fieldErrors?.emergencyIntervalMinutes).toEqual(['At least 1 minute'])
    expect((await db.escalationPolicy.findUniqueOrThrow({ where: { name } })).emergencyIntervalMinutes).toBe(15)
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'escalation_policy.create', actorId: ops.id }, orderBy: { id: 'asc' } })
    expect(audit.summary).toMatchObject({ emergencyIntervalMinutes: { from: null, to: 15 } })
  })
})
