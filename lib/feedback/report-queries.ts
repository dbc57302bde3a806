/**
 * Reads of the SLA report and the satisfaction page (permission feedback:read). Both take a range of
 * arrival dates; the maths is pure (sla-report.ts, csat.ts), the database only filters and groups.
 */
import 'server-only'
import { z } from 'zod'
import { authorize, type Actor } from '@/lib/auth/actor'
import { db, Prisma } from '@/lib/db'
import { satisfactionReport, SATISFACTION_DIMENSIONS, weeksBetween, type RatingCount, type SatisfactionDimension } from './csat'
import { slaReport } from './sla-report'

const DAY = 86_400_000
export const RANGE_DAYS = [7, 30, 90] as const

/** `?days=30` (7, 30 or 90; 30 by default) and, for satisfaction, `?by=department|appVersion|modelVersion`. */
export const ReportRange = z.object({
  days: z.coerce
    .number()
    .refine((d) => (RANGE_DAYS as readonly number[]).includes(d))
    .catch(30)
    .default(30),
  by: z.enum(SATISFACTION_DIMENSIONS).catch('department').default('department'),
})
export type ReportRange = z.output<typeof ReportRange>

export function parseReportRange(params: Record<string, string | string[] | undefined>): ReportRange {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
  return ReportRange.parse({ days: one(params.days), by: one(params.by) })
}

export async function getSlaReport(actor: Actor, days: number, now = new Date()) {
  authorize(actor, 'feedback:read', { scope: 'read' })
  const from = new Date(now.getTime() - days * DAY)
  const rows = await db.feedbackItem.findMany({
    where: { createdAt: { gte: from, lte: now }, parentId: null },
    select: { priority: true, createdAt: true, slaDueAt: true, triagedAt: true },
  })
  return { from, to: now, lines: slaReport(rows, now) }
}

const COLUMN: Record<SatisfactionDimension, Prisma.Sql> = {
  department: Prisma.sql`department`,
  appVersion: Prisma.sql`"appVersion"`,
  modelVersion: Prisma.sql`"modelVersion"`,
}

export async function getSatisfaction(actor: Actor, by: SatisfactionDimension, days: number, now = new Date()) {
  authorize(actor, 'feedback:read')
  const from = new Date(now.getTime() - days * DAY)
  const rows = await db.$queryRaw<{ grp: string | null; week: string; rating: number; n: number }[]>`
    SELECT ${COLUMN[by]} AS grp,
           to_char(date_trunc('week', "createdAt" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
           rating, count(*)::int AS n
    FROM "FeedbackItem"
    WHERE rating IS NOT NULL AND "createdAt" >= ${from} AND "createdAt" <= ${now}
    GROUP BY 1, 2, 3`
  const counts: RatingCount[] = rows.map((r) => ({ group: r.grp, week: r.week, rating: r.rating, n: r.n }))
  return { from, to: now, by, report: satisfactionReport(counts, weeksBetween(from, now)) }
}
