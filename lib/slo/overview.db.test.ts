/** The SLO reads on the database: overview, detail, report figures, violation counts. */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createSlo, insertRollups, minutes } from '@/test/slo-factories'
import { uid } from '@/test/factories'
import { countViolations, getPeriodFigures, getSloDetail, getSloOverview } from './overview'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const TZ = 'UTC'
const thisMinute = () => new Date(Math.floor(Date.now() / MIN) * MIN)

async function overviewOf(keys: string[], now: Date) {
  const all = await getSloOverview(now, { timeZone: TZ })
  return all.filter((s) => keys.includes(s.key))
}

describe('getSloOverview', () => {
  it('gives compliance, budget (fraction and minutes), burn rates, status and a 30-day sparkline, worst first', async () => {
    const now = thisMinute()
    // 99.9 % over 30 days: a day of 0.06 % errors 10 days ago (budget 60 % spent), clean otherwise.
    const healthy = await createSlo({ sliType: 'ratio', threshold: null, comparator: null, target: 0.999 })
    await insertRollups(healthy.id, [
      ...minutes(new Date(now.getTime() - 29 * DAY), new Date(now.getTime() - 11 * DAY), 1000, 1000),
      ...minutes(new Date(now.getTime() - 11 * DAY), new Date(now.getTime() - 10 * DAY), 994, 1000),
      ...minutes(new Date(now.getTime() - 10 * DAY), new Date(now.getTime() + MIN), 1000, 1000),
    ])
    // Breached: 2 % errors all month against 99 %.
    const breached = await createSlo({ target: 0.99 })
    await insertRollups(breached.id, minutes(new Date(now.getTime() - 2 * DAY), new Date(now.getTime() + MIN), 98, 100))
    // No events at all.
    const empty = await createSlo({ target: 0.95 })

    const [a, b, c] = [healthy.key, breached.key, empty.key]
    const list = await overviewOf([a, b, c], now)
    expect(list.map((s) => s.key)).toEqual([b, a, c])

    const h = list.find((s) => s.key === a)!
    expect(h).toMatchObject({ service: healthy.service, target: 0.999, window: '30d', budgeting: 'occurrences', status: 'ok', alerts: [], workflow: null })
    const total = 29 * 1440 * 1000 + 1000 // 29 days of minutes plus the minute in progress
    expect(h.total).toBe(total)
    expect(h.compliance).toBeCloseTo(1 - (6 * 1440) / total, 9)
    expect(h.budgetRemaining).toBeCloseTo(1 - (6 * 1440) / (0.001 * total), 6)
    expect(h.budgetRemainingMinutes).toBeCloseTo(h.budgetRemaining! * 43.2, 6)
    expect(h.burnRates).toEqual({ '5m': 0, '30m': 0, '1h': 0, '2h': 0, '6h': 0, '1d': 0, '3d': 0 })
    expect(h.sparkline).toHaveLength(30)
    expect(h.sparkline[29]!.day).toBe(now.toISOString().slice(0, 10))
    expect(h.sparkline.filter((p) => p.compliance !== null && p.compliance < 1)).toHaveLength(2) // the bad day straddles two UTC days

    const br = list.find((s) => s.key === b)!
    expect(br.status).toBe('breached')
    expect(br.burnRates['1h']).toBeCloseTo(2, 9)
    expect(br.budgetRemaining).toBeCloseTo(-1, 9)

    const e = list.find((s) => s.key === c)!
    expect(e).toMatchObject({ compliance: null, total: 0, budgetRemaining: 1, status: 'ok' })
    expect(Object.values(e.burnRates).every((r) => r === null)).toBe(true)
    expect(e.sparkline.every((p) => p.compliance === null)).toBe(true)
  })

  it('lists open violations as alerts with incident numbers, and is at risk while one is open', async () => {
    const now = thisMinute()
    const slo = await createSlo({ target: 0.99 })
    await insertRollups(slo.id, minutes(new Date(now.getTime() - DAY), new Date(now.getTime() + MIN), 100, 100))
    const incident = await db.incident.create({ data: { title: 'SLO test', severity: 'critical', dedupKey: uid('slo') } })
    await db.sloViolation.create({
      data: {
        sloId: slo.id,
        service: slo.service,
        rule: 'page_1h',
        severity: 'page',
        openedAt: new Date(now.getTime() - 10 * MIN),
        incidentId: incident.id,
        workings: { rules: [{ rule: 'page_1h', longBurnRate: 15.5 }] },
      },
    })
    const [s] = await overviewOf([slo.key], now)
    expect(s!.status).toBe('at_risk')
    expect(s!.alerts).toEqual([
      {
        id: expect.any(String),
        rule: 'page_1h',
        severity: 'page',
        openedAt: new Date(now.getTime() - 10 * MIN).toISOString(),
        resolvedAt: null,
        burnRate: 15.5,
        incidentId: incident.id,
        incidentNumber: incident.number,
      },
    ])
    expect(await countViolations(slo.key, new Date(now.getTime() - HOUR))).toBe(1)
    expect(await countViolations(slo.key, now)).toBe(0)
  })

  it('budgets timeslices by slices, counts a 100 % target with any error as breached, and reads calendar months', async () => {
    const now = thisMinute()
    const sliced = await createSlo({ target: 0.9, budgeting: 'timeslices', timesliceMinutes: 5, timesliceTarget: 0.95 })
    // Two hours of busy good minutes, then one quiet slice with half its events failing.
    const start = new Date(Math.floor((now.getTime() - 3 * HOUR) / (5 * MIN)) * 5 * MIN)
    await insertRollups(sliced.id, [
      ...minutes(start, new Date(start.getTime() + 2 * HOUR), 1000, 1000),
      ...minutes(new Date(start.getTime() + 2 * HOUR), new Date(start.getTime() + 2 * HOUR + 5 * MIN), 2, 4),
    ])
    const perfect = await createSlo({ sliType: 'ratio', threshold: null, comparator: null, target: 1, windowKind: 'calendar_month' })
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
    await insertRollups(perfect.id, minutes(new Date(Math.max(monthStart, now.getTime() - 2 * HOUR)), new Date(now.getTime() + MIN), 50, 50))
    const spoiled = await createSlo({ sliType: 'ratio', threshold: null, comparator: null, target: 1 })
    await insertRollups(spoiled.id, minutes(new Date(now.getTime() - 2 * HOUR), new Date(now.getTime() - HOUR), 49, 50))

    const list = await overviewOf([sliced.key, perfect.key, spoiled.key], now)
    const s = list.find((x) => x.key === sliced.key)!
    expect(s).toMatchObject({ good: 24, total: 25, budgeting: 'timeslices' })
    expect(s.compliance).toBeCloseTo(0.96, 9)
    expect(s.budgetRemaining).toBeCloseTo(0.6, 9)

    const p = list.find((x) => x.key === perfect.key)!
    expect(p).toMatchObject({ window: 'calendar_month', compliance: 1, budgetRemaining: 1, budgetRemainingMinutes: 0, status: 'ok' })
    expect(p.windowStart).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString())
    const x = list.find((y) => y.key === spoiled.key)!
    expect(x).toMatchObject({ budgetRemaining: 0, status: 'breached' })
    expect(x.burnRates['2h']).toBeNull() // infinite: reported as n/a
  })
})

