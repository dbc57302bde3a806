/**
 * SLA report demo data: the reports the 09:00 jobs would have stored over the seeded history (the last
 * 7 days, 4 ISO weeks and 3 months in WARDROOM_TIMEZONE), and the executive's weekly subscription. Runs after
 * seedSlo, from its rollups. Idempotent: a report that already exists for a period is left as it is.
 */
import { db } from '../db'
import { env } from '../env'
import { recordAudit } from '../audit'
import { inTransaction } from '@/lib/tx'
import { systemActor } from '@/lib/auth/actor'
import { generateReport } from '../slo/commands'
import { lastFullPeriod, periodBefore, type PeriodRange, type ReportPeriod } from '../slo/report-periods'

const HISTORY: Record<ReportPeriod, number> = { daily: 7, weekly: 4, monthly: 3 }
const SUBSCRIBER = 'cmo@demo.wardroom.local'

function recentPeriods(period: ReportPeriod, count: number, now: Date, timeZone: string): PeriodRange[] {
  const out = [lastFullPeriod(period, now, timeZone)]
  while (out.length < count) out.push(periodBefore(period, out.at(-1)!.start, timeZone))
  return out
}

export async function seedSloReports(log: (m: string) => void, opts: { now?: Date; timeZone?: string } = {}): Promise<void> {
  const now = opts.now ?? new Date()
  const timeZone = opts.timeZone ?? env.WARDROOM_TIMEZONE
  const actor = systemActor()
  let built = 0
  for (const period of Object.keys(HISTORY) as ReportPeriod[]) {
    for (const range of recentPeriods(period, HISTORY[period], now, timeZone)) {
      const exists = await db.slaReport.findUnique({ where: { period_periodStart: { period, periodStart: range.start } }, select: { id: true } })
      if (exists) continue
      await generateReport(actor, period, range.start, range.end, timeZone, { now })
      built++
    }
  }
  const cmo = await db.user.findUnique({ where: { email: SUBSCRIBER }, select: { id: true } })
  if (cmo && !(await db.reportSubscription.findFirst({ where: { userId: cmo.id, period: 'weekly' } }))) {
    await inTransaction(async (tx) => {
      const sub = await tx.reportSubscription.create({ data: { userId: cmo.id, period: 'weekly' } })
      await recordAudit(actor, { action: 'report_subscription.create', targetType: 'report_subscription', targetId: sub.id, summary: { period: 'weekly', source: 'demo seed' } }, tx)
    })
  }
  log(`SLA reports: ${built} built (${Object.entries(HISTORY).map(([p, n]) => `${n} ${p}`).join(', ')} kept)`)
}
