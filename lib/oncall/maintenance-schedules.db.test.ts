/**
 * Recurring maintenance against the database: schedules materialise windows 30 days ahead (idempotently),
 * a schedule for every service covers each service that is not archived, archiving and cancelling do not
 * bring windows back, bad rules answer a field error, and a window of a schedule mutes an incident like a
 * one-off window. Global schedules are tested on a clock years ahead, so their windows never cover the
 * present of other tests sharing the database.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { ApiError } from '@/lib/errors'
import { ingestAlert } from '@/lib/incidents/ingest'
import { runEscalations } from '@/lib/incidents/escalation'
import { uid } from '@/test/factories'
import { endMaintenanceWindow } from './commands'
import { archiveMaintenanceSchedule, createMaintenanceSchedule, materialiseMaintenance, runMaintenanceMaterialise, updateMaintenanceSchedule } from './maintenance-schedules'
import { activeMaintenance } from './schedules'

const actor = systemActor('tester@test.wardroom.local')
const WEEKLY = 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0'
// Wednesday 1 January 2031: far from the present of other tests.
const FUTURE = new Date('2031-01-01T06:00:00Z')
const created: string[] = []

afterAll(async () => {
  // Schedules (and by cascade their windows) of this file only.
  await db.maintenanceSchedule.deleteMany({ where: { id: { in: created } } })
})

async function service(archived = false) {
  return db.service.create({ data: { key: uid('svc'), name: uid('Service'), workflows: ['diagnosis'], ...(archived ? { archivedAt: new Date() } : {}) } })
}

async function create(input: { serviceId: string | null; rrule: string; durationMinutes: number; reason?: string }, now: Date) {
  const out = await createMaintenanceSchedule(actor, { reason: '', ...input }, now)
  created.push(out.schedule.id)
  return out
}

const windowsOf = (scheduleId: string) => db.maintenanceWindow.findMany({ where: { scheduleId }, orderBy: [{ startsAt: 'asc' }, { serviceId: 'asc' }] })

describe('recurring maintenance schedules', () => {
  it('materialises the weekly window 30 days ahead for its service, idempotently, and audits it', async () => {
    const s = await service()
    const { schedule, windows } = await create({ serviceId: s.id, rrule: WEEKLY, durationMinutes: 120, reason: 'Patching' }, FUTURE)
    // Sundays 5, 12, 19, 26 January 2031 (30 days from Wednesday 1 January).
    expect(windows).toBe(4)
    const rows = await windowsOf(schedule.id)
    expect(rows.map((w) => [w.startsAt.toISOString(), w.endsAt.toISOString()])).toEqual([
      ['2031-01-05T02:00:00.000Z', '2031-01-05T04:00:00.000Z'],
      ['2031-01-12T02:00:00.000Z', '2031-01-12T04:00:00.000Z'],
      ['2031-01-19T02:00:00.000Z', '2031-01-19T04:00:00.000Z'],
      ['2031-01-26T02:00:00.000Z', '2031-01-26T04:00:00.000Z'],
    ])
    expect(rows.every((w) => w.serviceId === s.id && w.reason === 'Patching')).toBe(true)
    expect(await materialiseMaintenance(FUTURE, { scheduleIds: [schedule.id] })).toEqual({ schedules: 1, created: 0 })
    // A week later one more Sunday comes into the 30 days.
    expect((await materialiseMaintenance(new Date(FUTURE.getTime() + 7 * 86_400_000), { scheduleIds: [schedule.id] })).created).toBe(1)

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'maintenance_schedule.create', targetId: schedule.id } })
    expect(audit.summary).toMatchObject({ service: s.key, rrule: WEEKLY, durationMinutes: 120, windows: 4 })
    expect(JSON.stringify(audit.summary)).not.toContain('Patching')
  })

  it('covers every service that is not archived when no service is named', async () => {
    const [a, b, gone] = [await service(), await service(), await service(true)]
    const { schedule } = await create({ serviceId: null, rrule: 'FREQ=MONTHLY;BYDAY=1SA;BYHOUR=1', durationMinutes: 240 }, FUTURE)
    const rows = await windowsOf(schedule.id)
    const services = new Set(rows.map((w) => w.serviceId))
    expect(services.has(a.id) && services.has(b.id)).toBe(true)
    expect(services.has(gone.id)).toBe(false)
    // First Saturday of January 2031 is the 4th, 01:00–05:00 UTC: one window per service.
    expect(new Set(rows.map((w) => w.startsAt.toISOString()))).toEqual(new Set(['2031-01-04T01:00:00.000Z']))
    expect(rows.length).toBe(await db.service.count({ where: { archivedAt: null, id: { in: rows.map((w) => w.serviceId) } } }))
    const late = await service()
    // A service added later gets its window on the next (hourly) run, which audits what it added.
    const run = await runMaintenanceMaterialise(FUTURE)
    expect(run.created).toBeGreaterThanOrEqual(1)
    expect(await db.maintenanceWindow.count({ where: { scheduleId: schedule.id, serviceId: late.id } })).toBe(1)
    expect(await db.auditLog.count({ where: { action: 'maintenance.materialise' } })).toBeGreaterThanOrEqual(1)
  })

  it('refuses unreadable and sub-daily rules with a field error on rrule', async () => {
    const s = await service()
    for (const rrule of ['FREQ=HOURLY', 'nonsense', 'FREQ=DAILY;UNTIL=20200101T000000Z']) {
      const err = await createMaintenanceSchedule(actor, { serviceId: s.id, rrule, durationMinutes: 60, reason: '' }, FUTURE).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ApiError)
      expect((err as ApiError).status).toBe(422)
      expect((err as ApiError).fields?.rrule?.[0]).toBeTruthy()
    }
    expect(await db.maintenanceSchedule.count({ where: { serviceId: s.id } })).toBe(0)
  })

  it('changing the rule replaces the windows not yet started; archiving removes them and keeps one in progress', async () => {
    const s = await service()
    const { schedule } = await create({ serviceId: s.id, rrule: WEEKLY, durationMinutes: 120 }, FUTURE)
    await updateMaintenanceSchedule(actor, { scheduleId: schedule.id, serviceId: s.id, rrule: 'FREQ=WEEKLY;BYDAY=SA;BYHOUR=3', durationMinutes: 60, reason: '' }, FUTURE)
    expect((await windowsOf(schedule.id)).map((w) => w.startsAt.toISOString().slice(0, 13))).toEqual(['2031-01-04T03', '2031-01-11T03', '2031-01-18T03', '2031-01-25T03'])

    const during = new Date('2031-01-04T03:30:00Z')
    expect(await archiveMaintenanceSchedule(actor, schedule.id, during)).toEqual({ removed: 3, inProgress: 1 })
    expect(await windowsOf(schedule.id)).toHaveLength(1)
    expect(await materialiseMaintenance(during, { scheduleIds: [schedule.id] })).toEqual({ schedules: 0, created: 0 })
    await expect(archiveMaintenanceSchedule(actor, schedule.id, during)).rejects.toMatchObject({ status: 409 })
    const actions = await db.auditLog.findMany({ where: { targetId: schedule.id }, orderBy: { id: 'asc' }, select: { action: true } })
    expect(actions.map((a) => a.action)).toEqual(['maintenance_schedule.create', 'maintenance_schedule.update', 'maintenance_schedule.archive'])
  })

  it('a cancelled upcoming window of a schedule stays cancelled (zero length) and never covers an instant', async () => {
    const s = await service()
    const { schedule } = await create({ serviceId: s.id, rrule: WEEKLY, durationMinutes: 120 }, FUTURE)
    const [first] = await windowsOf(schedule.id)
    const { outcome } = await endMaintenanceWindow(actor, first!.id, FUTURE)
    expect(outcome).toBe('cancelled')
    expect(await materialiseMaintenance(FUTURE, { scheduleIds: [schedule.id] })).toEqual({ schedules: 1, created: 0 })
    const kept = await db.maintenanceWindow.findUniqueOrThrow({ where: { id: first!.id } })
    expect(kept.endsAt).toEqual(kept.startsAt)
    expect(await db.$transaction((tx) => activeMaintenance(tx, s.id, kept.startsAt))).toBeNull()
  })

  it('a window of a schedule occurring now mutes a new incident: recorded, never escalated', async () => {
    const s = await service()
    const now = new Date()
    const hour = now.getUTCHours()
    // Today at this hour, for two hours: in progress now.
    await create({ serviceId: s.id, rrule: `FREQ=DAILY;BYHOUR=${hour};BYMINUTE=0;BYSECOND=0`, durationMinutes: 120 }, now)
    const policy = await db.escalationPolicy.create({
      data: { name: uid('policy'), severityDelays: { critical: 0 }, levels: [{ delayMinutes: 0, targets: [{ type: 'user', id: (await db.user.create({ data: { email: `${uid('u')}@test.wardroom.local`, name: 'On call', role: 'ops', passwordHash: 'x' } })).id }] }] },
    })
    await db.service.update({ where: { id: s.id }, data: { escalationPolicyId: policy.id } })
    const r = await ingestAlert(actor, { source: 'api', severity: 'critical', system: 'test', message: 'Model latency spike', occurredAt: now, dedupKey: uid('k'), serviceKey: s.key })
    const incident = await db.incident.findUniqueOrThrow({ where: { id: r.incidentId } })
    expect(incident).toMatchObject({ muted: true, nextEscalationAt: null, status: 'triggered', alertCount: 1 })
    await runEscalations(new Date(now.getTime() + 60_000))
    expect((await db.incident.findUniqueOrThrow({ where: { id: r.incidentId } })).escalationLevel).toBe(0)
    const events = await db.incidentEvent.findMany({ where: { incidentId: r.incidentId }, select: { type: true } })
    expect(events.map((e) => e.type)).toContain('maintenance')
  })
})
