/**
 * Who is on call for a schedule: rows from the database, answered by the pure rotation maths (rotation.ts);
 * who an escalation level pages (`pagedTargets`), and the maintenance window covering a service now
 * (`activeMaintenance`): ingest and the escalation runner read these inside their transactions.
 */
import { db, type Prisma } from '@/lib/db'
import type { MaintenanceWindow } from '@/lib/generated/prisma/client'
import type { Schedule, ScheduleOverride } from '@/lib/generated/prisma/client'
import { shiftAt, shiftsBetween, type OverrideSpec, type RotationSpec, type Shift } from './rotation'
import type { EscalationTarget } from './schema'

export interface OnCallShift {
  userId: string
  from: Date
  to: Date
}

type Reader = Prisma.TransactionClient | typeof db

/** The rotation of a stored schedule; an unknown rotation kind is read as daily (the form allows only the two). */
export function rotationSpecOf(schedule: Pick<Schedule, 'timezone' | 'rotation' | 'handoffTime' | 'startDate' | 'participantIds'>): RotationSpec {
  return {
    timezone: schedule.timezone,
    rotation: schedule.rotation === 'weekly' ? 'weekly' : 'daily',
    handoffTime: schedule.handoffTime,
    startDate: schedule.startDate,
    participantIds: schedule.participantIds,
  }
}

export function overrideSpecsOf(overrides: readonly Pick<ScheduleOverride, 'id' | 'userId' | 'startsAt' | 'endsAt'>[]): OverrideSpec[] {
  // Callers pass them by start time: where two overlap, the one starting later wins (rotation.ts applies them in order).
  return overrides.map((o) => ({ id: o.id, userId: o.userId, startsAt: o.startsAt, endsAt: o.endsAt }))
}

async function loadSchedule(client: Reader, scheduleId: string, from: Date, to: Date) {
  return client.schedule.findUnique({
    where: { id: scheduleId },
    include: { overrides: { where: { endsAt: { gt: from }, startsAt: { lt: to } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] } },
  })
}

/** onCallNow with an explicit client, so a transaction (the escalation job) reads its own snapshot. */
export async function onCallWith(client: Reader, scheduleId: string, at: Date): Promise<OnCallShift | null> {
  const schedule = await loadSchedule(client, scheduleId, at, new Date(at.getTime() + 1))
  if (!schedule) return null
  const shift = shiftAt(rotationSpecOf(schedule), overrideSpecsOf(schedule.overrides), at)
  return shift ? { userId: shift.userId, from: shift.from, to: shift.to } : null
}

/** The user covering `scheduleId` at `at` (an override wins over the rotation), or null when nobody is. */
export async function onCallNow(scheduleId: string, at: Date): Promise<OnCallShift | null> {
  return onCallWith(db, scheduleId, at)
}

/** Shifts of one schedule overlapping [from, to), overrides applied. */
export async function scheduleShifts(scheduleId: string, from: Date, to: Date): Promise<Shift[]> {
  const schedule = await loadSchedule(db, scheduleId, from, to)
  if (!schedule) return []
  return shiftsBetween(rotationSpecOf(schedule), overrideSpecsOf(schedule.overrides), from, to)
}

/** A resolved target: who was paged, by name (staff names only; never incident text). */
export interface PagedTarget {
  type: EscalationTarget['type']
  id: string
  name: string
  /** The person paged; null when a schedule had nobody on call or a user no longer exists. */
  userId: string | null
  userName: string | null
}

/** The people an escalation level's targets page at `at`: users as named, schedules by who is on call. */
export async function pagedTargets(client: Reader, targets: readonly EscalationTarget[], at: Date): Promise<PagedTarget[]> {
  const scheduleIds = targets.filter((t) => t.type === 'schedule').map((t) => t.id)
  const schedules = new Map(
    (await client.schedule.findMany({ where: { id: { in: scheduleIds } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]),
  )
  const userIdOf = new Map<string, string | null>()
  for (const t of targets) {
    userIdOf.set(`${t.type}:${t.id}`, t.type === 'user' ? t.id : ((await onCallWith(client, t.id, at))?.userId ?? null))
  }
  const userIds = [...new Set([...userIdOf.values()].filter((v): v is string => v !== null))]
  const users = new Map(
    (await client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u.name || u.email]),
  )
  return targets.map((t) => {
    const userId = userIdOf.get(`${t.type}:${t.id}`) ?? null
    const userName = userId ? (users.get(userId) ?? null) : null
    const name = t.type === 'user' ? (userName ?? 'deleted user') : (schedules.get(t.id) ?? 'deleted schedule')
    return { type: t.type, id: t.id, name, userId: userName ? userId : null, userName }
  })
}

/** The window covering `serviceId` at `at` (start inclusive, end exclusive), the one ending last if several overlap. */
export async function activeMaintenance(tx: Prisma.TransactionClient, serviceId: string, at: Date): Promise<MaintenanceWindow | null> {
  return tx.maintenanceWindow.findFirst({
    where: { serviceId, startsAt: { lte: at }, endsAt: { gt: at } },
    orderBy: { endsAt: 'desc' },
  })
}
