/**
 * Recurring maintenance: schedules (an RRULE in UTC, a duration, one service or every service) and the
 * MaintenanceWindow rows materialised from them, 30 days ahead. Materialising keeps every hot path
 * (ingest's opening context, the escalation runner, the board) reading plain windows by service, as for a
 * one-off window; the rule is expanded here only, hourly by the maintenance-materialise job and at once
 * when a schedule is created or changed.
 *
 * Idempotent by the unique (scheduleId, serviceId, startsAt): a run inserts only windows not yet there. A
 * global schedule gets one window per service that is not archived; a service added later gets its windows
 * on the next hourly run. Archiving a schedule or changing its rule removes its windows that have not
 * started (one in progress runs to its end: end it on the on-call page). A materialised window cancelled
 * before it starts is kept with a zero length (see endMaintenanceWindow), so it is not made again.
 */
import type { MaintenanceSchedule } from '@/lib/generated/prisma/client'
import { changeSummary, recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { conflict, notFound, unprocessable } from '@/lib/errors'
import { DAY_MS } from '@/lib/time'
import { inTransaction, type Tx } from '@/lib/tx'
import { occurrencesOverlapping, parseRecurrence, recurrenceAnchor } from './recurrence'
import type { MaintenanceScheduleInput, UpdateMaintenanceScheduleInput } from './schema'

/** How far ahead windows are materialised. */
export const MATERIALISE_DAYS = 30
const INSERT_CHUNK = 1_000

export interface MaterialiseOutcome {
  schedules: number
  created: number
}

/**
 * Inserts the missing windows of the active schedules (or only `scheduleIds`) that overlap
 * [now, now + 30 days). Runs inside `tx` when given (a command's transaction), else in its own.
 */
export async function materialiseMaintenance(now: Date, opts: { tx?: Tx; scheduleIds?: string[] } = {}): Promise<MaterialiseOutcome> {
  const work = async (tx: Tx): Promise<MaterialiseOutcome> => {
    const schedules = await tx.maintenanceSchedule.findMany({
      where: { archivedAt: null, ...(opts.scheduleIds ? { id: { in: opts.scheduleIds } } : {}) },
      orderBy: { createdAt: 'asc' },
    })
    const allServices = schedules.some((s) => s.serviceId === null)
      ? (await tx.service.findMany({ where: { archivedAt: null }, select: { id: true } })).map((s) => s.id)
      : []
    const until = new Date(now.getTime() + MATERIALISE_DAYS * DAY_MS)
    const rows = schedules.flatMap((s) => {
      const parsed = parseRecurrence(s.rrule, recurrenceAnchor(s.createdAt))
      if (!parsed.ok) return []
      const services = s.serviceId ? [s.serviceId] : allServices
      return occurrencesOverlapping(parsed.rule, s.durationMinutes, now, until).flatMap((o) =>
        services.map((serviceId) => ({ scheduleId: s.id, serviceId, startsAt: o.startsAt, endsAt: o.endsAt, reason: s.reason })),
      )
    })
    let created = 0
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      created += (await tx.maintenanceWindow.createMany({ data: rows.slice(i, i + INSERT_CHUNK), skipDuplicates: true })).count
    }
    return { schedules: schedules.length, created }
  }
  return opts.tx ? work(opts.tx) : inTransaction(work)
}

/** The job body: materialises every active schedule and audits the windows it added (none: no row). */
export async function runMaintenanceMaterialise(now: Date): Promise<MaterialiseOutcome> {
  return inTransaction(async (tx) => {
    const outcome = await materialiseMaintenance(now, { tx })
    if (outcome.created > 0) {
      await recordAudit(SYSTEM_ACTOR, { action: 'maintenance.materialise', targetType: 'maintenance_schedule', summary: { ...outcome, days: MATERIALISE_DAYS } }, tx)
    }
    return outcome
  })
}

/** The rule must read and recur within a year from now; otherwise a field error on `rrule`. */
function requireRule(rrule: string, anchor: Date, now: Date): void {
  const parsed = parseRecurrence(rrule, anchor, now)
  if (!parsed.ok) throw unprocessable('Please correct the recurrence rule.', { rrule: [parsed.problem] })
}

async function requireService(tx: Tx, serviceId: string | null): Promise<string> {
  if (serviceId === null) return 'all services'
  const service = await tx.service.findUnique({ where: { id: serviceId }, select: { key: true } })
  if (!service) throw unprocessable('That service does not exist', { serviceId: ['Choose a service'] })
  return service.key
}

