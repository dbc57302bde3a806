/**
 * The whole path on the database: ingest (over the route) → rollup → evaluate → violation → incident →
 * the rule clears → violation and incident resolve. Clocks are explicit: evaluation runs at chosen instants.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createApiKey, request } from '@/test/factories'
import { createSlo, insertRollups, minutes } from '@/test/slo-factories'
import { POST } from '@/app/api/sli/events/route'
import { rollupSliEvents } from './rollup'
import { evaluateSlos, sloDedupKey } from './evaluate'
import { countViolations } from './overview'
import type { ViolationWorkings } from './types'

const TZ = 'UTC'
const MIN = 60_000
let key: string

beforeAll(async () => {
  key = (await createApiKey(['sli:write'])).key
})

/** Half a minute past the current minute: events a few seconds apart stay inside their minute. */
const halfPast = () => new Date(Math.floor(Date.now() / MIN) * MIN + 30_000)
/** The current minute's start: rollup rows written directly line up with burn windows. */
const thisMinute = () => new Date(Math.floor(Date.now() / MIN) * MIN)

const ingest = (items: unknown[]) =>
  POST(request('/api/sli/events', { method: 'POST', body: { events: items }, headers: { authorization: `Bearer ${key}` } }))

describe('ingest → rollup → evaluate → violation → incident → clear → resolve', () => {
  it('pages on a fast burn, records the workings, and resolves when the rule clears', async () => {
    const slo = await createSlo({ target: 0.99, minEvents: 50 })
    const now = halfPast()
    // 60 minutes × 4 responses; the last 30 minutes half of them slower than 2 s: 1 h burn 25×, 5 m burn 50×.
    const items = []
    for (let m = 59; m >= 0; m--) {
      for (let k = 0; k < 4; k++) {
        const slow = m < 30 && k % 2 === 0
        items.push({ sli: slo.sli, service: slo.service, at: new Date(now.getTime() - m * MIN - k * 1000).toISOString(), value: slow ? 3500 : 800 })
      }
    }
    const res = await ingest(items)
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 240 })

    await rollupSliEvents()
    const sums = await db.sloRollup.aggregate({ where: { sloId: slo.id }, _sum: { good: true, total: true } })
    expect(sums._sum).toEqual({ good: 180n, total: 240n })
    // A re-run adds nothing: each event is rolled up exactly once.
    await rollupSliEvents()
    const again = await db.sloRollup.aggregate({ where: { sloId: slo.id }, _sum: { good: true, total: true } })
    expect(again._sum).toEqual({ good: 180n, total: 240n })

    const r1 = await evaluateSlos(now, { timeZone: TZ, keys: [slo.key] })
    expect(r1).toMatchObject({ slos: 1, firing: 1, opened: 1, resolved: 0, errors: 0 })
    const [v] = await db.sloViolation.findMany({ where: { sloId: slo.id } })
    expect(v).toMatchObject({ rule: 'page_1h', severity: 'page', service: slo.service, resolvedAt: null })
    const w = v!.workings as unknown as ViolationWorkings
    expect(w.rules.find((r) => r.rule === 'page_1h')).toMatchObject({ fired: true, threshold: 14.4, longEvents: 240 })
    expect(w.burnRates['1h']).toBeCloseTo(25, 6)
    expect(w.burnRates['5m']).toBeCloseTo(50, 6)
    expect(w.windowHours).toBe(720)

    const incident = await db.incident.findUniqueOrThrow({ where: { id: v!.incidentId! }, include: { alerts: true } })
    expect(incident).toMatchObject({ severity: 'critical', dedupKey: sloDedupKey(slo.key, 'page'), status: 'triggered' })
    expect(incident.alerts[0]).toMatchObject({ source: 'slo', system: 'sla_monitoring', serviceKey: slo.service })
    expect(incident.title).toBe(`SLO ${slo.key} burning error budget 25.0× (page)`)

    // Still firing a minute later: no second violation, no second incident.
    const r2 = await evaluateSlos(new Date(now.getTime() + MIN), { timeZone: TZ, keys: [slo.key] })
    expect(r2.opened).toBe(0)
    expect(await db.sloViolation.count({ where: { sloId: slo.id } })).toBe(1)
    expect(await countViolations(slo.key, new Date(now.getTime() - 3_600_000))).toBe(1)

    // Seven hours on with no new events, every short window (≤ 6 h) is empty: every rule clears.
    const later = new Date(now.getTime() + 7 * 3_600_000)
    const r3 = await evaluateSlos(later, { timeZone: TZ, keys: [slo.key] })
    expect(r3).toMatchObject({ firing: 0, opened: 0, resolved: 1 })
    const resolved = await db.sloViolation.findUniqueOrThrow({ where: { id: v!.id } })
    expect(resolved.resolvedAt?.getTime()).toBe(later.getTime())
    expect((resolved.workings as unknown as ViolationWorkings).cleared?.at).toBe(later.toISOString())
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { alerts: true } })
    expect(after.status).toBe('resolved')
    expect(after.alerts.every((a) => a.status === 'resolved')).toBe(true)
  })

  it('opens a ticket (medium) on a slow burn, and a page of the 6 h rule is high', async () => {
    const now = thisMinute()
    // Ticket: 1 d and 2 h at 4× a 99 % target (4 % errors), nothing faster.
    const ticket = await createSlo({ target: 0.99, minEvents: 50 })
    await insertRollups(ticket.id, minutes(new Date(now.getTime() - 24 * 3_600_000), new Date(now.getTime() + MIN), 96, 100))
    // Page on the 6 h rule only: 8× over 6 h and 30 m, but a 5-minute lull keeps the 1 h rule's short window quiet.
    const page6 = await createSlo({ target: 0.99, minEvents: 50 })
    await insertRollups(page6.id, minutes(new Date(now.getTime() - 6 * 3_600_000), new Date(now.getTime() - 4 * MIN), 92, 100))
    await insertRollups(page6.id, minutes(new Date(now.getTime() - 4 * MIN), new Date(now.getTime() + MIN), 100, 100))

    const r = await evaluateSlos(now, { timeZone: TZ, keys: [ticket.key, page6.key] })
    expect(r).toMatchObject({ slos: 2, opened: 2, errors: 0 })
    const vt = await db.sloViolation.findFirstOrThrow({ where: { sloId: ticket.id } })
    expect(vt).toMatchObject({ severity: 'ticket', rule: 'ticket_1d' })
    expect((await db.incident.findUniqueOrThrow({ where: { id: vt.incidentId! } })).severity).toBe('medium')
    const vp = await db.sloViolation.findFirstOrThrow({ where: { sloId: page6.id } })
    expect(vp).toMatchObject({ severity: 'page', rule: 'page_6h' })
    expect((await db.incident.findUniqueOrThrow({ where: { id: vp.incidentId! } })).severity).toBe('high')
    // The page SLO's ticket rule fires too (8× over 1 d and 2 h) but no ticket opens while it pages.
    expect(await db.sloViolation.count({ where: { sloId: page6.id, severity: 'ticket' } })).toBe(0)
  })

  it('does not page on low traffic', async () => {
    const now = thisMinute()
    const slo = await createSlo({ target: 0.99, minEvents: 1000 })
    await insertRollups(slo.id, minutes(new Date(now.getTime() - 3_600_000), new Date(now.getTime() + MIN), 0, 2))
    const r = await evaluateSlos(now, { timeZone: TZ, keys: [slo.key] })
    expect(r).toMatchObject({ firing: 0, opened: 0 })
    expect(await db.sloViolation.count({ where: { sloId: slo.id } })).toBe(0)
  })

  it('pages a 100 % objective on any error with enough traffic, and words it without a rate', async () => {
    const now = thisMinute()
    const slo = await createSlo({ sli: 'phi_access_compliance', sliType: 'ratio', threshold: null, comparator: null, target: 1, minEvents: 10 })
    await insertRollups(slo.id, minutes(new Date(now.getTime() - 3_600_000), new Date(now.getTime() + MIN), 29, 30))
    await evaluateSlos(now, { timeZone: TZ, keys: [slo.key] })
    const v = await db.sloViolation.findFirstOrThrow({ where: { sloId: slo.id } })
    const incident = await db.incident.findUniqueOrThrow({ where: { id: v.incidentId! } })
    expect(incident.title).toBe(`SLO ${slo.key} failing its 100 % objective (page)`)
    expect((v.workings as unknown as ViolationWorkings).burnRates['1h']).toBeNull()
  })
})
