'use server'
/**
 * Server actions of the reports page: subscribe to / unsubscribe from a period's report (anyone who may read
 * reports, for themselves only) and "Generate now" (slo:manage). Each adapts its form to a command of
 * ./commands.ts, which authorises, writes and audits in one transaction; then the page is revalidated.
 */
import { revalidatePath } from 'next/cache'
import { zonedTimeToUtc } from '@/lib/time'
import { z } from 'zod'
import { env } from '../env'
import { defineAction, type FormState } from '../auth/guard'
import { unprocessable } from '@/lib/errors'

import { generateReport, subscribeReport, unsubscribeReport } from './commands'
import { lastFullPeriod, periodContaining, periodLabel, PERIOD_NOUN, REPORT_PERIODS, type PeriodRange, type ReportPeriod } from './report-periods'

const REPORTS_PATH = '/slo/reports'

const Period = z.enum(REPORT_PERIODS, { error: 'Choose daily, weekly or monthly' })
const SubscriptionInput = z.object({ period: Period })

export const subscribeReportAction = defineAction('report:read', SubscriptionInput, async ({ period }, { user, actor }) => {
  const { created } = await subscribeReport(actor, { period })
  revalidatePath(REPORTS_PATH)
  return {
    ok: true,
    status: created ? 201 : 200,
    message: created ? `You will get the ${period} report by e-mail at ${user.email}.` : `You were already subscribed to the ${period} report.`,
  }
})

export const unsubscribeReportAction = defineAction('report:read', SubscriptionInput, async ({ period }, { actor }) => {
  const { removed } = await unsubscribeReport(actor, { period })
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
    const { report, replaced } = await generateReport(actor, period, range.start, range.end, tz)
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
