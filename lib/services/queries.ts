/**
 * The service catalogue's reads: the list with its filters and the service page, which brings together
 * what the other areas hold about one service (incidents, SLOs, probes, guarded rollouts, maintenance).
 * Callers have checked `incident:read`; the SLO and flag sections are read only for people who may see them.
 */
import 'server-only'
import { z } from 'zod'
import { db } from '../db'
import { DEFAULT_ESCALATION_POLICIES } from '../incidents/ingest'
import { UNASSIGNED_SERVICE_KEY } from '../incidents/open-batch'
import { getSloOverview } from '../slo/queries'
import type { SloStatus, SloSummary } from '../slo/queries'
import type { CatalogueFilters, Tier } from './schema'

const STATUS_RANK: Record<SloStatus, number> = { breached: 0, at_risk: 1, ok: 2 }
const RECENT_INCIDENTS = 10
const OPEN_INCIDENTS = 25

/** The worst status among a service's SLOs; null without SLOs. */
export function worstStatus(statuses: readonly SloStatus[]): SloStatus | null {
  return statuses.reduce<SloStatus | null>((worst, s) => (worst === null || STATUS_RANK[s] < STATUS_RANK[worst] ? s : worst), null)
}

export interface CatalogueRow {
  id: string
  key: string
  name: string
  tier: Tier | null
  ownerTeam: string
  archived: boolean
  openIncidents: number
  sloCount: number
  sloStatus: SloStatus | null
  dependsOn: { key: string; name: string }[]
}

