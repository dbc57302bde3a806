/**
 * The operations guides' recurring maintenance in the demo, for every service: weekly on Sunday
 * 02:00–04:00 UTC and monthly on the first Saturday 01:00–05:00 UTC, materialised 30 days ahead. Idempotent
 * by rule (an active schedule with the same rule for every service is left alone).
 */
import type { Prisma } from '../db'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { materialiseMaintenance } from '../oncall/maintenance-schedules'
import { inTransaction } from '../tx'

export const GUIDE_MAINTENANCE = [
  { rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0', durationMinutes: 120, reason: 'Weekly maintenance window (operations guide)' },
  { rrule: 'FREQ=MONTHLY;BYDAY=1SA;BYHOUR=1', durationMinutes: 240, reason: 'Monthly maintenance window (operations guide)' },
] as const

export async function seedMaintenance(log: (m: string) => void, opts: { now?: Date; tx?: Prisma.TransactionClient } = {}): Promise<void> {
  const now = opts.now ?? new Date()
  const work = async (tx: Prisma.TransactionClient) => {
    let created = 0
    for (const s of GUIDE_MAINTENANCE) {
      if (await tx.maintenanceSchedule.findFirst({ where: { rrule: s.rrule, serviceId: null, archivedAt: null }, select: { id: true } })) continue
      const row = await tx.maintenanceSchedule.create({ data: { ...s, timezone: 'UTC', createdBy: 'demo seed', createdAt: now } })
      await recordAudit(
        SYSTEM_ACTOR,
        { action: 'maintenance_schedule.create', targetType: 'maintenance_schedule', targetId: row.id, summary: { service: 'all services', rrule: s.rrule, durationMinutes: s.durationMinutes, source: 'demo seed' } },
        tx,
      )
      created++
    }
    const { created: windows } = await materialiseMaintenance(now, { tx })
    return { created, windows }
  }
  const { created, windows } = opts.tx ? await work(opts.tx) : await inTransaction(work)
  log(`maintenance: ${GUIDE_MAINTENANCE.length} recurring windows for every service${created ? '' : ' (already seeded)'}, ${windows} windows added for the next 30 days`)
}
