/**
 * Reads of recurring maintenance: the schedules in words with their next occurrences (on-call page), and
 * the windows of the coming days (incident board), grouped so that a schedule for every service reads as
 * one line. Callers check incident:read first.
 */
import 'server-only'
import { db } from '@/lib/db'
import { DAY_MS } from '@/lib/time'
import { describeRecurrence, nextOccurrences, parseRecurrence, recurrenceAnchor, type Occurrence } from './recurrence'

export const ALL_SERVICES = 'All services'

export interface MaintenanceScheduleView {
  id: string
  serviceId: string | null
  serviceName: string
  rrule: string
  durationMinutes: number
  description: string
  next: Occurrence[]
  reason: string
  createdBy: string
  createdAt: Date
}

/** Active schedules, oldest first, each with its rule in words and its next three windows. */
export async function listMaintenanceSchedules(now: Date): Promise<MaintenanceScheduleView[]> {
  const rows = await db.maintenanceSchedule.findMany({
    where: { archivedAt: null },
    orderBy: { createdAt: 'asc' },
    include: { service: { select: { name: true } } },
    take: 100,
  })
  return rows.map((s) => {
    const parsed = parseRecurrence(s.rrule, recurrenceAnchor(s.createdAt))
    return {
      id: s.id,
      serviceId: s.serviceId,
      serviceName: s.service?.name ?? ALL_SERVICES,
      rrule: s.rrule,
      durationMinutes: s.durationMinutes,
      description: parsed.ok ? describeRecurrence(parsed.rule, s.durationMinutes, now) : 'Unreadable rule: no windows are made',
      next: parsed.ok ? nextOccurrences(parsed.rule, s.durationMinutes, now, 3) : [],
      reason: s.reason,
      createdBy: s.createdBy,
      createdAt: s.createdAt,
    }
  })
}

export interface UpcomingMaintenance {
  /** The window's id, or for a schedule covering every service `<scheduleId>@<start>`. */
  key: string
  services: string
  startsAt: Date
  endsAt: Date
  reason: string
  recurring: boolean
  active: boolean
}

const ROW_LIMIT = 500

/**
 * Windows in progress or starting within `days` (cancelled ones left out), by start: a schedule for every
 * service is one entry, as are several windows of one schedule at the same time. At most `shown` entries.
 */
export async function listUpcomingMaintenance(now: Date, days = 7, shown = 10): Promise<{ items: UpcomingMaintenance[]; more: number }> {
  const rows = await db.maintenanceWindow.findMany({
    where: { endsAt: { gt: now }, startsAt: { lt: new Date(now.getTime() + days * DAY_MS) } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      reason: true,
      scheduleId: true,
      service: { select: { name: true } },
      schedule: { select: { serviceId: true } },
    },
    take: ROW_LIMIT,
  })
  const groups = new Map<string, UpcomingMaintenance & { names: string[] }>()
  for (const w of rows) {
    if (w.endsAt <= w.startsAt) continue
    const global = w.scheduleId !== null && w.schedule?.serviceId === null
    const key = global ? `${w.scheduleId}@${w.startsAt.toISOString()}` : w.id
    const group = groups.get(key)
    if (group) {
      group.names.push(w.service.name)
      continue
    }
    groups.set(key, {
      key,
      services: '',
      names: [w.service.name],
      startsAt: w.startsAt,
      endsAt: w.endsAt,
      reason: w.reason,
      recurring: w.scheduleId !== null,
      active: w.startsAt <= now,
      ...(global ? { services: ALL_SERVICES } : {}),
    })
  }
  const items = [...groups.values()].map(({ names, ...g }) => ({ ...g, services: g.services || names.join(', ') }))
  return { items: items.slice(0, shown), more: Math.max(0, items.length - shown) }
}
