/**
 * Escalation: when an unacknowledged incident first pages, and how it climbs its policy's levels.
 *
 * Timing: an incident of severity S opened at T first pages level 1 at T + severityDelays[S] +
 * levels[0].delayMinutes (a severity absent from severityDelays never pages). Level n+1 pages
 * levels[n].delayMinutes after level n, while nobody acknowledged. After the last level the incident is
 * "exhausted": nextEscalationAt becomes null. Incident.escalationLevel counts the levels paged so far.
 */
import { db, type Prisma } from '@/lib/db'
import type { Severity } from '@/lib/generated/prisma/enums'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { logger } from '@/lib/logger'
import { publishIncidentChange } from '@/lib/incidents/live'
import { enqueueIncidentNotifications } from '@/lib/notifications/outbox'
import { EscalationLevels, type EscalationLevel, type EscalationTarget } from './schema'
import { onCallWith } from './schedules'

const MINUTE_MS = 60_000
/** Incidents escalated per run at most; the rest wait a minute, oldest due first. */
const BATCH = 200

/** Minutes before the first page for `severity`, or null when this severity never pages. */
export function severityDelayMinutes(severityDelays: unknown, severity: Severity): number | null {
  if (!severityDelays || typeof severityDelays !== 'object' || Array.isArray(severityDelays)) return null
  const value = (severityDelays as Record<string, unknown>)[severity]
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null
  return value
}

/** The levels of a stored policy, or [] when the JSON is not a valid list of levels. */
export function parseLevels(levels: unknown): EscalationLevel[] {
  const parsed = EscalationLevels.safeParse(levels)
  return parsed.success ? parsed.data : []
}

/**
 * When an incident of `severity` opened at `from` first escalates under `policy`; null = never pages
 * (no policy, no valid levels, or the severity is absent from the policy's severityDelays).
 */
export function firstEscalationAt(
  policy: { levels: unknown; severityDelays: unknown } | null,
  severity: Severity,
  from: Date,
): Date | null {
  if (!policy) return null
  const first = parseLevels(policy.levels)[0]
  const delay = severityDelayMinutes(policy.severityDelays, severity)
  if (!first || delay === null) return null
  return new Date(from.getTime() + (delay + first.delayMinutes) * MINUTE_MS)
}

