/**
 * Building and storing SLA reports against the database: figures from real rollups (S1's getPeriodFigures),
 * the previous period and the z-test, linked incidents' MTTR, idempotent re-runs and the audit trail.
 */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { uid } from '@/test/factories'
import { createSlo, insertRollups, minutes } from '@/test/slo-factories'
import { systemActor } from '@/lib/auth/actor'
import { generateReport } from './commands'
import { lastFullPeriod } from './report-periods'

const DAY = 86_400_000

/** A past day of its own per test, so tests sharing the database never build the same report. */
async function sloWithTwoDays(day: string, previous: [number, number], current: [number, number]) {
  const slo = await createSlo({ target: 0.99 })
  const start = new Date(`${day}T00:00:00Z`)
  await insertRollups(slo.id, [...minutes(new Date(start.getTime() - DAY), start, ...previous), ...minutes(start, new Date(start.getTime() + DAY), ...current)])
  return { slo, start, end: new Date(start.getTime() + DAY) }
}

describe('generateReport', () => {
  it('reports compliance, budget used, the change against the day before and MTTR of linked incidents', async () => {
    const { slo, start, end } = await sloWithTwoDays('2021-03-02', [99, 100], [98, 100])
    const incident = await db.incident.create({
      data: {
        title: 'Response time SLO burning',
        severity: 'high',
        status: 'resolved',
        dedupKey: uid('dedup'),
        triggeredAt: new Date(start.getTime() + 3_600_000),
        resolvedAt: new Date(start.getTime() + 3_600_000 + 42 * 60_000),
      },
    })
    await db.sloViolation.create({
      data: { sloId: slo.id, service: slo.service, rule: 'page_1h', severity: 'page', openedAt: new Date(start.getTime() + 3_600_000), resolvedAt: new Date(start.getTime() + 7_200_000), workings: {}, incidentId: incident.id },
    })

    const { report, replaced } = await generateReport(systemActor(), 'daily', start, end, 'UTC')
    expect(replaced).toBe(false)
    const row = report.data.slos.find((s) => s.key === slo.key)!
    expect(row).toMatchObject({ good: 141_120, total: 144_000, met: false, violations: 1, incidents: 1, mttrMinutes: 42 })
    expect(row.compliance).toBeCloseTo(0.98, 12)
    expect(row.budgetUsed).toBeCloseTo(2, 9)
    expect(row.previous).toMatchObject({ good: 142_560, total: 144_000 })
    expect(row.change.verdict).toBe('worse')
    expect(row.change.compliance).toBeCloseTo(-0.01, 12)
    expect(row.change.pValue).toBeLessThan(1e-6)
    expect(report.data.previousStart).toBe('2021-03-01T00:00:00.000Z')
    expect(report.data.summary.missed).toBeGreaterThanOrEqual(1)

    const stored = await db.slaReport.findUniqueOrThrow({ where: { id: report.id } })
    expect(stored).toMatchObject({ period: 'daily', timezone: 'UTC', periodStart: start, periodEnd: end })
  })

  it('is idempotent: building the same period again replaces the report in place, and both are audited', async () => {
    const { slo, start, end } = await sloWithTwoDays('2021-03-12', [100, 100], [100, 100])
    const first = await generateReport(systemActor(), 'daily', start, end, 'UTC', { now: new Date('2021-03-13T09:00:00Z') })
    // A late correction of the last minute of the day: the rebuilt report must reflect it.
    await db.sloRollup.update({ where: { sloId_minute: { sloId: slo.id, minute: new Date(end.getTime() - 60_000) } }, data: { good: 0 } })
    const second = await generateReport(systemActor(), 'daily', start, end, 'UTC', { now: new Date('2021-03-13T09:05:00Z') })

    expect(second.replaced).toBe(true)
    expect(second.report.id).toBe(first.report.id)
    expect(await db.slaReport.count({ where: { period: 'daily', periodStart: start } })).toBe(1)
    const stored = await db.slaReport.findUniqueOrThrow({ where: { id: first.report.id } })
    expect(stored.generatedAt).toEqual(new Date('2021-03-13T09:05:00Z'))
    const row = second.report.data.slos.find((s) => s.key === slo.key)!
    expect(row).toMatchObject({ good: 143_900, total: 144_000 })
    // Without failures in either day there is nothing to test.
    expect(first.report.data.slos.find((s) => s.key === slo.key)!.change.verdict).toBe('too_few_events')

    const audit = await db.auditLog.findMany({ where: { targetType: 'sla_report', targetId: first.report.id }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['sla_report.create', 'sla_report.regenerate'])
    expect(audit[0]!.summary).toMatchObject({ period: 'daily', periodStart: start.toISOString(), timezone: 'UTC' })
  })

  it('builds weekly and monthly reports over whole local periods', async () => {
    const week = lastFullPeriod('weekly', new Date('2021-06-14T08:00:00Z'), 'Europe/London')
    const { report } = await generateReport(systemActor(), 'weekly', week.start, week.end, 'Europe/London', { figures: async () => [] })
    expect(report.periodStart.toISOString()).toBe('2021-06-06T23:00:00.000Z')
    expect(report.data.previousStart).toBe('2021-05-30T23:00:00.000Z')
    expect(report.data.summary).toEqual({ objectives: 0, met: 0, missed: 0, noData: 0, violations: 0 })

    const month = lastFullPeriod('monthly', new Date('2021-03-01T09:00:00Z'), 'UTC')
    const monthly = await generateReport(systemActor(), 'monthly', month.start, month.end, 'UTC', { figures: async () => [] })
    expect(monthly.report.periodEnd.toISOString()).toBe('2021-03-01T00:00:00.000Z')
    expect(monthly.report.data.previousStart).toBe('2021-01-01T00:00:00.000Z')
  })

  it('refuses a range that is not one whole period, and an unknown zone', async () => {
    await expect(generateReport(systemActor(), 'daily', new Date('2021-03-02T00:00:00Z'), new Date('2021-03-04T00:00:00Z'), 'UTC')).rejects.toMatchObject({ status: 400 })
    await expect(generateReport(systemActor(), 'daily', new Date('2021-03-02T00:00:00Z'), new Date('2021-03-03T00:00:00Z'), 'Mars/Olympus')).rejects.toMatchObject({ status: 400 })
  })
})
