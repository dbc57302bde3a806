import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { seedSloReports } from './slo-reports'

describe('seedSloReports', () => {
  it('stores the reports the jobs would have built, once', async () => {
    // A fixed past "now" of its own, so the periods are this test's alone.
    const now = new Date('2020-06-17T10:00:00Z')
    const logs: string[] = []
    await seedSloReports((m) => logs.push(m), { now, timeZone: 'UTC' })
    await seedSloReports((m) => logs.push(m), { now, timeZone: 'UTC' })
    expect(logs[0]).toMatch(/^SLA reports: 14 built/)
    expect(logs[1]).toMatch(/^SLA reports: 0 built/)

    const reports = await db.slaReport.findMany({ where: { periodStart: { gte: new Date('2020-03-01T00:00:00Z'), lt: now } }, orderBy: { periodStart: 'asc' } })
    const byPeriod = (p: string) => reports.filter((r) => r.period === p).map((r) => r.periodStart.toISOString().slice(0, 10))
    expect(byPeriod('daily')).toEqual(['2020-06-10', '2020-06-11', '2020-06-12', '2020-06-13', '2020-06-14', '2020-06-15', '2020-06-16'])
    expect(byPeriod('weekly')).toEqual(['2020-05-18', '2020-05-25', '2020-06-01', '2020-06-08'])
    expect(byPeriod('monthly')).toEqual(['2020-03-01', '2020-04-01', '2020-05-01'])
  })
})
