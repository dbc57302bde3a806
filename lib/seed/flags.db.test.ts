/** The feature-flag demo data, seeded inside a transaction that is rolled back (tests share one database). */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { DEMO_USERS } from './foundation'
import { seedFlags } from './flags'
import { EnvironmentConfig, FlagType, Variant } from '../flags/schema'
import { evaluateFlag } from '../flags/evaluate'
import { gateStatuses } from '../flags/gates'

const ROLLBACK = 'rollback'

describe('seedFlags', () => {
  it('seeds ten valid flags, a canary at 25 %, an automatic rollback, gates, an experiment; idempotently', async () => {
    const now = new Date()
    const logs: string[] = []
    await db
      .$transaction(
        async (tx) => {
          for (const u of DEMO_USERS) await tx.user.upsert({ where: { email: u.email }, create: { ...u, passwordHash: 'x' }, update: {} })
          await seedFlags((m) => logs.push(m), { tx, now })
          const flags = await tx.flag.findMany({
            where: { key: { in: ['ai_engine_v2', 'sepsis_alert_model', 'triage_model_version', 'legacy_dose_checker_fallback', 'patient_summary_llm', 'radiology_ai_overlay', 'ed_triage_copy', 'nurse_handoff_summary', 'cardiology_risk_threshold', 'alert_routing_config'] } },
            include: { environments: true, rollouts: true, compliance: true, events: true, changeRequests: true },
          })
          expect(flags).toHaveLength(10)
          const by = (k: string) => flags.find((f) => f.key === k)!

          // Every environment is a valid configuration that evaluates without error for a full context.
          for (const f of flags) {
            expect(f.environments).toHaveLength(3)
            for (const e of f.environments) {
              const c = EnvironmentConfig.parse({ enabled: e.enabled, offVariant: e.offVariant, rules: e.rules, defaultServe: e.defaultServe })
              const r = evaluateFlag(
                { key: f.key, type: FlagType.parse(f.type), variants: Variant.array().parse(f.variants), environment: e.environment, killed: e.killed, version: 1, ...c },
                { targetingKey: 'clinician-1', department: 'emergency', role: 'physician', region: 'north', appVersion: '3.4.0' },
              )
              expect(r.errorCode, `${f.key}/${e.environment}`).toBeUndefined()
            }
          }

          const canary = by('ai_engine_v2').rollouts[0]!
          expect(canary).toMatchObject({ environment: 'production', status: 'running', currentStage: 1, percentage: 25 })
          expect(canary.nextStageAt!.getTime()).toBeGreaterThan(now.getTime())

          const sepsis = by('sepsis_alert_model')
          expect(sepsis.rollouts[0]).toMatchObject({ status: 'rolled_back', percentage: 25 })
          expect(sepsis.events.find((e) => e.type === 'rollback_automatic')!.data).toMatchObject({
            reason: '4 violations of patient_response_time during rollout: 50 % → 25 %',
          })
          expect(sepsis.changeRequests.map((c) => c.status)).toEqual(['pending'])
          expect(gateStatuses(sepsis, sepsis.compliance).find((g) => g.gate === 'fda_approval')!.satisfied).toBe(true)
          expect(gateStatuses(by('patient_summary_llm'), by('patient_summary_llm').compliance)[0]).toMatchObject({ gate: 'hipaa_review', satisfied: true })
          expect(gateStatuses(by('radiology_ai_overlay'), [])[0]).toMatchObject({ gate: 'clinical_validation', satisfied: false })
          expect(by('radiology_ai_overlay').environments.find((e) => e.environment === 'production')!.enabled).toBe(false)
          expect(by('legacy_dose_checker_fallback').environments.find((e) => e.environment === 'production')!.killed).toBe(true)
          expect(by('alert_routing_config').lifecycle).toBe('stale')

          const exp = await tx.experiment.findUniqueOrThrow({ where: { key: 'ed-triage-copy' } })
          const counts = await tx.experimentEvent.groupBy({ by: ['kind', 'variant'], where: { experimentId: exp.id }, _count: true })
          const n = (kind: string, variant: string) => counts.find((c) => c.kind === kind && c.variant === variant)?._count ?? 0
          expect(n('exposure', 'control') + n('exposure', 'concise')).toBe(3000)
          expect(Math.abs(n('exposure', 'control') - 1500)).toBeLessThan(120)
          const rate = (v: string) => n('conversion', v) / n('exposure', v)
          expect(rate('control')).toBeGreaterThan(0.14)
          expect(rate('concise')).toBeGreaterThan(rate('control'))
          expect(await tx.flagEvaluationCount.count({ where: { flagKey: 'ai_engine_v2', hour: { gte: new Date(now.getTime() - 24 * 3_600_000) } } })).toBe(48)

          await seedFlags((m) => logs.push(m), { tx, now })
          expect(await tx.flag.count({ where: { key: 'ai_engine_v2' } })).toBe(1)
          expect(await tx.experimentEvent.count({ where: { experimentId: exp.id, kind: 'exposure' } })).toBe(3000)
          expect(logs.at(-1)).toMatch(/already seeded/)
          throw new Error(ROLLBACK)
        },
        { timeout: 60_000 },
      )
      .catch((e: unknown) => {
        if (!(e instanceof Error && e.message === ROLLBACK)) throw e
      })
    expect(logs[0]).toMatch(/^flags: 10 flags/)
  })
})
