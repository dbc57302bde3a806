'use server'
/**
 * Server actions of the reports page: subscribe to / unsubscribe from a period's report (anyone who may read
 * reports, for themselves only) and "Generate now" (slo:manage). Each is validated, authorised, audited.
 */
import { revalidatePath } from 'next/cache'
import { zonedTimeToUtc } from '@/lib/time'
import { z } from 'zod'
import { db } from '../db'
import { recordAudit } from '../audit'
import { env } from '../env'
import { defineAction, type FormState } from '../auth/guard'
import { unprocessable } from '@/lib/errors'

import { buildReport } from './reports'
import { lastFullPeriod, periodContaining, periodLabel, PERIOD_NOUN, REPORT_PERIODS, type PeriodRange, type ReportPeriod } from './report-periods'

const REPORTS_PATH = '/slo/reports'

const Period = z.enum(REPORT_PERIODS, { error: 'Choose daily, weekly or monthly' })
const SubscriptionInput = z.object({ period: Period })

export const subscribeReportAction = defineAction('report:read', SubscriptionInput, async ({ period }, { user, actor }) => {
  const created = await db.$transaction(async (tx) => {
    const existing = await tx.reportSubscription.findFirst({ where: { period, userId: user.id }, select: { id: true } })
    if (existing) return false
    const row = await tx.reportSubscription.create({ data: { period, userId: user.id } })
    await recordAudit(actor, { action: 'report_subscription.create', targetType: 'report_subscription', targetId: row.id, summary: { period } }, tx)
    return true
  })
  revalidatePath(REPORTS_PATH)
  return {
    ok: true,
    status: created ? 201 : 200,
    message: created ? `You will get the ${period} report by e-mail at ${user.email}.` : `You were already subscribed to the ${period} report.`,
  }
})

export const unsubscribeReportAction = defineAction('report:read', SubscriptionInput, async ({ period }, { user, actor }) => {
  const removed = await db.$transaction(async (tx) => {
    const rows = await tx.reportSubscription.findMany({ where: { period, userId: user.id }, select: { id: true } })
    if (rows.length === 0) return 0
    await tx.reportSubscription.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })
    await recordAudit(actor, { action: 'report_subscription.delete', targetType: 'report_subscription', targetId: rows[0]!.id, summary: { period }, count: rows.length }, tx)
    return rows.length
  })
  revalidatePath(REPORTS_PATH)
  return { ok: true, status: 200, message: removed ? `You will no longer get the ${period} report.` : `You were not subscribed to the ${period} report.` }
})

const LocalDate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.iso.date({ error: 'Enter a date as YYYY-MM-DD' }).optional(),
)
const GenerateInput = z.object({ period: Period, date: LocalDate })

export interface GeneratedReportData {
  id: string
  label: string
}

/** The period to report: the one containing `date` (local noon, clear of any clock change), or the last full one. */
function rangeToReport(period: ReportPeriod, date: string | undefined, now: Date, tz: string): PeriodRange {
  if (!date) return lastFullPeriod(period, now, tz)
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const range = periodContaining(period, zonedTimeToUtc(tz, { year, month, day, hour: 12, minute: 0 }), tz)
  if (range.end.getTime() > now.getTime()) {
    throw unprocessable(`That ${PERIOD_NOUN[period]} has not ended yet; reports cover whole periods.`, { date: ['Choose a date in a period that has ended'] })
  }
  return range
}

export const generateReportAction = defineAction(
  'slo:manage',
  GenerateInput,
  async ({ period, date }, { actor }): Promise<FormState<GeneratedReportData>> => {
    const tz = env.WARDROOM_TIMEZONE
    const range = rangeToReport(period, date, new Date(), tz)
    const { report, replaced } = await buildReport(period, range.start, range.end, tz, { actor })
    revalidatePath(REPORTS_PATH)
    const label = periodLabel(period, report.periodStart, tz)
    return {
      ok: true,
      status: replaced ? 200 : 201,
      message: replaced ? `The ${period} report for ${label} was rebuilt.` : `The ${period} report for ${label} was generated.`,
      data: { id: report.id, label },
    }
  },
)
