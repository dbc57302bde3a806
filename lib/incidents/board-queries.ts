/**
 * Reads of the incident page and the board's filter choices (the board's cards: board-reads.ts). The page
 * loads the incident, its timeline, alerts grouped by kind, postmortem, and the changes made to its service
 * in the two hours before it. Callers have checked incident:read.
 */
import 'server-only'
import { type IncidentStatus, type Severity } from '@/lib/severity'
import { z } from 'zod'
import { db, type Prisma } from '../db'
import { hasPermission, ROLES } from '../rbac'
import { userNames } from './board-reads'

/** "What changed": how far before the trigger we look. */
export const CHANGE_WINDOW_MS = 2 * 60 * 60_000
/**
 * Audit target types that are changes to a service's behaviour. A flag counts for a service when it guards
 * one of the service's SLOs (its rollout is watched against them), or when its audit summary names the service.
 */
export const CHANGE_TARGET_TYPES = ['service', 'flag', 'probe', 'maintenance', 'maintenance_window'] as const
const TIMELINE_LIMIT = 500
const ALERT_GROUP_LIMIT = 100

export interface PersonOption {
  id: string
  name: string
  email: string
}

const RESPONDER_ROLES = ROLES.filter((r) => hasPermission(r, 'incident:ack'))

/** Active people who can work incidents: assignees and postmortem action owners are chosen from them. */
export async function listResponders(): Promise<PersonOption[]> {
  return db.user.findMany({
    where: { disabledAt: null, role: { in: RESPONDER_ROLES } },
    select: { id: true, name: true, email: true },
    orderBy: { name: 'asc' },
  })
}

/** Services for the board's filter. */
export async function listBoardServices(): Promise<{ key: string; name: string }[]> {
  return db.service.findMany({ select: { key: true, name: true }, orderBy: { name: 'asc' } })
}

// ---------------------------------------------------------------------------------------------------------
// The incident page

export interface TimelineEvent {
  id: string
  at: Date
  type: string
  actor: string
  data: Record<string, unknown>
}

export interface AlertGroup {
  source: string
  system: string
  severity: Severity
  status: string
  message: string
  fingerprint: string | null
  count: number
  firstSeen: Date
  lastSeen: Date
}

export interface RelatedChange {
  id: string
  at: Date
  actor: string
  action: string
  targetType: string | null
  targetId: string | null
  summary: Record<string, unknown> | null
}

export interface QueuedNotification {
  id: string
  at: Date
  channel: string
  kind: string
  attempts: number
  nextAttemptAt: Date
}

export interface PostmortemActionView {
  id: string
  text: string
  ownerId: string | null
  ownerName: string | null
  dueDate: string | null
  done: boolean
}

const PostmortemActions = z.array(
  z.object({
    id: z.string(),
    text: z.string(),
    ownerId: z.string().nullish(),
    dueDate: z.string().nullish(),
    done: z.boolean().default(false),
  }),
)

const asRecord = (v: Prisma.JsonValue | null): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

async function incidentWithService(id: string) {
  return db.incident.findUnique({
    where: { id },
    include: {
      service: { select: { id: true, key: true, name: true, workflows: true, escalationPolicy: { select: { name: true } } } },
      escalationPolicy: { select: { name: true } },
      postmortem: true,
    },
  })
}

/**
 * Audit rows of the two hours before `before` that changed the service: its own row, its probes and
 * maintenance windows (by id), the feature flags guarding its SLOs (by key), or any watched target whose
 * summary names the service.
 */
export async function changesBefore(service: { id: string; key: string }, before: Date): Promise<RelatedChange[]> {
  const [probes, windows, slos] = await Promise.all([
    db.probe.findMany({ where: { serviceId: service.id }, select: { id: true } }),
    db.maintenanceWindow.findMany({ where: { serviceId: service.id }, select: { id: true } }),
    db.slo.findMany({ where: { service: service.key }, select: { key: true } }),
  ])
  const flags = slos.length
    ? await db.flag.findMany({ where: { guardedSloKeys: { hasSome: slos.map((s) => s.key) } }, select: { key: true } })
    : []
  const ids = [service.id, service.key, ...probes.map((p) => p.id), ...windows.map((w) => w.id), ...flags.map((f) => f.key)]
  const rows = await db.auditLog.findMany({
    where: {
      at: { gte: new Date(before.getTime() - CHANGE_WINDOW_MS), lte: before },
      targetType: { in: [...CHANGE_TARGET_TYPES] },
      OR: [
        { targetId: { in: ids } },
        { summary: { path: ['service'], equals: service.key } },
        { summary: { path: ['serviceKey'], equals: service.key } },
        { summary: { path: ['serviceId'], equals: service.id } },
      ],
    },
    orderBy: { at: 'desc' },
    take: 50,
    select: { id: true, at: true, actorLabel: true, action: true, targetType: true, targetId: true, summary: true },
  })
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    actor: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    summary: r.summary === null ? null : asRecord(r.summary),
  }))
}

