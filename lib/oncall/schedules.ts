/**
 * Who is on call for a schedule: rows from the database, answered by the pure rotation maths (rotation.ts).
 */
import { db, type Prisma } from '@/lib/db'
import type { Schedule, ScheduleOverride } from '@/lib/generated/prisma/client'
import { shiftAt, shiftsBetween, type OverrideSpec, type RotationSpec, type Shift } from './rotation'

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
