/** The guides' recurring maintenance in the demo: seeded in a transaction that is rolled back (tests share one database). */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { GUIDE_MAINTENANCE, seedMaintenance } from './maintenance'

const ROLLBACK = 'rollback'

describe('seedMaintenance', () => {
  it('seeds the weekly and monthly windows for every service, materialised, idempotently', async () => {
    // Monday 7 December 2026: the next 30 days hold Sundays 13, 20, 27 December, 3 January and Saturday 2 January.
    const now = new Date('2026-12-07T06:00:00Z')
    const logs: string[] = []
    await db
      .$transaction(
        async (tx) => {
          const mine = await tx.service.create({ data: { key: `seed-maint-${Date.now()}`, name: 'Seed maintenance probe service' } })
          await seedMaintenance((m) => logs.push(m), { now, tx })
          const schedules = await tx.maintenanceSchedule.findMany({ where: { rrule: { in: GUIDE_MAINTENANCE.map((g) => g.rrule) }, serviceId: null, archivedAt: null } })
          expect(schedules.map((s) => [s.rrule, s.durationMinutes]).sort()).toEqual([
            ['FREQ=MONTHLY;BYDAY=1SA;BYHOUR=1', 240],
            ['FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0', 120],
          ])
          const windows = await tx.maintenanceWindow.findMany({ where: { scheduleId: { in: schedules.map((s) => s.id) } } })
          // Five windows for each service (services other tests commit meanwhile may or may not be in it).
          expect(windows.filter((w) => w.serviceId === mine.id)).toHaveLength(5)
          expect(windows.length % 5).toBe(0)
          expect(new Set(windows.map((w) => w.startsAt.toISOString()))).toEqual(
            new Set(['2026-12-13T02:00:00.000Z', '2026-12-20T02:00:00.000Z', '2026-12-27T02:00:00.000Z', '2027-01-02T01:00:00.000Z', '2027-01-03T02:00:00.000Z']),
          )
          await seedMaintenance((m) => logs.push(m), { now, tx })
          expect(await tx.maintenanceWindow.count({ where: { scheduleId: { in: schedules.map((s) => s.id) } } })).toBe(windows.length)
          expect(await tx.auditLog.count({ where: { action: 'maintenance_schedule.create', targetId: { in: schedules.map((s) => s.id) } } })).toBe(2)
          throw new Error(ROLLBACK)
        },
        { timeout: 60_000 },
      )
      .catch((e: Error) => {
        if (e.message !== ROLLBACK) throw e
      })
    expect(logs.at(-1)).toContain('already seeded')
  })
})
