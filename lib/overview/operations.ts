/**
 * The unified dashboard's operations figures (open incidents, SLO status, running rollouts and pending
 * approvals), each read only for a role that may read that area. Reads only; the page composes it with
 * ./queries.ts.
 */
import 'server-only'
import { db } from '../db'
import { SEVERITIES } from '@/lib/severity'
import { hasPermission, type Role } from '../rbac'
import { getSloOverview } from '../slo/overview'
import type { SloSummary } from '../slo/types'

export interface OperationsSummary {
  incidents: { open: number; unacknowledged: number; bySeverity: Record<(typeof SEVERITIES)[number], number>; oldestUnackedAt: Date | null } | null
  slos: { total: number; ok: number; atRisk: number; breached: number; attention: SloSummary[] } | null
  flags: { rollouts: { flagKey: string; flagName: string; environment: string; percentage: number; status: string }[]; pendingApprovals: number } | null
}

/** The unified dashboard's figures, each area only for roles that may read it. */
export async function getOperationsSummary(role: Role, now = new Date()): Promise<OperationsSummary> {
  const [incidents, slos, flags] = await Promise.all([
    hasPermission(role, 'incident:read') ? incidentSummary() : null,
    hasPermission(role, 'slo:read') ? sloSummary(now) : null,
    hasPermission(role, 'flag:read') ? flagSummary() : null,
  ])
  return { incidents, slos, flags }
}

async function incidentSummary(): Promise<NonNullable<OperationsSummary['incidents']>> {
  const [groups, oldest] = await Promise.all([
    db.incident.groupBy({ by: ['severity', 'status'], where: { status: { not: 'resolved' } }, _count: { _all: true } }),
    db.incident.findFirst({ where: { status: 'triggered' }, orderBy: { triggeredAt: 'asc' }, select: { triggeredAt: true } }),
  ])
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<(typeof SEVERITIES)[number], number>
  let unacknowledged = 0
  for (const g of groups) {
    bySeverity[g.severity] += g._count._all
    if (g.status === 'triggered') unacknowledged += g._count._all
  }
  return { open: groups.reduce((n, g) => n + g._count._all, 0), unacknowledged, bySeverity, oldestUnackedAt: oldest?.triggeredAt ?? null }
}

async function sloSummary(now: Date): Promise<NonNullable<OperationsSummary['slos']>> {
  const all = await getSloOverview(now)
  const count = (s: SloSummary['status']) => all.filter((x) => x.status === s).length
  return {
    total: all.length,
    ok: count('ok'),
    atRisk: count('at_risk'),
    breached: count('breached'),
    attention: all.filter((s) => s.status !== 'ok').slice(0, 3),
  }
}

async function flagSummary(): Promise<NonNullable<OperationsSummary['flags']>> {
  const [plans, pendingApprovals] = await Promise.all([
    db.rolloutPlan.findMany({
      where: { status: { in: ['running', 'paused'] } },
      orderBy: { startedAt: 'desc' },
      take: 5,
      select: { environment: true, percentage: true, status: true, flag: { select: { key: true, name: true } } },
    }),
    db.flagChangeRequest.count({ where: { status: { in: ['pending', 'approved'] } } }),
  ])
  return {
    rollouts: plans.map((p) => ({ flagKey: p.flag.key, flagName: p.flag.name, environment: p.environment, percentage: p.percentage, status: p.status })),
    pendingApprovals,
  }
}
