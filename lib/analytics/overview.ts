/**
 * The analytics overview's reads beside the dashboard (dashboard.ts): the range a page asks for, in days,
 * and the state of ingest — events received in the last 24 hours and the quarantine, the events nobody has
 * registered yet (their properties are dropped until someone does).
 */
import { z } from 'zod'
import type { CsvValue } from '../csv'
import { db } from '../db'
import { sqlOfPrisma } from '../tx'
import type { Dashboard } from './dashboard'

export const OVERVIEW_DAYS = [7, 30, 90] as const
export type OverviewDays = (typeof OVERVIEW_DAYS)[number]

const Days = z.coerce.number().pipe(z.union(OVERVIEW_DAYS.map((d) => z.literal(d)) as [z.ZodLiteral<7>, z.ZodLiteral<30>, z.ZodLiteral<90>]))

/** `?days=7|30|90` (default 7); anything else falls back to 7 and says so. */
export function parseOverviewDays(value: string | string[] | undefined): { days: OverviewDays; invalid: boolean } {
  if (value === undefined) return { days: 7, invalid: false }
  const parsed = Days.safeParse(Array.isArray(value) ? value[0] : value)
  return parsed.success ? { days: parsed.data, invalid: false } : { days: 7, invalid: true }
}

export interface IngestState {
  eventsLast24h: number
  quarantinedEvents: number
  registeredEvents: number
  droppedProperties: number
  lastEventAt: Date | null
}

export async function getIngestState(now = new Date()): Promise<IngestState> {
  const sql = sqlOfPrisma(db)
  const since = new Date(now.getTime() - 86_400_000)
  // receivedAt has its own index (the sessions job reads by it); the partitions prune on occurredAt, which for
  // events received in the last day lies at most 7 days back (ingest refuses older ones).
  const [recent] = await sql.query<{ n: number; last: Date | null }>(
    `SELECT count(*)::int AS n, max("receivedAt") AS last FROM "AnalyticsEvent"
      WHERE "receivedAt" >= $1::timestamptz AND "occurredAt" >= $1::timestamptz - interval '7 days'`,
    [since.toISOString()],
  )
  const types = await db.analyticsEventType.groupBy({ by: ['status'], _count: { _all: true }, _sum: { droppedProperties: true } })
  const count = (status: string) => types.find((t) => t.status === status)?._count._all ?? 0
  return {
    eventsLast24h: recent?.n ?? 0,
    quarantinedEvents: count('quarantined'),
    registeredEvents: count('registered'),
    droppedProperties: Number(types.reduce((s, t) => s + (t._sum.droppedProperties ?? BigInt(0)), BigInt(0))),
    lastEventAt: recent?.last ? new Date(recent.last) : null,
  }
}

/** `?from=ISO&to=ISO` of the dashboard and its CSV: default the last 7 days, at most 92. */
export const DashboardRange = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .transform((r) => {
    const to = r.to ? new Date(r.to) : new Date()
    return { from: r.from ? new Date(r.from) : new Date(to.getTime() - 7 * 86_400_000), to }
  })
  .refine((r) => r.from < r.to, { message: 'from must be before to', path: ['from'] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 92 * 86_400_000, { message: 'The range is at most 92 days', path: ['to'] })

export function dashboardRangeOf(params: URLSearchParams) {
  return DashboardRange.safeParse({ from: params.get('from') ?? undefined, to: params.get('to') ?? undefined })
}

export const DASHBOARD_CSV_COLUMNS = ['workflow', 'workflow_name', 'step', 'step_label', 'event', 'users', 'conversion_percent', 'drop_off', 'suppressed'] as const

/** The dashboard's workflow steps as CSV rows: suppressed cells are empty and the row says it was suppressed. */
export function dashboardCsvRows(d: Dashboard): CsvValue[][] {
  return d.workflows.flatMap((w) =>
    w.steps.map((s): CsvValue[] => [
      w.key,
      w.name,
      s.step,
      s.label,
      s.event,
      s.users,
      s.conversion === null ? null : Number((s.conversion * 100).toFixed(2)),
      s.dropOff,
      s.users === null || s.conversion === null || (s.step > 1 && s.dropOff === null),
    ]),
  )
}
