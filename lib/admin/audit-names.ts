/**
 * Names for the ids an audit page shows: the person behind a user actor, the name of a target (a user, key,
 * incident, channel…) instead of "user efb199df…", and people in a summary (an incident's assignee). Read
 * for one page at a time, one query per kind of record on it; a record deleted since keeps its id.
 * Callers have checked audit:read.
 */
import 'server-only'
import { db } from '../db'

export interface AuditNameable {
  actorType: string
  actorId: string | null
  targetType: string | null
  targetId: string | null
  summary: unknown
}

export interface AuditNames {
  /** Names of user actors, by user id. */
  people: ReadonlyMap<string, string>
  /** Names of targets, by `type:id`. */
  targets: ReadonlyMap<string, string>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Uuid strings among a summary's values (one level down, and in from/to changes). */
function summaryIds(summary: unknown): string[] {
  if (!summary || typeof summary !== 'object' || Array.isArray(summary)) return []
  return Object.values(summary as Record<string, unknown>).flatMap((v) => {
    const values = v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v as Record<string, unknown>) : [v]
    return values.filter((x): x is string => typeof x === 'string' && UUID.test(x))
  })
}

type Lookup = (ids: string[]) => Promise<[id: string, name: string][]>

const byName =
  <T extends { id: string; name: string }>(find: (ids: string[]) => Promise<T[]>): Lookup =>
  async (ids) =>
    (await find(ids)).map((r) => [r.id, r.name])

/** How each target type is named; a type not listed shows its id. */
const TARGET_LOOKUPS: Record<string, Lookup> = {
  apikey: byName((ids) => db.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
  escalation_policy: byName((ids) => db.escalationPolicy.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
  schedule: byName((ids) => db.schedule.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
  service: byName((ids) => db.service.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
  notification_channel: byName((ids) => db.notificationChannel.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
  probe: byName((ids) => db.probe.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
  slo: byName((ids) => db.slo.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
  incident: async (ids) => (await db.incident.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } })).map((r) => [r.id, `INC-${r.number}`]),
  maintenance_window: async (ids) =>
    (await db.maintenanceWindow.findMany({ where: { id: { in: ids } }, select: { id: true, service: { select: { name: true } } } })).map((r) => [
      r.id,
      `${r.service.name} maintenance`,
    ]),
  report_subscription: async (ids) =>
    (await db.reportSubscription.findMany({ where: { id: { in: ids } }, select: { id: true, period: true } })).map((r) => [r.id, `${r.period} SLA reports`]),
  sla_report: async (ids) =>
    (await db.slaReport.findMany({ where: { id: { in: ids } }, select: { id: true, period: true, periodStart: true } })).map((r) => [
      r.id,
      `${r.period} report from ${r.periodStart.toISOString().slice(0, 10)}`,
    ]),
}

/** The names behind the ids of these audit rows. */
export async function auditNames(rows: readonly AuditNameable[]): Promise<AuditNames> {
  const userIds = new Set<string>()
  const userEmails = new Set<string>()
  const targetIds = new Map<string, Set<string>>()
  for (const r of rows) {
    if (r.actorType === 'user' && r.actorId) userIds.add(r.actorId)
    for (const id of summaryIds(r.summary)) userIds.add(id)
    if (!r.targetType || !r.targetId) continue
    if (r.targetType === 'user') (UUID.test(r.targetId) ? userIds : userEmails).add(r.targetId)
    // Every looked-up table is keyed by uuid; other ids (a flag's key, a job's name) are names already.
    else if (TARGET_LOOKUPS[r.targetType] && UUID.test(r.targetId)) {
      const set = targetIds.get(r.targetType) ?? new Set<string>()
      set.add(r.targetId)
      targetIds.set(r.targetType, set)
    }
  }
  const [users, targets] = await Promise.all([
    userIds.size || userEmails.size
      ? db.user.findMany({ where: { OR: [{ id: { in: [...userIds] } }, { email: { in: [...userEmails] } }] }, select: { id: true, email: true, name: true } })
      : [],
    Promise.all([...targetIds].map(async ([type, ids]) => (await TARGET_LOOKUPS[type]!([...ids])).map(([id, name]) => [`${type}:${id}`, name] as const))),
  ])
  const people = new Map<string, string>()
  const targetNames = new Map<string, string>(targets.flat())
  for (const u of users) {
    people.set(u.id, u.name)
    targetNames.set(`user:${u.id}`, u.name)
    targetNames.set(`user:${u.email}`, u.name)
  }
  return { people, targets: targetNames }
}
