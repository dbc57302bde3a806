/** On-call commands: maintenance windows (and the activeMaintenance read that ingest and escalation use). */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { ApiError } from '@/lib/errors'
import { uid } from '@/test/factories'
import { createMaintenanceWindow, endMaintenanceWindow } from './commands'
import { activeMaintenance } from './schedules'

const MIN = 60_000
const actor = systemActor('tester@test.wardroom.local')

async function service() {
  return db.service.create({ data: { key: uid('svc'), name: uid('Service') } })
}

describe('activeMaintenance', () => {
  it('finds the window covering an instant: start inclusive, end exclusive, per service', async () => {
    const [a, b] = [await service(), await service()]
    const start = new Date('2026-06-01T10:00:00Z')
    const end = new Date('2026-06-01T12:00:00Z')
    const w = await db.maintenanceWindow.create({ data: { serviceId: a.id, startsAt: start, endsAt: end } })
    expect(await activeMaintenance(db, a.id, new Date(start.getTime() - 1))).toBeNull()
    expect((await activeMaintenance(db, a.id, start))?.id).toBe(w.id)
    expect((await activeMaintenance(db, a.id, new Date(end.getTime() - 1)))?.id).toBe(w.id)
    expect(await activeMaintenance(db, a.id, end)).toBeNull()
    expect(await activeMaintenance(db, b.id, start)).toBeNull()
  })

  it('prefers the window ending last when two overlap, and works inside a transaction', async () => {
    const s = await service()
    const t = new Date('2026-06-02T10:00:00Z')
    await db.maintenanceWindow.create({ data: { serviceId: s.id, startsAt: new Date(t.getTime() - 60 * MIN), endsAt: new Date(t.getTime() + 30 * MIN) } })
    const longer = await db.maintenanceWindow.create({ data: { serviceId: s.id, startsAt: t, endsAt: new Date(t.getTime() + 90 * MIN) } })
    const found = await db.$transaction((tx) => activeMaintenance(tx, s.id, t))
    expect(found?.id).toBe(longer.id)
  })
})

describe('creating and ending windows', () => {
  it('creates a window and audits it without the free-text reason', async () => {
    const s = await service()
    const now = new Date()
    const w = await createMaintenanceWindow(
      actor,
      { serviceId: s.id, startsAt: now, endsAt: new Date(now.getTime() + 60 * MIN), reason: 'DB upgrade' },
      now,
    )
    expect(w.reason).toBe('DB upgrade')
    const audit = await db.auditLog.findFirst({ where: { action: 'maintenance.create', targetId: w.id } })
    expect(audit?.summary).toMatchObject({ service: s.key })
    expect(JSON.stringify(audit?.summary)).not.toContain('DB upgrade')
  })

  it('refuses a window in the past or for an unknown service', async () => {
    const s = await service()
    const now = new Date()
    await expect(
      createMaintenanceWindow(actor, { serviceId: s.id, startsAt: new Date(now.getTime() - 120 * MIN), endsAt: new Date(now.getTime() - 60 * MIN), reason: '' }, now),
    ).rejects.toMatchObject({ status: 422 })
    await expect(
      createMaintenanceWindow(actor, { serviceId: crypto.randomUUID(), startsAt: now, endsAt: new Date(now.getTime() + MIN), reason: '' }, now),
    ).rejects.toBeInstanceOf(ApiError)
  })

  it('ends a running window now and cancels one that has not started', async () => {
    const s = await service()
    const now = new Date()
    const running = await db.maintenanceWindow.create({ data: { serviceId: s.id, startsAt: new Date(now.getTime() - 10 * MIN), endsAt: new Date(now.getTime() + 50 * MIN) } })
    const later = await db.maintenanceWindow.create({ data: { serviceId: s.id, startsAt: new Date(now.getTime() + 60 * MIN), endsAt: new Date(now.getTime() + 120 * MIN) } })

    expect((await endMaintenanceWindow(actor, running.id, now)).outcome).toBe('ended')
    expect((await db.maintenanceWindow.findUniqueOrThrow({ where: { id: running.id } })).endsAt).toEqual(now)
    expect(await activeMaintenance(db, s.id, now)).toBeNull()

    expect((await endMaintenanceWindow(actor, later.id, now)).outcome).toBe('cancelled')
    expect(await db.maintenanceWindow.findUnique({ where: { id: later.id } })).toBeNull()

    expect(await db.auditLog.count({ where: { targetId: { in: [running.id, later.id] }, action: { in: ['maintenance.end', 'maintenance.cancel'] } } })).toBe(2)
    await expect(endMaintenanceWindow(actor, running.id, new Date(now.getTime() + MIN))).rejects.toMatchObject({ status: 409 })
    await expect(endMaintenanceWindow(actor, later.id, now)).rejects.toMatchObject({ status: 404 })
  })
})
