/** Rollouts on a real database: stage advance (fake clock), hold, automatic rollback with alert, manual rollback, stale, counters. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { markStaleFlags } from './commands/flags'
import { advanceRollouts, editRollout, pauseRollout, resumeRollout, rollbackNow, startRollout } from './commands/rollouts'
import { RolloutInput } from './schema'
import { countEvaluation, flushEvaluationCounts } from './stats-counter'
import { flagKey, makeFlag } from '@/test/flag-factories'

const H = 3_600_000
const JOB = systemActor('rollout-advance')
const t0 = new Date(Date.now() - 60_000)
const at = (hours: number) => new Date(t0.getTime() + hours * H)
let sloKey: string
let sloId: string

beforeAll(async () => {
  sloKey = flagKey('slo_prt')
  const slo = await db.slo.create({ data: { key: sloKey, name: 'Patient response time', sli: 'patient_response_time', sliType: 'threshold', service: 'triage-api', target: 0.99 } })
  sloId = slo.id
})

async function rolloutFlag(guarded: string[] = [sloKey]) {
  const flag = await makeFlag({ key: flagKey('roll'), guardedSloKeys: guarded })
  await startRollout(systemActor(), flag.key, 'staging', RolloutInput.parse({ variant: 'on' }), { now: t0 })
  return flag
}

const plan = (flagId: string) => db.rolloutPlan.findFirstOrThrow({ where: { flagId, environment: 'staging' }, orderBy: { startedAt: 'desc' } })
const serve = async (flagId: string) =>
  (await db.flagEnvironment.findUniqueOrThrow({ where: { flagId_environment: { flagId, environment: 'staging' } } })).defaultServe
const violation = (openedAt: Date, resolved = true) =>
  db.sloViolation.create({ data: { sloId, service: 'triage-api', rule: 'page_1h', severity: 'page', openedAt, resolvedAt: resolved ? new Date(openedAt.getTime() + 60_000) : null, workings: {} } })

describe('rollout-advance', () => {
  it('starts at 5 % and climbs 25 → 50 → 100 as stages fall due', async () => {
    const flag = await rolloutFlag([])
    expect(await plan(flag.id)).toMatchObject({ percentage: 5, currentStage: 0, status: 'running', nextStageAt: at(24) })
    expect(await serve(flag.id)).toEqual({ split: [{ variant: 'on', weight: 5 }, { variant: 'off', weight: 95 }] })

    expect(await advanceRollouts(JOB, at(23), { flagIds: [flag.id] })).toMatchObject({ advanced: 0 })
    expect(await advanceRollouts(JOB, at(24), { flagIds: [flag.id] })).toMatchObject({ advanced: 1 })
    expect(await plan(flag.id)).toMatchObject({ percentage: 25, currentStage: 1, nextStageAt: at(48) })
    await advanceRollouts(JOB, at(48), { flagIds: [flag.id] })
    const done = await advanceRollouts(JOB, at(72), { flagIds: [flag.id] })
    expect(done).toMatchObject({ completed: 1 })
    expect(await plan(flag.id)).toMatchObject({ percentage: 100, status: 'completed', nextStageAt: null })
    const types = (await db.flagEvent.findMany({ where: { flagId: flag.id }, orderBy: { id: 'asc' } })).map((e) => e.type)
    expect(types).toEqual(['created', 'rollout_started', 'rollout_advanced', 'rollout_advanced', 'rollout_completed'])
  })

  it('holds while a guarded SLO has an open violation, and says so once', async () => {
    const flag = await rolloutFlag()
    const v = await violation(at(1), false)
    expect(await advanceRollouts(JOB, at(25), { flagIds: [flag.id] })).toMatchObject({ held: 1, advanced: 0 })
    await advanceRollouts(JOB, at(25.1), { flagIds: [flag.id] })
    expect(await plan(flag.id)).toMatchObject({ percentage: 5, status: 'running', pausedReason: expect.stringContaining(sloKey) })
    expect(await db.flagEvent.count({ where: { flagId: flag.id, type: 'rollout_held' } })).toBe(1)
    await db.sloViolation.update({ where: { id: v.id }, data: { resolvedAt: at(2) } })
    expect(await advanceRollouts(JOB, at(26), { flagIds: [flag.id] })).toMatchObject({ advanced: 1 })
  })

  it('rolls back automatically on more than 3 violations: halves, alerts the team, writes why', async () => {
    const flag = await rolloutFlag()
    await advanceRollouts(JOB, at(24), { flagIds: [flag.id] })
    await advanceRollouts(JOB, at(48), { flagIds: [flag.id] })
    expect((await plan(flag.id)).percentage).toBe(50)
    // Shares one SLO with the other tests: count only what happens after this rollout started.
    const rolloutStart = (await plan(flag.id)).startedAt
    const before = await db.sloViolation.count({ where: { sloId, openedAt: { gte: rolloutStart } } })
    for (let i = before; i < 4; i++) await violation(at(49 + i * 0.1))
    const r = await advanceRollouts(JOB, at(50), { flagIds: [flag.id] })
    expect(r).toMatchObject({ rolledBack: 1 })
    const p = await plan(flag.id)
    expect(p).toMatchObject({ percentage: 25, status: 'rolled_back', nextStageAt: null, currentStage: 1 })
    expect(await serve(flag.id)).toEqual({ split: [{ variant: 'on', weight: 25 }, { variant: 'off', weight: 75 }] })
    const ev = await db.flagEvent.findFirstOrThrow({ where: { flagId: flag.id, type: 'rollback_automatic' } })
    expect(ev.data).toMatchObject({ sloKey, from: 50, to: 25, threshold: 3, reason: expect.stringMatching(new RegExp(`violations of ${sloKey} during rollout: 50 % → 25 %`)) })
    const alert = await db.alert.findFirstOrThrow({ where: { dedupKey: `flag-rollback:${flag.key}:staging` } })
    expect(alert).toMatchObject({ source: 'flags', severity: 'high' })
    expect(alert.message).toContain(flag.key)
    expect(await db.auditLog.count({ where: { action: 'flag.rollout.rollback_automatic', targetId: flag.key } })).toBe(1)

    // Resume restarts the violation window; the plan climbs back 25 → 50.
    await resumeRollout(systemActor(), flag.key, 'staging', { now: new Date() })
    expect(await plan(flag.id)).toMatchObject({ status: 'running', percentage: 25 })
  })

  it('edits the plan: stages and interval (the due step moves with the interval)', async () => {
    const flag = await rolloutFlag([])
    expect(await editRollout(systemActor(), flag.key, 'staging', { stages: [5, 10, 100], stageIntervalHours: 2 })).toEqual({ applied: true })
    expect(await plan(flag.id)).toMatchObject({ stages: [5, 10, 100], stageIntervalHours: 2, nextStageAt: at(2) })
    await advanceRollouts(JOB, at(2), { flagIds: [flag.id] })
    expect(await plan(flag.id)).toMatchObject({ percentage: 10, currentStage: 1, nextStageAt: at(4) })
    expect(await db.flagEvent.count({ where: { flagId: flag.id, type: 'rollout_edited' } })).toBe(1)
  })

  it('pause stops the job; "roll back now" serves 0 %', async () => {
    const flag = await rolloutFlag([])
    await pauseRollout(systemActor(), flag.key, 'staging', 'Investigating triage latency')
    expect(await advanceRollouts(JOB, at(30), { flagIds: [flag.id] })).toMatchObject({ checked: 0 })
    await rollbackNow(systemActor(), flag.key, 'staging', 'Clinician reports')
    expect(await plan(flag.id)).toMatchObject({ percentage: 0, status: 'rolled_back', pausedReason: 'Clinician reports' })
    expect(await serve(flag.id)).toEqual({ split: [{ variant: 'on', weight: 0 }, { variant: 'off', weight: 100 }] })
    expect(await db.flagEvent.count({ where: { flagId: flag.id, type: 'rollback_manual' } })).toBe(1)
  })
})

describe('flag-stale', () => {
  it('marks a flag unchanged 30 days at 0 %/100 %, not one with targeting or a recent change', async () => {
    const old = await makeFlag({ key: flagKey('stale') }, { production: { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } } })
    const targeted = await makeFlag({ key: flagKey('stale_t') }, {
      production: { enabled: true, offVariant: 'off', rules: [{ id: 'r', conditions: [{ attribute: 'region', operator: 'in', values: ['north'] }], serve: { variant: 'on' } }], defaultServe: { variant: 'off' } },
    })
    const fresh = await makeFlag({ key: flagKey('stale_f') })
    const longAgo = new Date(Date.now() - 31 * 86_400_000)
    await db.flag.updateMany({ where: { id: { in: [old.id, targeted.id] } }, data: { lastChangedAt: longAgo } })
    const r = await markStaleFlags(systemActor('flag-stale'), new Date(), { flagIds: [old.id, targeted.id, fresh.id] })
    expect(r.marked).toEqual([old.key])
    expect((await db.flag.findUniqueOrThrow({ where: { id: old.id } })).lifecycle).toBe('stale')
  })
})

describe('flag-eval-flush', () => {
  it('adds in-memory counts to FlagEvaluationCount per hour', async () => {
    const key = flagKey('count')
    const now = Date.now()
    for (let i = 0; i < 3; i++) countEvaluation('production', key, 'on', now)
    countEvaluation('production', key, 'off', now)
    await flushEvaluationCounts()
    countEvaluation('production', key, 'on', now)
    await flushEvaluationCounts()
    const rows = await db.flagEvaluationCount.findMany({ where: { flagKey: key }, orderBy: { variant: 'asc' } })
    expect(rows.map((r) => [r.variant, Number(r.count)])).toEqual([
      ['off', 1],
      ['on', 4],
    ])
    expect(rows[0]!.hour.getTime() % 3_600_000).toBe(0)
  })
})