export type IncidentDetail = NonNullable<Awaited<ReturnType<typeof getIncidentDetail>>>

/** Everything the incident page shows; null for an unknown or malformed id. */
export async function getIncidentDetail(id: string, now = new Date()) {
  if (!z.uuid().safeParse(id).success) return null
  const incident = await incidentWithService(id)
  if (!incident) return null
  const service = incident.service

  const [eventsDesc, alertGroups, queued, maintenance, changes] = await Promise.all([
    db.incidentEvent.findMany({ where: { incidentId: id }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: TIMELINE_LIMIT }),
    db.alert.groupBy({
      by: ['source', 'system', 'severity', 'status', 'message', 'fingerprint'],
      where: { incidentId: id },
      _count: { _all: true },
      _min: { occurredAt: true, receivedAt: true },
      _max: { receivedAt: true },
      orderBy: { _max: { receivedAt: 'desc' } },
      take: ALERT_GROUP_LIMIT,
    }),
    db.notificationOutbox.findMany({
      where: { incidentId: id, status: 'pending' },
      select: { id: true, createdAt: true, kind: true, attempts: true, nextAttemptAt: true, channel: { select: { name: true } } },
      orderBy: { createdAt: 'asc' },
      take: 50,
    }),
    service
      ? db.maintenanceWindow.findFirst({
          where: { serviceId: service.id, startsAt: { lte: now }, endsAt: { gt: now } },
          orderBy: { endsAt: 'desc' },
          select: { id: true, startsAt: true, endsAt: true, reason: true },
        })
      : Promise.resolve(null),
    service ? changesBefore(service, incident.triggeredAt) : Promise.resolve([] as RelatedChange[]),
  ])

  const pmActions = PostmortemActions.safeParse(incident.postmortem?.actions ?? [])
  const actions = pmActions.success ? pmActions.data : []
  const names = await userNames([incident.assigneeId, ...actions.map((a) => a.ownerId)])

  const events: TimelineEvent[] = eventsDesc.reverse().map((e) => ({
    id: e.id.toString(),
    at: e.at,
    type: e.type,
    actor: e.actorLabel,
    data: asRecord(e.data),
  }))

  const alerts: AlertGroup[] = alertGroups.map((g) => {
    const first = [g._min.occurredAt, g._min.receivedAt].filter((d): d is Date => d instanceof Date)
    return {
      source: g.source,
      system: g.system,
      severity: g.severity,
      status: g.status,
      message: g.message,
      fingerprint: g.fingerprint,
      count: g._count._all,
      firstSeen: new Date(Math.min(...first.map((d) => d.getTime()))),
      lastSeen: g._max.receivedAt ?? first[0]!,
    }
  })

  return {
    incident: {
      id: incident.id,
      number: incident.number,
      title: incident.title,
      severity: incident.severity,
      status: incident.status as IncidentStatus,
      workflows: incident.workflows,
      assignee: incident.assigneeId ? { id: incident.assigneeId, name: names.get(incident.assigneeId) ?? 'Unknown user' } : null,
      alertCount: incident.alertCount,
      openAlertCount: incident.openAlertCount,
      triggeredAt: incident.triggeredAt,
      acknowledgedAt: incident.acknowledgedAt,
      resolvedAt: incident.resolvedAt,
      updatedAt: incident.updatedAt,
      muted: incident.muted,
      escalationLevel: incident.escalationLevel,
      nextEscalationAt: incident.nextEscalationAt,
      escalationPolicy: incident.escalationPolicy?.name ?? service?.escalationPolicy?.name ?? null,
    },
    service: service ? { id: service.id, key: service.key, name: service.name, workflows: service.workflows } : null,
    maintenance,
    events,
    alerts,
    queued: queued.map(
      (q): QueuedNotification => ({ id: q.id, at: q.createdAt, channel: q.channel.name, kind: q.kind, attempts: q.attempts, nextAttemptAt: q.nextAttemptAt }),
    ),
    changes,
    postmortem: incident.postmortem
      ? {
          summary: incident.postmortem.summary,
          rootCause: incident.postmortem.rootCause,
          impact: incident.postmortem.impact,
          updatedAt: incident.postmortem.updatedAt,
          actions: actions.map(
            (a): PostmortemActionView => ({
              id: a.id,
              text: a.text,
              ownerId: a.ownerId ?? null,
              ownerName: a.ownerId ? (names.get(a.ownerId) ?? 'Unknown user') : null,
              dueDate: a.dueDate ?? null,
              done: a.done,
            }),
          ),
        }
      : null,
  }
}

/** Whether an incident with this id exists (a malformed id does not): the page gate's 404 check. */
export async function incidentExists(id: string): Promise<boolean> {
  if (!z.uuid().safeParse(id).success) return false
  return (await db.incident.count({ where: { id } })) > 0
}
