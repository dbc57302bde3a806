'use server'
/**
 * Server actions of the on-call page: schedules, overrides, escalation policies, maintenance windows.
 * Each is built with defineAction('oncall:manage', …): validate → authorise → write + audit in one
 * transaction → revalidate. Audit summaries carry names, ids, times and counts, never free text.
 */
import { revalidatePath } from 'next/cache'
import { db, Prisma } from '@/lib/db'
import { changeSummary, recordAudit } from '@/lib/audit'
import { defineAction } from '@/lib/auth/guard'
import { conflict, notFound, unprocessable } from '@/lib/errors'
import { parseLevels } from './escalation'
import { createMaintenanceWindow, endMaintenanceWindow } from './maintenance'
import {
  EscalationPolicyInput,
  MaintenanceInput,
  MaintenanceRef,
  OverrideInput,
  OverrideRef,
  ScheduleInput,
  ScheduleRef,
  UpdateEscalationPolicyInput,
  UpdateScheduleInput,
  type EscalationLevel,
} from './schema'

const ONCALL_PATH = '/oncall'
type Tx = Prisma.TransactionClient

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002'
}

/** Runs a write; a duplicate name becomes a 409 on the name field instead of a 500. */
async function uniqueName<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A ${what} with this name already exists`, { name: ['Choose another name'] })
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

const SCHEDULE_FIELDS = ['name', 'timezone', 'rotation', 'handoffTime', 'startDate', 'participantIds'] as const

export const createScheduleAction = defineAction('oncall:manage', ScheduleInput, async (input, { actor }) => {
  const schedule = await uniqueName('schedule', () =>
    db.$transaction(async (tx) => {
      await requireActiveUsers(tx, input.participantIds, 'participantIds')
      const row = await tx.schedule.create({ data: input })
      await recordAudit(actor, { action: 'schedule.create', targetType: 'schedule', targetId: row.id, summary: changeSummary(null, row, SCHEDULE_FIELDS) }, tx)
      return row
    }),
  )
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 201, message: `Schedule ${schedule.name} was created.` }
})

export const updateScheduleAction = defineAction('oncall:manage', UpdateScheduleInput, async ({ scheduleId, ...input }, { actor }) => {
  const schedule = await uniqueName('schedule', () =>
    db.$transaction(async (tx) => {
      const before = await tx.schedule.findUnique({ where: { id: scheduleId } })
      if (!before) throw notFound('That schedule does not exist')
      // People already in the rotation may stay even if disabled since; newly added ones must be active.
      await requireActiveUsers(tx, input.participantIds.filter((id) => !before.participantIds.includes(id)), 'participantIds')
      const row = await tx.schedule.update({ where: { id: scheduleId }, data: input })
      await recordAudit(actor, { action: 'schedule.update', targetType: 'schedule', targetId: row.id, summary: changeSummary(before, row, SCHEDULE_FIELDS) }, tx)
      return row
    }),
  )
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 200, message: `Schedule ${schedule.name} was saved.` }
})

export const deleteScheduleAction = defineAction('oncall:manage', ScheduleRef, async ({ scheduleId }, { actor }) => {
  const name = await db.$transaction(async (tx) => {
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
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 200, message: `Schedule ${name} was deleted.` }
})

export const addOverrideAction = defineAction('oncall:manage', OverrideInput, async (input, { actor }) => {
  await db.$transaction(async (tx) => {
    if (!(await tx.schedule.findUnique({ where: { id: input.scheduleId }, select: { id: true } }))) {
      throw unprocessable('That schedule does not exist', { scheduleId: ['Choose a schedule'] })
    }
    await requireActiveUsers(tx, [input.userId], 'userId')
    const row = await tx.scheduleOverride.create({ data: input })
    await recordAudit(
      actor,
      {
        action: 'schedule.override.add',
        targetType: 'schedule',
        targetId: input.scheduleId,
        // The reason is free text: kept (redacted) on the row, not in the trail.
        summary: { overrideId: row.id, userId: row.userId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() },
      },
      tx,
    )
  })
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 201, message: 'The override was added.' }
})

export const removeOverrideAction = defineAction('oncall:manage', OverrideRef, async ({ overrideId }, { actor }) => {
  await db.$transaction(async (tx) => {
    const row = await tx.scheduleOverride.findUnique({ where: { id: overrideId } })
    if (!row) throw notFound('That override does not exist')
    await tx.scheduleOverride.delete({ where: { id: overrideId } })
    await recordAudit(
      actor,
      {
        action: 'schedule.override.remove',
        targetType: 'schedule',
        targetId: row.scheduleId,
        summary: { overrideId, userId: row.userId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() },
      },
      tx,
    )
  })
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 200, message: 'The override was removed.' }
})

const POLICY_FIELDS = ['name', 'levels', 'severityDelays'] as const

export const createEscalationPolicyAction = defineAction('oncall:manage', EscalationPolicyInput, async (input, { actor }) => {
  const policy = await uniqueName('policy', () =>
    db.$transaction(async (tx) => {
      await requireTargets(tx, input.levels)
      const row = await tx.escalationPolicy.create({ data: input })
      await recordAudit(actor, { action: 'escalation_policy.create', targetType: 'escalation_policy', targetId: row.id, summary: changeSummary(null, row, POLICY_FIELDS) }, tx)
      return row
    }),
  )
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 201, message: `Escalation policy ${policy.name} was created.` }
})

export const updateEscalationPolicyAction = defineAction('oncall:manage', UpdateEscalationPolicyInput, async ({ policyId, ...input }, { actor }) => {
  const policy = await uniqueName('policy', () =>
    db.$transaction(async (tx) => {
      const before = await tx.escalationPolicy.findUnique({ where: { id: policyId } })
      if (!before) throw notFound('That escalation policy does not exist')
      await requireTargets(tx, input.levels)
      const row = await tx.escalationPolicy.update({ where: { id: policyId }, data: input })
      await recordAudit(actor, { action: 'escalation_policy.update', targetType: 'escalation_policy', targetId: row.id, summary: changeSummary(before, row, POLICY_FIELDS) }, tx)
      return row
    }),
  )
  revalidatePath(ONCALL_PATH)
  return { ok: true, status: 200, message: `Escalation policy ${policy.name} was saved.` }
})

export const createMaintenanceAction = defineAction('oncall:manage', MaintenanceInput, async (input, { actor }) => {
  await createMaintenanceWindow(input, actor)
  revalidatePath(ONCALL_PATH)
  revalidatePath('/incidents')
  return { ok: true, status: 201, message: 'The maintenance window was scheduled; incidents opened during it are muted.' }
})

export const endMaintenanceAction = defineAction('oncall:manage', MaintenanceRef, async ({ windowId }, { actor }) => {
  const { outcome } = await endMaintenanceWindow(windowId, actor)
  revalidatePath(ONCALL_PATH)
  revalidatePath('/incidents')
  return { ok: true, status: 200, message: outcome === 'cancelled' ? 'The maintenance window was cancelled.' : 'The maintenance window was ended.' }
})