describe('getSloDetail', () => {
  it('gives bucketed compliance, the budget burn-down, burn-rate series, scaled thresholds and violations', async () => {
    const now = thisMinute()
    const slo = await createSlo({ target: 0.99, windowDays: 28 })
    await insertRollups(slo.id, [
      ...minutes(new Date(now.getTime() - 3 * DAY), new Date(now.getTime() - 2 * HOUR), 100, 100),
      ...minutes(new Date(now.getTime() - 2 * HOUR), new Date(now.getTime() - HOUR), 90, 100),
      ...minutes(new Date(now.getTime() - HOUR), new Date(now.getTime() + MIN), 100, 100),
    ])
    const incident = await db.incident.create({ data: { title: 'SLO detail test', severity: 'high', dedupKey: uid('slo') } })
    await db.sloViolation.create({
      data: { sloId: slo.id, service: slo.service, rule: 'page_6h', severity: 'page', openedAt: new Date(now.getTime() - 90 * MIN), resolvedAt: new Date(now.getTime() - 30 * MIN), incidentId: incident.id, workings: { target: 0.99 } },
    })
    const d = (await getSloDetail(slo.key, '24h', now, { timeZone: TZ }))!
    expect(d.slo).toMatchObject({ key: slo.key, windowDays: 28, target: 0.99, threshold: 2000, comparator: 'lte' })
    expect(d.summary.key).toBe(slo.key)
    expect(d.bucketMinutes).toBe(10)
    expect(d.compliance.length).toBeGreaterThanOrEqual(144)
    expect(d.compliance.length).toBeLessThanOrEqual(146)
    expect(d.thresholds.page[0]).toBeCloseTo(13.44, 9)
    expect(d.thresholds.ticket[1]).toBeCloseTo(0.933333333, 6)
    const worst = d.compliance.filter((p) => p.compliance !== null && p.compliance < 1)
    expect(worst.length).toBeGreaterThanOrEqual(6)
    expect(Math.min(...worst.map((p) => p.compliance!))).toBeCloseTo(0.9, 9)
    // The burn-down: the whole budget before the bad hour, about a fifth of it spent after.
    const budgets = d.budget.map((p) => p.budgetRemaining!)
    expect(budgets[0]).toBe(1)
    expect(budgets[budgets.length - 1]).toBeGreaterThan(0.7)
    expect(budgets[budgets.length - 1]).toBeLessThan(0.9)
    // An hour after the bad hour, the 1 h burn is back to 0 and the 6 h burn still shows it.
    const last = d.burnRates[d.burnRates.length - 1]!
    expect(last.r1h).toBe(0)
    expect(last.r6h).toBeGreaterThan(1)
    const peak = Math.max(...d.burnRates.map((p) => p.r1h ?? 0))
    expect(peak).toBeGreaterThan(8)
    expect(peak).toBeLessThanOrEqual(10 + 1e-9)
    expect(d.violations).toEqual([expect.objectContaining({ rule: 'page_6h', incidentId: incident.id, incidentNumber: incident.number, workings: { target: 0.99 } })])

    for (const range of ['7d', '30d', '90d'] as const) {
      const r = (await getSloDetail(slo.key, range, now, { timeZone: TZ }))!
      expect(r.compliance.length).toBeGreaterThan(90)
      expect(r.compliance.length).toBeLessThanOrEqual(182)
    }
    expect(await getSloDetail(uid('missing'), '24h', now)).toBeNull()
  })
})

