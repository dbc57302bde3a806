/**
 * The demo experiment, seeded inside a transaction that is rolled back (tests share one database, and the
 * flag and demo-week seeds are checked by their own tests): one exposure per diagnosing demo clinician,
 * in the variant the week was generated with, under the pseudonym their events carry.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_EXPERIMENT, demoExperimentClinicians, demoExperimentVariant } from '@/lib/analytics/demo'
import { analyticsKey, pseudonymizer } from '@/lib/analytics/pseudonym'
import { db } from '@/lib/db'
import { subjectHash } from '@/lib/flags/commands/experiments'
import { seedAnalyticsExperiment } from './analytics-experiment'
import { seedFlags } from './flags'
import { DEMO_USERS } from './foundation'

const ROLLBACK = 'rollback'

describe('seedAnalyticsExperiment', () => {
  it('exposes every diagnosing demo clinician once, under the demo week’s pseudonym; idempotently', async () => {
    const logs: string[] = []
    const weekAt = new Date('2030-01-08T12:00:00Z')
    await db
      .$transaction(
        async (tx) => {
          for (const u of DEMO_USERS) await tx.user.upsert({ where: { email: u.email }, create: { ...u, passwordHash: 'x' }, update: {} })
          await seedFlags(() => {}, { tx })
          await tx.analyticsCursor.upsert({ where: { name: 'demo-week' }, create: { name: 'demo-week', at: weekAt }, update: {} })
          const week = await tx.analyticsCursor.findUniqueOrThrow({ where: { name: 'demo-week' } })
          // A completed diagnosis for the first clinician, after the exposure: their conversion.
          const pseudonym = pseudonymizer(analyticsKey() ?? Buffer.from('wardroom-demo-analytics-key'))
          const ids = demoExperimentClinicians(week.at)
          await tx.$executeRaw`SELECT analytics_create_partition(${week.at}::date)`
          await tx.$executeRaw`INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", type) VALUES (${pseudonym('user', ids[0]!)}, 'diagnosis_completed', ${week.at}, 'track')`

          await seedAnalyticsExperiment((m) => logs.push(m), { tx })
          const exp = await tx.experiment.findUniqueOrThrow({ where: { key: DEMO_EXPERIMENT.key }, include: { flag: { select: { key: true } } } })
          expect(exp).toMatchObject({ status: 'running', controlVariant: 'off', flag: { key: 'ai_engine_v2' } })
          const events = await tx.experimentEvent.findMany({ where: { experimentId: exp.id } })
          const exposures = events.filter((e) => e.kind === 'exposure')
          expect(exposures).toHaveLength(ids.length)
          const expected = ids.map((id) => [subjectHash(id), pseudonym('user', id), demoExperimentVariant(id)].join(' ')).sort()
          expect(exposures.map((e) => [e.subject, e.analyticsKey, e.variant].join(' ')).sort()).toEqual(expected)
          expect(exposures.every((e) => e.at < week.at)).toBe(true)
          const conversions = events.filter((e) => e.kind === 'conversion')
          expect(conversions.map((e) => [e.analyticsKey, e.at.toISOString()])).toContainEqual([pseudonym('user', ids[0]!), week.at.toISOString()])
          // About half each way.
          const on = exposures.filter((e) => e.variant === 'on').length
          expect(on / ids.length).toBeGreaterThan(0.35)
          expect(on / ids.length).toBeLessThan(0.65)

          await seedAnalyticsExperiment((m) => logs.push(m), { tx })
          expect(logs.at(-1)).toBe('analytics experiment: 0 exposures, 0 conversions')
          throw new Error(ROLLBACK)
        },
        { timeout: 60_000 },
      )
      .catch((e: unknown) => {
        if (!(e instanceof Error) || e.message !== ROLLBACK) throw e
      })
    expect(logs[0]).toMatch(/^analytics experiment: \d+ exposures, [1-9]\d* conversions$/)
  }, 120_000)
})
