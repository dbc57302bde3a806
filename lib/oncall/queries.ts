/**
 * Reads for the on-call page: schedules with who is on call now and the next 14 days, escalation
 * policies with their levels in words, maintenance windows current and upcoming. The page checks
 * incident:read before calling these.
 */
import 'server-only'
import { db } from '@/lib/db'
import { SEVERITIES } from '@/lib/severity'
import { DAY_MS } from '@/lib/time'
import { parseLevels, severityDelayMinutes } from './escalation-policy'
import { shiftAt, shiftsBetween, type Shift } from './rotation'
import { overrideSpecsOf, rotationSpecOf } from './schedules'

export const HORIZON_DAYS = 14

export interface Person {
  id: string
  name: string
  email: string
  disabled: boolean
}

export interface ShiftView extends Shift {
  userName: string
}

export interface ScheduleView {
  id: string
  name: string
  timezone: string
  rotation: 'daily' | 'weekly'
  handoffTime: string
  startDate: string
  participants: Person[]
  now: ShiftView | null
  /** Shifts from now to now + 14 days, overrides applied; the first may have begun before now. */
  upcoming: ShiftView[]
  overrides: { id: string; userId: string; userName: string; startsAt: Date; endsAt: Date; reason: string }[]
  /** Escalation policies naming this schedule (it cannot be deleted while any does). */
  usedBy: string[]
}

function personOf(u: { id: string; name: string; email: string; disabledAt: Date | null }): Person {
  return { id: u.id, name: u.name || u.email, email: u.email, disabled: u.disabledAt !== null }
}

async function peopleById(ids: Iterable<string>): Promise<Map<string, Person>> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, email: true, disabledAt: true } })
  return new Map(users.map((u) => [u.id, personOf(u)]))
}

const nameOf = (people: Map<string, Person>, id: string) => people.get(id)?.name ?? 'deleted user'

/** Everyone who can be put on call or paged: active users, by name. */
export async function listPeople(): Promise<Person[]> {
  const users = await db.user.findMany({
    where: { disabledAt: null },
    select: { id: true, name: true, email: true, disabledAt: true },
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
  })
  return users.map(personOf)
}

export async function listServices(): Promise<{ id: string; key: string; name: string }[]> {
  return db.service.findMany({ where: { archivedAt: null }, select: { id: true, key: true, name: true }, orderBy: { name: 'asc' } })
}

function policiesUsing(policies: { name: string; levels: unknown }[], type: 'user' | 'schedule', id: string): string[] {
  return policies.filter((p) => parseLevels(p.levels).some((l) => l.targets.some((t) => t.type === type && t.id === id))).map((p) => p.name)
}

export async function listSchedules(now: Date): Promise<ScheduleView[]> {
  const horizon = new Date(now.getTime() + HORIZON_DAYS * DAY_MS)
  const [schedules, policies] = await Promise.all([
    db.schedule.findMany({
      orderBy: { name: 'asc' },
      include: { overrides: { where: { endsAt: { gt: now }, startsAt: { lt: horizon } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] } },
    }),
    db.escalationPolicy.findMany({ select: { name: true, levels: true } }),
  ])
  const people = await peopleById(schedules.flatMap((s) => [...s.participantIds, ...s.overrides.map((o) => o.userId)]))
  const withName = (s: Shift): ShiftView => ({ ...s, userName: nameOf(people, s.userId) })
  return schedules.map((s) => {
    const spec = rotationSpecOf(s)
    const overrides = overrideSpecsOf(s.overrides)
    const current = shiftAt(spec, overrides, now)
    return {
      id: s.id,
      name: s.name,
      timezone: s.timezone,
      rotation: spec.rotation,
      handoffTime: s.handoffTime,
      startDate: s.startDate,
      participants: s.participantIds.map((id) => people.get(id) ?? { id, name: 'deleted user', email: '', disabled: true }),
      now: current ? withName(current) : null,
      upcoming: shiftsBetween(spec, overrides, now, horizon).map(withName),
      overrides: s.overrides.map((o) => ({ id: o.id, userId: o.userId, userName: nameOf(people, o.userId), startsAt: o.startsAt, endsAt: o.endsAt, reason: o.reason })),
      usedBy: policiesUsing(policies, 'schedule', s.id),
    }
  })
}

export interface PolicyView {
  id: string
  name: string
  /** Severity → minutes before the first page; severities that never page are absent. */
  severityDelays: { severity: (typeof SEVERITIES)[number]; minutes: number }[]
  /** Critical incidents climb at most this many minutes apart; null = the levels' own delays. */
  emergencyIntervalMinutes: number | null
  levels: { delayMinutes: number; targets: { type: 'user' | 'schedule'; id: string; name: string }[] }[]
  services: string[]
}

export async function listEscalationPolicies(): Promise<PolicyView[]> {
  const policies = await db.escalationPolicy.findMany({ orderBy: { name: 'asc' }, include: { services: { select: { name: true }, orderBy: { name: 'asc' } } } })
  const levelsOf = new Map(policies.map((p) => [p.id, parseLevels(p.levels)]))
  const targets = [...levelsOf.values()].flat().flatMap((l) => l.targets)
  const [people, schedules] = await Promise.all([
    peopleById(targets.filter((t) => t.type === 'user').map((t) => t.id)),
    db.schedule.findMany({ where: { id: { in: targets.filter((t) => t.type === 'schedule').map((t) => t.id) } }, select: { id: true, name: true } }),
  ])
  const scheduleNames = new Map(schedules.map((s) => [s.id, s.name]))
  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    severityDelays: SEVERITIES.flatMap((severity) => {
      const minutes = severityDelayMinutes(p.severityDelays, severity)
      return minutes === null ? [] : [{ severity, minutes }]
    }),
    emergencyIntervalMinutes: p.emergencyIntervalMinutes,
    levels: (levelsOf.get(p.id) ?? []).map((l) => ({
      delayMinutes: l.delayMinutes,
      targets: l.targets.map((t) => ({
        ...t,
        name: t.type === 'user' ? nameOf(people, t.id) : (scheduleNames.get(t.id) ?? 'deleted schedule'),
      })),
    })),
    services: p.services.map((s) => s.name),
  }))
}

export interface MaintenanceView {
  id: string
  serviceId: string
  serviceName: string
  startsAt: Date
  endsAt: Date
  reason: string
  active: boolean
  /** Made from a recurring schedule (its upcoming windows are listed with the schedule instead). */
  recurring: boolean
}

/**
 * One-off windows that have not ended, and recurring schedules' windows in progress (to end them early):
 * the current ones first, then upcoming by start. Cancelled recurring windows (zero length) are left out.
 */
export async function listMaintenanceWindows(now: Date): Promise<MaintenanceView[]> {
  const windows = await db.maintenanceWindow.findMany({
    where: {
      endsAt: { gt: now },
      OR: [{ scheduleId: null }, { startsAt: { lte: now } }],
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    include: { service: { select: { name: true } } },
    take: 200,
  })
  return windows.map((w) => ({
    id: w.id,
    serviceId: w.serviceId,
    serviceName: w.service.name,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    reason: w.reason,
    active: w.startsAt <= now,
    recurring: w.scheduleId !== null,
  }))
}
