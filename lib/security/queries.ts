/** Reads of the security page (Admin → Security, permission security:read). */
import 'server-only'
import { db, type Prisma } from '@/lib/db'
import { severitiesFrom, type EventQuery } from './event-filter'
import { getSecuritySettings } from './scan'
import { SECURITY_RULES, type SecurityRule } from './settings'

export { getSecuritySettings }

const eventSelect = {
  id: true,
  rule: true,
  severity: true,
  subjectType: true,
  subject: true,
  subjectLabel: true,
  summary: true,
  count: true,
  firstSeenAt: true,
  lastSeenAt: true,
  detectedAt: true,
  incidentId: true,
} satisfies Prisma.SecurityEventSelect

export type SecurityEventRow = Omit<Prisma.SecurityEventGetPayload<{ select: typeof eventSelect }>, 'id'> & { id: string; incidentNumber: number | null }

function whereOf(q: EventQuery, withRule: boolean): Prisma.SecurityEventWhereInput {
  return {
    detectedAt: { gte: q.from, ...(q.to ? { lt: q.to } : {}) },
    ...(withRule && q.rule ? { rule: q.rule } : {}),
    ...(q.severity ? { severity: { in: severitiesFrom(q.severity) } } : {}),
    ...(q.subject
      ? { OR: [{ subject: { contains: q.subject, mode: 'insensitive' } }, { subjectLabel: { contains: q.subject, mode: 'insensitive' } }] }
      : {}),
  }
}

/** The events matching the filter, newest first, with the number of the incident each raised. */
export async function listSecurityEvents(q: EventQuery): Promise<SecurityEventRow[]> {
  const rows = await db.securityEvent.findMany({ where: whereOf(q, true), select: eventSelect, orderBy: [{ detectedAt: 'desc' }, { id: 'desc' }], take: q.limit })
  const incidentIds = [...new Set(rows.map((r) => r.incidentId).filter((id): id is string => Boolean(id)))]
  const incidents = incidentIds.length ? await db.incident.findMany({ where: { id: { in: incidentIds } }, select: { id: true, number: true } }) : []
  const numbers = new Map(incidents.map((i) => [i.id, i.number]))
  return rows.map((r) => ({ ...r, id: r.id.toString(), incidentNumber: r.incidentId ? (numbers.get(r.incidentId) ?? null) : null }))
}

/** Events per rule under the same filter (the rule filter aside, so every rule's count shows). */
export async function countSecurityEventsByRule(q: EventQuery): Promise<Record<SecurityRule, number>> {
  const groups = await db.securityEvent.groupBy({ by: ['rule'], where: whereOf(q, false), _count: { _all: true } })
  const counts = Object.fromEntries(SECURITY_RULES.map((r) => [r, 0])) as Record<SecurityRule, number>
  for (const g of groups) if (g.rule in counts) counts[g.rule as SecurityRule] = g._count._all
  return counts
}

/** When the security scan last finished, and how. */
export async function lastSecurityScan(): Promise<{ finishedAt: Date | null; status: string } | null> {
  return db.jobRun.findFirst({ where: { job: 'security-scan', status: { in: ['ok', 'failed'] } }, orderBy: { startedAt: 'desc' }, select: { finishedAt: true, status: true } })
}
