/** Reads of stored SLA reports and of the signed-in person's report subscriptions. */
import 'server-only'
import { z } from 'zod'
import { db } from '../db'
import { parseReportData, type ReportData } from './report-data'
import { isReportPeriod, type ReportPeriod } from './report-periods'

export const REPORT_LIST_LIMIT = 100

/** A stored report's id and period, as both the list and the report page show them. */
interface ReportHead {
  id: string
  period: ReportPeriod
  periodStart: Date
  periodEnd: Date
  timezone: string
  generatedAt: Date
}

export interface ReportListItem extends ReportHead {
  /** null when the stored data is not in a shape this version reads. */
  summary: ReportData['summary'] | null
}

/** Newest periods first, optionally one kind of period only. */
export async function listReports(filter: { period?: ReportPeriod; limit?: number } = {}): Promise<ReportListItem[]> {
  const rows = await db.slaReport.findMany({
    where: filter.period ? { period: filter.period } : {},
    orderBy: [{ periodStart: 'desc' }, { period: 'asc' }],
    take: filter.limit ?? REPORT_LIST_LIMIT,
  })
  return rows.flatMap((r) =>
    isReportPeriod(r.period)
      ? [{ id: r.id, period: r.period, periodStart: r.periodStart, periodEnd: r.periodEnd, timezone: r.timezone, generatedAt: r.generatedAt, summary: parseReportData(r.data)?.summary ?? null }]
      : [],
  )
}

export interface ReportView extends ReportHead {
  data: ReportData
}

const ReportId = z.uuid()

/** One report; null for an unknown or malformed id, or data this version cannot read. */
export async function getReport(id: string): Promise<ReportView | null> {
  if (!ReportId.safeParse(id).success) return null
  const row = await db.slaReport.findUnique({ where: { id } })
  if (!row || !isReportPeriod(row.period)) return null
  const data = parseReportData(row.data)
  if (!data) return null
  return { id: row.id, period: row.period, periodStart: row.periodStart, periodEnd: row.periodEnd, timezone: row.timezone, generatedAt: row.generatedAt, data }
}

/** Which periods the person is subscribed to. */
export async function subscribedPeriods(userId: string): Promise<Set<ReportPeriod>> {
  const rows = await db.reportSubscription.findMany({ where: { userId }, select: { period: true } })
  return new Set(rows.map((r) => r.period).filter(isReportPeriod))
}

/** Whether an enabled e-mail channel exists, i.e. whether subscribing will actually send mail. */
export async function hasEmailChannel(): Promise<boolean> {
  return (await db.notificationChannel.count({ where: { type: 'email', enabled: true } })) > 0
}

/** Whether a report with this id exists (a malformed id does not): the page gate's 404 check. */
export async function reportExists(id: string): Promise<boolean> {
  if (!ReportId.safeParse(id).success) return false
  return (await db.slaReport.count({ where: { id } })) > 0
}
