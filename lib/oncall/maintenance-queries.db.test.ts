/**
 * Reads of recurring maintenance: the on-call page's schedules in words with their next windows, and the
 * board's coming week, where a schedule for every service reads as one entry. The global schedule here
 * starts three days ahead, so it never covers the present of other tests sharing the database.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { uid } from '@/test/factories'
import { ALL_SERVICES, listMaintenanceSchedules, listUpcomingMaintenance } from './maintenance-queries'
import { createMaintenanceSchedule } from './maintenance-schedules'

const actor = systemActor('tester@test.wardroom.local')
const DAY = 86_400_000
const created: string[] = []

afterAll(async () => {
  await db.maintenanceSchedule.deleteMany({ where: { id: { in: created } } })
})

describe('maintenance reads', () => {
  it('lists a schedule for every service once, beside a one-off window, and the schedule with its next three windows', async () => {
    const now = new Date()
    const s = await db.service.create({ data: { key: uid('svc'), name: uid('Lab feed') } })
    const inThreeDays = new Date(now.getTime() + 3 * DAY)
    const month = inThreeDays.getUTCMonth() + 1
    const day = inThreeDays.getUTCDate()
    const reason = uid('Yearly failover test')
    const { schedule } = await createMaintenanceSchedule(actor, { serviceId: null, rrule: `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day};BYHOUR=3;BYMINUTE=0`, durationMinutes: 60, reason }, now)
    created.push(schedule.id)
    const oneOff = await db.maintenanceWindow.create({ data: { serviceId: s.id, startsAt: new Date(now.getTime() + DAY), endsAt: new Date(now.getTime() + DAY + 3_600_000), reason: 'Lab feed upgrade' } })

    // All entries: other tests may have windows in the coming week too.
    const { items } = await listUpcomingMaintenance(now, 7, 500)
    const global = items.filter((i) => i.reason === reason)
    expect(global).toHaveLength(1)
    expect(global[0]).toMatchObject({ services: ALL_SERVICES, recurring: true, active: false })
    expect(global[0]!.startsAt.getUTCHours()).toBe(3)
    expect(items.find((i) => i.key === oneOff.id)).toMatchObject({ services: s.name, recurring: false, reason: 'Lab feed upgrade' })
    expect(items.map((i) => i.startsAt.getTime())).toEqual([...items.map((i) => i.startsAt.getTime())].sort((a, b) => a - b))

    const listed = (await listMaintenanceSchedules(now)).find((x) => x.id === schedule.id)!
    expect(listed).toMatchObject({ serviceName: ALL_SERVICES, createdBy: actor.label, durationMinutes: 60 })
    expect(listed.description).toMatch(/^Every .+, 03:00–04:00 UTC \(1 h\)$/)
    expect(listed.next.map((o) => o.startsAt.getUTCFullYear())).toEqual([0, 1, 2].map((n) => inThreeDays.getUTCFullYear() + n))
    await db.maintenanceWindow.delete({ where: { id: oneOff.id } })
  })
})