/** When the level after the `paged`-th (1-based) pages, counted from when that one paged; null after the last. */
export function nextLevelAt(levels: readonly Pick<EscalationLevel, 'delayMinutes'>[], paged: number, pagedAt: Date): Date | null {
  const next = levels[paged]
  return next ? new Date(pagedAt.getTime() + next.delayMinutes * MINUTE_MS) : null
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

type Tx = Prisma.TransactionClient

async function resolveTargets(tx: Tx, targets: readonly EscalationTarget[], at: Date): Promise<PagedTarget[]> {
  const scheduleIds = targets.filter((t) => t.type === 'schedule').map((t) => t.id)
  const schedules = new Map(
    (await tx.schedule.findMany({ where: { id: { in: scheduleIds } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]),
  )
  const userIdOf = new Map<string, string | null>()
  for (const t of targets) {
    userIdOf.set(`${t.type}:${t.id}`, t.type === 'user' ? t.id : ((await onCallWith(tx, t.id, at))?.userId ?? null))
  }
  const userIds = [...new Set([...userIdOf.values()].filter((v): v is string => v !== null))]
  const users = new Map(
    (await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u.name || u.email]),
  )
  return targets.map((t) => {
    const userId = userIdOf.get(`${t.type}:${t.id}`) ?? null
    const userName = userId ? (users.get(userId) ?? null) : null
    const name = t.type === 'user' ? (userName ?? 'deleted user') : (schedules.get(t.id) ?? 'deleted schedule')
    return { type: t.type, id: t.id, name, userId: userName ? userId : null, userName }
  })
}

/**
 * Escalates one incident as far as is due at `now`, inside one transaction. The row is locked first
 * (SELECT … FOR UPDATE) and re-read, so an acknowledgement committed meanwhile wins. Returns the levels
 * paged, or null when nothing was written (no longer due).
 */
async function escalateIncident(incidentId: string, now: Date): Promise<number | null> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${incidentId}::uuid FOR UPDATE`
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      include: { service: { include: { escalationPolicy: true } }, escalationPolicy: true },
    })
    if (!incident || !isDue(incident, now)) return null
    if (incident.serviceId && (await inMaintenance(tx, incident.serviceId, now))) return null

    const policy = incident.escalationPolicy ?? incident.service?.escalationPolicy ?? null
    const levels = policy ? parseLevels(policy.levels) : []
    let paged = incident.escalationLevel
    let dueAt: Date | null = incident.nextEscalationAt
    let steps = 0
    // Levels with a zero delay page in the same run as the level before them.
    for (let level = levels[paged]; level && dueAt && dueAt <= now; level = levels[paged]) {
      const targets = await resolveTargets(tx, level.targets, now)
      paged += 1
      dueAt = nextLevelAt(levels, paged, now)
      steps += 1
      await tx.incidentEvent.create({
        data: {
          incidentId,
          at: now,
          type: 'escalation',
          actorLabel: SYSTEM_ACTOR.label,
          data: {
            level: paged,
            policy: policy?.name ?? null,
            targets: targets.map((t) => ({ type: t.type, name: t.name, user: t.userName })),
            ...(dueAt ? { nextEscalationAt: dueAt.toISOString() } : { exhausted: true }),
          },
        },
      })
      await enqueueIncidentNotifications(tx, { ...incident, escalationLevel: paged }, 'escalate', { level: paged })
      await recordAudit(
        SYSTEM_ACTOR,
        {
          action: 'incident.escalate',
          targetType: 'incident',
          targetId: incidentId,
          summary: { level: paged, targets: targets.length, paged: targets.filter((t) => t.userId).length, exhausted: dueAt === null },
        },
        tx,
      )
    }
    if (steps === 0) {
      // Due but nothing left to page (policy removed or shortened): stop asking, and say so on the timeline.
      await tx.incidentEvent.create({
        data: { incidentId, at: now, type: 'escalation', actorLabel: SYSTEM_ACTOR.label, data: { level: paged, exhausted: true, policy: policy?.name ?? null } },
      })
    }
    await tx.incident.update({ where: { id: incidentId }, data: { escalationLevel: paged, nextEscalationAt: paged < levels.length ? dueAt : null } })
    return steps
  })
}

function isDue(i: { status: string; muted: boolean; acknowledgedAt: Date | null; resolvedAt: Date | null; nextEscalationAt: Date | null }, now: Date) {
  return i.status === 'triggered' && !i.muted && !i.acknowledgedAt && !i.resolvedAt && i.nextEscalationAt !== null && i.nextEscalationAt <= now
}

async function inMaintenance(tx: Tx, serviceId: string, at: Date): Promise<boolean> {
  return (await tx.maintenanceWindow.count({ where: { serviceId, startsAt: { lte: at }, endsAt: { gt: at } } })) > 0
}

/**
 * The job body: escalates every due, unacknowledged, unresolved, unmuted incident. An incident whose
 * service is in a maintenance window waits (it escalates once the window ends, if still unacknowledged).
 */
export async function runEscalations(now: Date, opts: { signal?: AbortSignal } = {}): Promise<{ escalated: number }> {
  const due = await db.incident.findMany({
    where: {
      status: 'triggered',
      muted: false,
      acknowledgedAt: null,
      resolvedAt: null,
      nextEscalationAt: { lte: now },
      OR: [{ serviceId: null }, { service: { maintenanceWindows: { none: { startsAt: { lte: now }, endsAt: { gt: now } } } } }],
    },
    select: { id: true },
    orderBy: { nextEscalationAt: 'asc' },
    take: BATCH,
  })
  let escalated = 0
  for (const { id } of due) {
    opts.signal?.throwIfAborted()
    try {
      const paged = await escalateIncident(id, now)
      if (paged === null) continue
      if (paged > 0) escalated += 1
      // After commit: open boards show the new timeline entry without a reload.
      publishIncidentChange(id)
    } catch (err) {
      // One broken incident must not hold up the others; it is retried next minute.
      logger.error({ err, incidentId: id }, 'escalation failed')
    }
  }
  return { escalated }
}