/** The catalogue, by tier then name; archived services only when asked for. SLO status needs `withSlo`. */
export async function listCatalogue(filters: CatalogueFilters, opts: { withSlo: boolean; now?: Date }): Promise<CatalogueRow[]> {
  const [services, open, slos] = await Promise.all([
    db.service.findMany({
      where: {
        ...(filters.archived ? {} : { archivedAt: null }),
        ...(filters.tier ? { tier: filters.tier } : {}),
        ...(filters.owner ? { ownerTeam: { equals: filters.owner, mode: 'insensitive' as const } } : {}),
      },
      orderBy: [{ tier: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
      select: {
        id: true,
        key: true,
        name: true,
        tier: true,
        ownerTeam: true,
        archivedAt: true,
        dependsOn: { select: { dependsOn: { select: { key: true, name: true } } }, orderBy: { dependsOn: { name: 'asc' } } },
      },
    }),
    db.incident.groupBy({ by: ['serviceId'], where: { status: { not: 'resolved' }, serviceId: { not: null } }, _count: { _all: true } }),
    opts.withSlo ? getSloOverview(opts.now) : Promise.resolve([] as SloSummary[]),
  ])
  const openBy = new Map(open.map((g) => [g.serviceId, g._count._all]))
  const statusesBy = new Map<string, SloStatus[]>()
  for (const s of slos) statusesBy.set(s.service, [...(statusesBy.get(s.service) ?? []), s.status])
  return services.map((s) => ({
    id: s.id,
    key: s.key,
    name: s.name,
    tier: (s.tier ?? null) as Tier | null,
    ownerTeam: s.ownerTeam,
    archived: s.archivedAt !== null,
    openIncidents: openBy.get(s.id) ?? 0,
    sloCount: statusesBy.get(s.key)?.length ?? 0,
    sloStatus: worstStatus(statusesBy.get(s.key) ?? []),
    dependsOn: s.dependsOn.map((d) => d.dependsOn),
  }))
}

/** Owner teams in use, for the filter. */
export async function listOwnerTeams(): Promise<string[]> {
  const rows = await db.service.findMany({ where: { ownerTeam: { not: '' } }, distinct: ['ownerTeam'], select: { ownerTeam: true }, orderBy: { ownerTeam: 'asc' } })
  return rows.map((r) => r.ownerTeam)
}

/** What the create and edit forms choose from: policies, and services that can be dependencies. */
export async function serviceFormOptions(current?: { id: string; dependsOn: readonly string[] }) {
  const [policies, services] = await Promise.all([
    db.escalationPolicy.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.service.findMany({
      // Archived services are not offered, except those the service already depends on (so an edit keeps them).
      where: { OR: [{ archivedAt: null }, { id: { in: [...(current?.dependsOn ?? [])] } }], key: { not: UNASSIGNED_SERVICE_KEY } },
      select: { id: true, key: true, name: true },
      orderBy: { name: 'asc' },
    }),
  ])
  return { policies, services: services.filter((s) => s.id !== current?.id) }
}
export type ServiceFormOptions = Awaited<ReturnType<typeof serviceFormOptions>>

export async function serviceExists(key: string): Promise<boolean> {
  return (await db.service.count({ where: { key } })) > 0
}

const incidentSelect = { id: true, number: true, title: true, severity: true, status: true, triggeredAt: true, resolvedAt: true } as const

/** Everything the service page shows; null for an unknown key. */
export async function getServicePage(key: string, opts: { withSlo: boolean; withFlags: boolean; now?: Date }) {
  const now = opts.now ?? new Date()
  const service = await db.service.findUnique({
    where: { key },
    include: {
      escalationPolicy: { select: { id: true, name: true, levels: true } },
      dependsOn: { select: { dependsOn: { select: { id: true, key: true, name: true, tier: true, archivedAt: true } } } },
      dependents: { select: { service: { select: { id: true, key: true, name: true, tier: true, archivedAt: true } } } },
    },
  })
  if (!service) return null
  const [open, recent, probes, windows, slos, policy] = await Promise.all([
    db.incident.findMany({ where: { serviceId: service.id, status: { not: 'resolved' } }, orderBy: { triggeredAt: 'desc' }, take: OPEN_INCIDENTS, select: incidentSelect }),
    db.incident.findMany({ where: { serviceId: service.id, status: 'resolved' }, orderBy: { resolvedAt: 'desc' }, take: RECENT_INCIDENTS, select: incidentSelect }),
    db.probe.findMany({ where: { serviceId: service.id }, orderBy: { name: 'asc' }, select: { id: true, name: true, state: true, enabled: true, lastCheckedAt: true } }),
    db.maintenanceWindow.findMany({
      where: { serviceId: service.id, endsAt: { gt: now } },
      orderBy: { startsAt: 'asc' },
      take: 10,
      select: { id: true, startsAt: true, endsAt: true, reason: true },
    }),
    opts.withSlo ? getSloOverview(now).then((all) => all.filter((s) => s.service === service.key)) : Promise.resolve(null),
    // Without a policy of its own, ingest falls back to the first of its default policies that exists.
    service.escalationPolicyId
      ? null
      : db.escalationPolicy
          .findMany({ where: { name: { in: [...DEFAULT_ESCALATION_POLICIES] } }, select: { id: true, name: true } })
          .then((found) => DEFAULT_ESCALATION_POLICIES.map((n) => found.find((p) => p.name === n)).find(Boolean) ?? null),
  ])
  const [incidentCount, windowCount] = await Promise.all([
    db.incident.count({ where: { serviceId: service.id } }),
    db.maintenanceWindow.count({ where: { serviceId: service.id } }),
  ])
  const sloKeys = slos?.map((s) => s.key) ?? (await db.slo.findMany({ where: { service: service.key }, select: { key: true } })).map((s) => s.key)
  const flags =
    opts.withFlags && sloKeys.length
      ? await db.flag.findMany({
          where: { guardedSloKeys: { hasSome: sloKeys }, lifecycle: { not: 'archived' } },
          orderBy: { key: 'asc' },
          select: {
            key: true,
            name: true,
            guardedSloKeys: true,
            rollouts: { orderBy: { startedAt: 'desc' }, take: 3, select: { id: true, environment: true, status: true, percentage: true, startedAt: true } },
          },
        })
      : null
  return {
    service: {
      id: service.id,
      key: service.key,
      name: service.name,
      description: service.description,
      workflows: service.workflows,
      ownerTeam: service.ownerTeam,
      tier: (service.tier ?? null) as Tier | null,
      runbookUrl: service.runbookUrl,
      archivedAt: service.archivedAt,
      isDefault: service.key === UNASSIGNED_SERVICE_KEY,
      escalationPolicyId: service.escalationPolicyId,
    },
    escalation: service.escalationPolicy
      ? { name: service.escalationPolicy.name, levels: Array.isArray(service.escalationPolicy.levels) ? service.escalationPolicy.levels.length : 0, inherited: false }
      : policy
        ? { name: policy.name, levels: null, inherited: true }
        : null,
    dependsOn: service.dependsOn.map((d) => ({ ...d.dependsOn, archived: d.dependsOn.archivedAt !== null })).sort((a, b) => a.name.localeCompare(b.name)),
    dependents: service.dependents.map((d) => ({ ...d.service, archived: d.service.archivedAt !== null })).sort((a, b) => a.name.localeCompare(b.name)),
    openIncidents: open,
    recentIncidents: recent,
    probes,
    maintenance: windows.map((w) => ({ ...w, current: w.startsAt <= now })),
    slos,
    /** Whether anything refers to it (then it can only be archived, not deleted). */
    referenced: incidentCount + windowCount + probes.length + sloKeys.length + service.dependents.length > 0,
    flags: flags?.map((f) => ({ ...f, guardedSloKeys: f.guardedSloKeys.filter((k) => sloKeys.includes(k)) })) ?? null,
  }
}
export type ServicePage = NonNullable<Awaited<ReturnType<typeof getServicePage>>>

/**
 * For an incident on the default service: the service key its alerts named that is still not in the
 * catalogue (the first in alphabetical order), so the incident page can offer to create it.
 */
export async function uncataloguedServiceKey(incidentId: string): Promise<string | null> {
  // The page asks before it knows the id names an incident: a malformed one is simply none.
  if (!z.uuid().safeParse(incidentId).success) return null
  const incident = await db.incident.findUnique({ where: { id: incidentId }, select: { service: { select: { key: true } } } })
  if (incident?.service?.key !== UNASSIGNED_SERVICE_KEY) return null
  const named = await db.alert.findMany({
    where: { incidentId, serviceKey: { not: null } },
    distinct: ['serviceKey'],
    orderBy: { serviceKey: 'asc' },
    select: { serviceKey: true },
    take: 20,
  })
  const keys = named.map((a) => a.serviceKey!).filter((k) => k !== UNASSIGNED_SERVICE_KEY)
  if (keys.length === 0) return null
  const known = new Set((await db.service.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((s) => s.key))
  return keys.find((k) => !known.has(k)) ?? null
}
