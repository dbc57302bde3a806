/** The SLO demo data, seeded inside a transaction that is rolled back (tests share one database). */
import { describe, expect, it } from 'vitest'
import { db, Prisma } from '@/lib/db'
import { DEMO_USERS } from './foundation'
import { seedIncidents } from './incidents'
import { seedSlo, SEED_HISTORY_DAYS } from './slo'
import { SEED_SLOS } from '@/lib/seed/slo-history'

const ROLLBACK = 'rollback'
const DAY = 86_400_000

type Tx = Prisma.TransactionClient

async function sums(tx: Tx, key: string, from: Date) {
  const [r] = await tx.$queryRaw<{ good: number; total: number }[]>`
    SELECT coalesce(sum(r.good), 0)::float8 AS good, coalesce(sum(r.total), 0)::float8 AS total
    FROM "SloRollup" r JOIN "Slo" s ON s.id = r."sloId" WHERE s.key = ${key} AND r.minute >= ${from}`
  return r!
}

/** Good and counted 5-minute slices (good when ≥ 95 % of the slice's events are). */
async function slices(tx: Tx, key: string, from: Date) {
  const [r] = await tx.$queryRaw<{ good: number; total: number }[]>`
    SELECT count(*) FILTER (WHERE g >= 0.95 * t)::float8 AS good, count(*)::float8 AS total FROM (
      SELECT date_bin(interval '5 minutes', r.minute, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS b, sum(r.good) AS g, sum(r.total) AS t
      FROM "SloRollup" r JOIN "Slo" s ON s.id = r."sloId" WHERE s.key = ${key} AND r.minute >= ${from} GROUP BY 1
    ) x WHERE t > 0`
  return r!
}

const budgetLeft = (c: { good: number; total: number }, target: number) => 1 - (c.total - c.good) / ((1 - target) * c.total)

describe('seedSlo', () => {
  it('seeds the SLOs with 90 believable days, violations linked to incidents, idempotently and fast', async () => {
    const now = new Date()
    const logs: string[] = []
    await db
      .$transaction(
        async (tx) => {
          for (const u of DEMO_USERS) await tx.user.upsert({ where: { email: u.email }, create: { ...u, passwordHash: 'x' }, update: {} })
          await seedIncidents(() => {}, { tx, now })
          const started = performance.now()
          await seedSlo((m) => logs.push(m), { tx, now, timeZone: 'Europe/London' })
          const ms = performance.now() - started
          expect(ms).toBeLessThan(10_000)

          const slos = await tx.slo.findMany({ where: { key: { in: SEED_SLOS.map((s) => s.definition.key) } } })
          expect(slos.map((s) => s.key).sort()).toEqual(SEED_SLOS.map((s) => s.definition.key).sort())
          expect(slos.find((s) => s.key === 'phi_access_compliance')).toMatchObject({ target: 1, windowKind: 'calendar_month', sliType: 'ratio' })
          expect(slos.find((s) => s.key === 'patient_response_time')).toMatchObject({ sliType: 'threshold', threshold: 2000, comparator: 'lte' })

          // 90 days: 5-minute rows, per-minute for the last 7 days.
          const first = await tx.sloRollup.findFirst({ where: { slo: { key: 'system_availability' } }, orderBy: { minute: 'asc' } })
          expect(now.getTime() - first!.minute.getTime()).toBeGreaterThan((SEED_HISTORY_DAYS - 1) * DAY)
          const count = await tx.sloRollup.count({ where: { slo: { key: 'system_availability' } } })
          expect(count).toBeGreaterThan(30_000)
          expect(count).toBeLessThan(40_000)

          // Diurnal traffic: the busiest hour sees at least twice the quietest.
          const byHour = await tx.$queryRaw<{ h: number; n: number }[]>`
            SELECT extract(hour FROM r.minute AT TIME ZONE 'Europe/London')::int AS h, sum(r.total)::float8 AS n
            FROM "SloRollup" r JOIN "Slo" s ON s.id = r."sloId" WHERE s.key = 'system_availability' GROUP BY 1`
          const volumes = byHour.map((r) => r.n)
          expect(Math.max(...volumes)).toBeGreaterThan(2 * Math.min(...volumes))

          const window30 = new Date(now.getTime() - 30 * DAY)
          // Healthy SLOs keep most of their budget; nobody is breached except by design.
          expect(budgetLeft(await sums(tx, 'system_availability', window30), 0.999)).toBeGreaterThan(0.25)
          expect(budgetLeft(await sums(tx, 'patient_response_time', window30), 0.99)).toBeGreaterThan(0.25)
          // PHI: 100 % this month (the only errors were 50 days ago).
          const phi = await sums(tx, 'phi_access_compliance', new Date(now.getTime() - 31 * DAY))
          expect(phi.good).toBe(phi.total)
          expect((await sums(tx, 'phi_access_compliance', new Date(now.getTime() - 90 * DAY))).good).toBeLessThan(
            (await sums(tx, 'phi_access_compliance', new Date(now.getTime() - 90 * DAY))).total,
          )
          // Emergency triage: the night-shift slowdowns nearly spent its timeslice budget, though by events it looks fine.
          const triageSlices = budgetLeft(await slices(tx, 'emergency_triage_response_time', window30), 0.99)
          expect(triageSlices).toBeGreaterThan(0)
          expect(triageSlices).toBeLessThan(0.25)
          expect(budgetLeft(await sums(tx, 'emergency_triage_response_time', window30), 0.99)).toBeGreaterThan(triageSlices)
          // Medication review is burning fast right now (the first slo-evaluate run pages).
          const lastHour = await sums(tx, 'medication_review_response_time', new Date(now.getTime() - 3_600_000))
          expect((lastHour.total - lastHour.good) / lastHour.total / 0.02).toBeGreaterThan(14.4)

          const violations = await tx.sloViolation.findMany({ where: { slo: { key: { in: SEED_SLOS.map((s) => s.definition.key) } } }, include: { slo: true } })
          expect(violations.length).toBeGreaterThanOrEqual(8)
          expect(violations.every((v) => v.resolvedAt && v.resolvedAt > v.openedAt && v.resolvedAt <= now)).toBe(true)
          const linked = violations.filter((v) => v.incidentId)
          expect(linked.length).toBeGreaterThanOrEqual(4)
          const incidents = await tx.incident.findMany({ where: { id: { in: linked.map((v) => v.incidentId!) } }, include: { service: true } })
          for (const v of linked) expect(incidents.find((i) => i.id === v.incidentId)?.service?.key).toBe(v.service)
          expect(violations.some((v) => v.slo.key === 'emergency_triage_response_time')).toBe(true)

          const raw = await tx.sliEvent.count({ where: { at: { gte: new Date(now.getTime() - 3_600_000) } } })
          expect(raw).toBeGreaterThanOrEqual(100)

          // Twice: nothing new.
          const before = await tx.sloRollup.count()
          await seedSlo((m) => logs.push(m), { tx, now, timeZone: 'Europe/London' })
          expect(await tx.sloRollup.count()).toBe(before)
          expect(logs[1]).toMatch(/already seeded/)
          throw new Error(ROLLBACK)
        },
        { timeout: 60_000, maxWait: 10_000 },
      )
      .catch((e: Error) => {
        if (e.message !== ROLLBACK) throw e
      })
    expect(logs[0]).toMatch(/8 SLOs/)
  }, 60_000)
})
