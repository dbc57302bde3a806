/**
 * Reads behind SLO management and `GET /api/slo/{key}`: the list with archived SLOs, the form's choices
 * (services, escalation policies), one SLO's definition, and its history as hourly sums of its rollups.
 */
import 'server-only'
import { z } from 'zod'
import { db, getPool } from '../db'
import type { Slo } from '../generated/prisma/client'
import { SPEC_FIELDS, type SloSpec } from './definition'

export const HISTORY_DEFAULT_DAYS = 7
export const HISTORY_MAX_DAYS = 90
const DAY_MS = 86_400_000

export interface ManagedSlo {
  key: string
  name: string
  service: string
  workflow: string | null
  sliType: string
  target: number
  windowKind: string
  windowDays: number
  budgeting: string
  pageEnabled: boolean
  ticketEnabled: boolean
  guardsRollouts: boolean
  escalationPolicy: string | null
  archivedAt: string | null
}

/** Every SLO, archived ones last. */
export async function listManagedSlos(): Promise<ManagedSlo[]> {
  const rows = await db.slo.findMany({ include: { escalationPolicy: { select: { name: true } } }, orderBy: [{ key: 'asc' }] })
  return rows
    .map((r) => ({
      key: r.key,
      name: r.name,
      service: r.service,
      workflow: r.workflow || null,
      sliType: r.sliType,
      target: r.target,
      windowKind: r.windowKind,
      windowDays: r.windowDays,
      budgeting: r.budgeting,
      pageEnabled: r.pageEnabled,
      ticketEnabled: r.ticketEnabled,
      guardsRollouts: r.guardsRollouts,
      escalationPolicy: r.escalationPolicy?.name ?? null,
      archivedAt: r.archivedAt?.toISOString() ?? null,
    }))
    .sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null))
}

export interface SloFormChoices {
  services: { key: string; name: string }[]
  escalationPolicies: { id: string; name: string }[]
}

export async function getSloFormChoices(): Promise<SloFormChoices> {
  const [services, escalationPolicies] = await Promise.all([
    db.service.findMany({ select: { key: true, name: true }, orderBy: { name: 'asc' } }),
    db.escalationPolicy.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ])
  return { services, escalationPolicies }
}

export function specOfRow(slo: Slo): SloSpec {
  const out = { key: slo.key } as Record<string, unknown>
  for (const f of SPEC_FIELDS) out[f] = slo[f]
  return out as SloSpec
}

export async function getSloForEdit(key: string): Promise<{ spec: SloSpec; archivedAt: string | null } | null> {
  const slo = await db.slo.findUnique({ where: { key } })
  return slo ? { spec: specOfRow(slo), archivedAt: slo.archivedAt?.toISOString() ?? null } : null
}

const Instant = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 time, e.g. 2026-12-01T00:00:00Z' }).transform((s) => new Date(s))

/** `?from=&to=` of the history, as ISO times (a malformed one is a 400). */
export const HistoryParams = z.strictObject({ from: Instant.optional(), to: Instant.optional() })

/** The range asked for: default the last 7 days up to `now`; refused (422) when empty or longer than 90 days. */
export function historyRange(p: { from?: Date; to?: Date }, now: Date): { from: Date; to: Date } | { field: 'from' | 'to'; message: string } {
  const to = p.to ?? now
  const from = p.from ?? new Date(to.getTime() - HISTORY_DEFAULT_DAYS * DAY_MS)
  if (from >= to) return { field: 'from', message: 'from must be before to' }
  if (to.getTime() - from.getTime() > HISTORY_MAX_DAYS * DAY_MS) return { field: 'from', message: `Ask for at most ${HISTORY_MAX_DAYS} days at a time` }
  return { from, to }
}

export interface HourlyRollup {
  /** Start of the hour (UTC). */
  hour: string
  good: number
  total: number
  /** good ÷ total, null without events. */
  compliance: number | null
}

export interface SloHistory {
  slo: SloSpec & { archivedAt: string | null; createdAt: string; updatedAt: string }
  from: string
  to: string
  hours: HourlyRollup[]
}

/** One SLO's definition and its rollups summed per hour over [from, to); null for an unknown key. */
export async function getSloHistory(key: string, from: Date, to: Date): Promise<SloHistory | null> {
  const slo = await db.slo.findUnique({ where: { key } })
  if (!slo) return null
  const { rows } = await getPool().query<{ hour: Date; good: string; total: string }>(
    `SELECT date_trunc('hour', minute) AS hour, sum(good)::text AS good, sum(total)::text AS total
     FROM "SloRollup" WHERE "sloId" = $1::uuid AND minute >= $2 AND minute < $3
     GROUP BY 1 ORDER BY 1`,
    [slo.id, from, to],
  )
  return {
    slo: { ...specOfRow(slo), archivedAt: slo.archivedAt?.toISOString() ?? null, createdAt: slo.createdAt.toISOString(), updatedAt: slo.updatedAt.toISOString() },
    from: from.toISOString(),
    to: to.toISOString(),
    hours: rows.map((r) => {
      const good = Number(r.good)
      const total = Number(r.total)
      return { hour: new Date(r.hour).toISOString(), good, total, compliance: total > 0 ? good / total : null }
    }),
  }
}