const summaryOf = (s: Pick<MaintenanceSchedule, 'rrule' | 'durationMinutes' | 'timezone'>, service: string) => ({
  service,
  rrule: s.rrule,
  durationMinutes: s.durationMinutes,
  timezone: s.timezone,
})

/** Creates a schedule and materialises its windows in the same transaction. The reason stays on the row (redacted), not in the audit. */
export async function createMaintenanceSchedule(actor: Actor, input: MaintenanceScheduleInput, now = new Date()): Promise<{ schedule: MaintenanceSchedule; windows: number }> {
  authorize(actor, 'oncall:manage')
  // createdAt is the rule's anchor (recurrence.ts): set it to the clock the rule was checked against.
  requireRule(input.rrule, recurrenceAnchor(now), now)
  return inTransaction(async (tx) => {
    const service = await requireService(tx, input.serviceId)
    const schedule = await tx.maintenanceSchedule.create({ data: { ...input, timezone: 'UTC', createdBy: actor.label, createdAt: now } })
    const { created } = await materialiseMaintenance(now, { tx, scheduleIds: [schedule.id] })
    await recordAudit(
      actor,
      { action: 'maintenance_schedule.create', targetType: 'maintenance_schedule', targetId: schedule.id, summary: { ...summaryOf(schedule, service), windows: created } },
      tx,
    )
    return { schedule, windows: created }
  })
}

async function activeSchedule(tx: Tx, scheduleId: string): Promise<MaintenanceSchedule> {
  await tx.$queryRaw`SELECT id FROM "MaintenanceSchedule" WHERE id = ${scheduleId}::uuid FOR UPDATE`
  const schedule = await tx.maintenanceSchedule.findUnique({ where: { id: scheduleId } })
  if (!schedule) throw notFound('That maintenance schedule does not exist')
  if (schedule.archivedAt) throw conflict('That maintenance schedule is archived')
  return schedule
}

/** Windows of a schedule that have not started yet: removed when its rule changes or it is archived. */
async function removeUpcoming(tx: Tx, scheduleId: string, now: Date): Promise<number> {
  return (await tx.maintenanceWindow.deleteMany({ where: { scheduleId, startsAt: { gt: now } } })).count
}

/** Changes a schedule: its windows not yet started are replaced by those of the new rule. */
export async function updateMaintenanceSchedule(actor: Actor, { scheduleId, ...input }: UpdateMaintenanceScheduleInput, now = new Date()): Promise<{ schedule: MaintenanceSchedule; windows: number }> {
  authorize(actor, 'oncall:manage')
  return inTransaction(async (tx) => {
    const before = await activeSchedule(tx, scheduleId)
    requireRule(input.rrule, recurrenceAnchor(before.createdAt), now)
    const service = await requireService(tx, input.serviceId)
    const removed = await removeUpcoming(tx, scheduleId, now)
    const schedule = await tx.maintenanceSchedule.update({ where: { id: scheduleId }, data: input })
    const { created } = await materialiseMaintenance(now, { tx, scheduleIds: [scheduleId] })
    await recordAudit(
      actor,
      {
        action: 'maintenance_schedule.update',
        targetType: 'maintenance_schedule',
        targetId: scheduleId,
        summary: { service, ...changeSummary(before, schedule, ['serviceId', 'rrule', 'durationMinutes']), removed, windows: created },
      },
      tx,
    )
    return { schedule, windows: created }
  })
}

/** Archives a schedule: no more windows; those not started are removed, one in progress runs to its end. */
export async function archiveMaintenanceSchedule(actor: Actor, scheduleId: string, now = new Date()): Promise<{ removed: number; inProgress: number }> {
  authorize(actor, 'oncall:manage')
  return inTransaction(async (tx) => {
    const schedule = await activeSchedule(tx, scheduleId)
    await tx.maintenanceSchedule.update({ where: { id: scheduleId }, data: { archivedAt: now } })
    const removed = await removeUpcoming(tx, scheduleId, now)
    const inProgress = await tx.maintenanceWindow.count({ where: { scheduleId, startsAt: { lte: now }, endsAt: { gt: now } } })
    await recordAudit(
      actor,
      { action: 'maintenance_schedule.archive', targetType: 'maintenance_schedule', targetId: scheduleId, summary: { rrule: schedule.rrule, removed, inProgress } },
      tx,
    )
    return { removed, inProgress }
  })
}