describe('getPeriodFigures', () => {
  it('gives per-SLO compliance, budget used, violations and MTTR of linked incidents for a period', async () => {
    const from = new Date(Date.UTC(2026, 0, 5))
    const to = new Date(from.getTime() + DAY)
    const slo = await createSlo({ target: 0.99 })
    await insertRollups(slo.id, [
      ...minutes(new Date(from.getTime() - HOUR), from, 0, 100), // before the period: ignored
      ...minutes(from, new Date(from.getTime() + 12 * HOUR), 100, 100),
      ...minutes(new Date(from.getTime() + 12 * HOUR), to, 99, 100),
    ])
    const i1 = await db.incident.create({ data: { title: 'a', severity: 'high', dedupKey: uid('slo'), status: 'resolved', triggeredAt: from, resolvedAt: new Date(from.getTime() + 30 * MIN) } })
    const i2 = await db.incident.create({ data: { title: 'b', severity: 'high', dedupKey: uid('slo'), status: 'resolved', triggeredAt: from, resolvedAt: new Date(from.getTime() + 90 * MIN) } })
    for (const [i, at] of [[i1, 1], [i2, 2], [null, 30]] as const) {
      await db.sloViolation.create({ data: { sloId: slo.id, service: slo.service, rule: 'ticket_1d', severity: 'ticket', openedAt: new Date(from.getTime() + at * HOUR), incidentId: i?.id ?? null, workings: {} } })
    }
    const f = (await getPeriodFigures(from, to)).find((x) => x.key === slo.key)!
    expect(f).toMatchObject({ good: 1440 * 100 - 720, total: 1440 * 100, violations: 2, incidents: 2, mttrMinutes: 60, workflow: null, target: 0.99 })
    expect(f.compliance).toBeCloseTo(0.995, 9)
    expect(f.budgetUsed).toBeCloseTo(0.5, 9)
  })
})
