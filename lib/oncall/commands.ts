/**
 * The on-call write layer: schedules, overrides, escalation policies, maintenance windows. Each command
 * takes the actor and already-validated input (schema.ts), checks `oncall:manage`, then writes and audits
 * in one transaction. Audit summaries carry names, ids, times and counts, never free text (override and
 * maintenance reasons stay, redacted, on their rows).
 *
 * Maintenance windows: while one covers a service, its alerts are still recorded but incidents opened then
 * are muted (no notifications, no escalation), and the escalation runner holds back the service's open
 * incidents until the window ends (schedules.ts `activeMaintenance`).
 */
import type { EscalationPolicy, MaintenanceWindow, Schedule } from '@/lib/generated/prisma/client'
import { changeSummary, recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { conflict, notFound, prismaCode, unprocessable } from '@/lib/errors'
import { inTransaction, type Tx } from '@/lib/tx'
import { parseLevels } from './escalation-policy'
import type {
  EscalationLevel,
  EscalationPolicyInput,
  MaintenanceInput,
  OverrideInput,
  ScheduleInput,
  UpdateEscalationPolicyInput,
  UpdateScheduleInput,
} from './schema'

const SCHEDULE_FIELDS = ['name', 'timezone', 'rotation', 'handoffTime', 'startDate', 'participantIds'] as const
const POLICY_FIELDS = ['name', 'levels', 'severityDelays', 'emergencyIntervalMinutes'] as const

/** Checks the permission, then runs `work` in one transaction; a duplicate name of `what` becomes a 409 on the name field. */
async function write<T>(actor: Actor, work: (tx: Tx) => Promise<T>, uniqueName?: string): Promise<T> {
  authorize(actor, 'oncall:manage')
  try {
    return await inTransaction(work)
  } catch (err) {
    if (uniqueName && prismaCode(err) === 'P2002') throw conflict(`A ${uniqueName} with this name already exists`, { name: ['Choose another name'] })
    throw err
  }
}

/** Every id must be an active user, or the named field is refused (422). */
async function requireActiveUsers(tx: Tx, ids: readonly string[], field: string): Promise<void> {
  const found = await tx.user.count({ where: { id: { in: [...new Set(ids)] }, disabledAt: null } })
  if (found !== new Set(ids).size) throw unprocessable('Choose active people only', { [field]: ['One of these people does not exist or is disabled'] })
}

async function requireTargets(tx: Tx, levels: readonly EscalationLevel[]): Promise<void> {
  const targets = levels.flatMap((l) => l.targets)
  const userIds = [...new Set(targets.filter((t) => t.type === 'user').map((t) => t.id))]
  const scheduleIds = [...new Set(targets.filter((t) => t.type === 'schedule').map((t) => t.id))]
  await requireActiveUsers(tx, userIds, 'levels')
  if ((await tx.schedule.count({ where: { id: { in: scheduleIds } } })) !== scheduleIds.length) {
    throw unprocessable('Choose existing schedules only', { levels: ['One of these schedules does not exist'] })
  }
}

export function createSchedule(actor: Actor, input: ScheduleInput): Promise<Schedule> {
  return write(
    actor,
    async (tx) => {
      await requireActiveUsers(tx, input.participantIds, 'participantIds')
      const row = await tx.schedule.create({ data: input })
      await recordAudit(actor, { action: 'schedule.create', targetType: 'schedule', targetId: row.id, summary: changeSummary(null, row, SCHEDULE_FIELDS) }, tx)
      return row
    },
    'schedule',
  )
}

export function updateSchedule(actor: Actor, { scheduleId, ...input }: UpdateScheduleInput): Promise<Schedule> {
  return write(
    actor,
    async (tx) => {
      const before = await tx.schedule.findUnique({ where: { id: scheduleId } })
      if (!before) throw notFound('That schedule does not exist')
      // People already in the rotation may stay even if disabled since; newly added ones must be active.
      await requireActiveUsers(tx, input.participantIds.filter((id) => !before.participantIds.includes(id)), 'participantIds')
      const row = await tx.schedule.update({ where: { id: scheduleId }, data: input })
      await recordAudit(actor, { action: 'schedule.update', targetType: 'schedule', targetId: row.id, summary: changeSummary(before, row, SCHEDULE_FIELDS) }, tx)
      return row
    },
    'schedule',
  )
}

/** Deletes a schedule no escalation policy pages (409 naming the policies otherwise); returns its name. */
export function deleteSchedule(actor: Actor, scheduleId: string): Promise<string> {
  return write(actor, async (tx) => {
    const schedule = await tx.schedule.findUnique({ where: { id: scheduleId } })
    if (!schedule) throw notFound('That schedule does not exist')
    const policies = await tx.escalationPolicy.findMany({ select: { name: true, levels: true } })
    const usedBy = policies.filter((p) => parseLevels(p.levels).some((l) => l.targets.some((t) => t.type === 'schedule' && t.id === scheduleId)))
    if (usedBy.length > 0) {
      throw conflict(`Schedule ${schedule.name} is paged by ${usedBy.map((p) => p.name).join(', ')}; remove it from those policies first.`)
    }
    await tx.schedule.delete({ where: { id: scheduleId } })
    await recordAudit(actor, { action: 'schedule.delete', targetType: 'schedule', targetId: scheduleId, summary: { name: schedule.name } }, tx)
    return schedule.name
  })
}

const overrideSummary = (o: { id: string; userId: string; startsAt: Date; endsAt: Date }) => ({
  overrideId: o.id,
  userId: o.userId,
  startsAt: o.startsAt.toISOString(),
  endsAt: o.endsAt.toISOString(),
})

export function addOverride(actor: Actor, input: OverrideInput): Promise<void> {
  return write(actor, async (tx) => {
    if (!(await tx.schedule.findUnique({ where: { id: input.scheduleId }, select: { id: true } }))) {
      throw unprocessable('That schedule does not exist', { scheduleId: ['Choose a schedule'] })
    }
    await requireActiveUsers(tx, [input.userId], 'userId')
    const row = await tx.scheduleOverride.create({ data: input })
    // The reason is free text: kept (redacted) on the row, not in the trail.
    await recordAudit(actor, { action: 'schedule.override.add', targetType: 'schedule', targetId: input.scheduleId, summary: overrideSummary(row) }, tx)
  })
}

export function removeOverride(actor: Actor, overrideId: string): Promise<void> {
  return write(actor, async (tx) => {
    const row = await tx.scheduleOverride.findUnique({ where: { id: overrideId } })
    if (!row) throw notFound('That override does not exist')
    await tx.scheduleOverride.delete({ where: { id: overrideId } })
    await recordAudit(actor, { action: 'schedule.override.remove', targetType: 'schedule', targetId: row.scheduleId, summary: overrideSummary(row) }, tx)
  })
}

export function createEscalationPolicy(actor: Actor, input: EscalationPolicyInput): Promise<EscalationPolicy> {
  return write(
    actor,
    async (tx) => {
      await requireTargets(tx, input.levels)
      const row = await tx.escalationPolicy.create({ data: input })
      await recordAudit(actor, { action: 'escalation_policy.create', targetType: 'escalation_policy', targetId: row.id, summary: changeSummary(null, row, POLICY_FIELDS) }, tx)
      return row
    },
    'policy',
  )
}

export function updateEscalationPolicy(actor: Actor, { policyId, ...input }: UpdateEscalationPolicyInput): Promise<EscalationPolicy> {
  return write(
    actor,
    async (tx) => {
      const before = await tx.escalationPolicy.findUnique({ where: { id: policyId } })
      if (!before) throw notFound('That escalation policy does not exist')
      await requireTargets(tx, input.levels)
      const row = await tx.escalationPolicy.update({ where: { id: policyId }, data: input })
      await recordAudit(actor, { action: 'escalation_policy.update', targetType: 'escalation_policy', targetId: row.id, summary: changeSummary(before, row, POLICY_FIELDS) }, tx)
      return row
    },
    'policy',
  )
}

export function createMaintenanceWindow(actor: Actor, input: MaintenanceInput, now = new Date()): Promise<MaintenanceWindow> {
  return write(actor, async (tx) => {
    if (input.endsAt <= now) throw unprocessable('A maintenance window must end in the future', { endsAt: ['The end must be in the future'] })
    const service = await tx.service.findUnique({ where: { id: input.serviceId }, select: { id: true, key: true } })
    if (!service) throw unprocessable('That service does not exist', { serviceId: ['Choose a service'] })
    const window = await tx.maintenanceWindow.create({ data: input })
    await recordAudit(
      actor,
      {
        action: 'maintenance.create',
        targetType: 'maintenance_window',
        targetId: window.id,
        // The reason is staff free text: recorded on the row (redacted), not in the audit trail.
        summary: { service: service.key, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() },
      },
      tx,
    )
    return window
  })
}

/**
 * Ends a window now; one that has not started yet is cancelled (deleted). Ending an ended window is refused.
 * Returns what happened, so the page can say it.
 */
export function endMaintenanceWindow(actor: Actor, windowId: string, now = new Date()): Promise<{ window: MaintenanceWindow; outcome: 'ended' | 'cancelled' }> {
  return write(actor, async (tx) => {
    const window = await tx.maintenanceWindow.findUnique({ where: { id: windowId }, include: { service: { select: { key: true } } } })
    if (!window) throw notFound('That maintenance window does not exist')
    if (window.endsAt <= now || window.endsAt <= window.startsAt) throw conflict('That maintenance window has already ended or was cancelled')
    const outcome = window.startsAt > now ? 'cancelled' : 'ended'
    const { service, ...row } = window
    // A recurring schedule's window is cancelled by keeping it with zero length: deleted, the next
    // materialise run would make it again (maintenance-schedules.ts).
    const result =
      outcome === 'cancelled'
        ? row.scheduleId
          ? await tx.maintenanceWindow.update({ where: { id: windowId }, data: { endsAt: row.startsAt } })
          : await tx.maintenanceWindow.delete({ where: { id: windowId } })
        : await tx.maintenanceWindow.update({ where: { id: windowId }, data: { endsAt: now } })
    await recordAudit(
      actor,
      {
        action: outcome === 'cancelled' ? 'maintenance.cancel' : 'maintenance.end',
        targetType: 'maintenance_window',
        targetId: windowId,
        summary: { service: service.key, endsAt: { from: row.endsAt.toISOString(), to: outcome === 'ended' ? now.toISOString() : null } },
      },
      tx,
    )
    return { window: result, outcome }
  })
}
