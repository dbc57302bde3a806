import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { uid } from '@/test/factories'
import { runJob } from './runner'

const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 60 * 60 * 1000)

describe('housekeeping', () => {
  it('deletes old sign-in attempts, old job runs and expired leases, and leaves the audit trail alone', async () => {
    const email = `${uid('hk')}@test.wardroom.local`
    const [oldAttempt, recentAttempt] = await Promise.all([
      db.loginAttempt.create({ data: { email, ip: '10.0.0.1', success: false, at: daysAgo(31) } }),
      db.loginAttempt.create({ data: { email, ip: '10.0.0.1', success: false, at: daysAgo(29) } }),
    ])
    const jobName = uid('test-hk')
    const [oldRun, recentRun] = await Promise.all([
      db.jobRun.create({ data: { job: jobName, trigger: 'schedule', status: 'ok', startedAt: daysAgo(91) } }),
      db.jobRun.create({ data: { job: jobName, trigger: 'schedule', status: 'ok', startedAt: daysAgo(89) } }),
    ])
    const expiredLease = uid('test-hk-expired')
    const validLease = uid('test-hk-valid')
    await db.jobLease.createMany({
      data: [
        { job: expiredLease, holder: 'gone', expiresAt: new Date(Date.now() - 1000) },
        { job: validLease, holder: 'alive', expiresAt: new Date(Date.now() + 60_000) },
      ],
    })
    const service = await db.service.create({ data: { key: uid('hk-svc'), name: 'Housekeeping test' } })
    const probe = await db.probe.create({ data: { serviceId: service.id, name: 'hk', url: 'http://127.0.0.1:9/' } })
    const [, recentResult] = await Promise.all([
      db.probeResult.create({ data: { probeId: probe.id, up: true, latencyMs: 5, at: daysAgo(31) } }),
      db.probeResult.create({ data: { probeId: probe.id, up: true, latencyMs: 5, at: daysAgo(1) } }),
    ])
    const audit = await recordAudit(SYSTEM_ACTOR, { action: 'test.housekeeping' })
    const auditBefore = await db.auditLog.count()

    const outcome = await runJob('housekeeping', 'cli')

    expect(outcome.status).toBe('ok')
    expect(outcome.result).toMatchObject({
      loginAttempts: expect.any(Number),
      jobRuns: expect.any(Number),
      jobLeases: expect.any(Number),
    })
    expect(outcome.result!.loginAttempts).toBeGreaterThanOrEqual(1)
    expect(outcome.result!.jobRuns).toBeGreaterThanOrEqual(1)
    expect(outcome.result!.jobLeases).toBeGreaterThanOrEqual(1)
    expect(await db.loginAttempt.findMany({ where: { email }, select: { id: true } })).toEqual([{ id: recentAttempt.id }])
    expect(oldAttempt.id).not.toBe(recentAttempt.id)
    expect((await db.jobRun.findMany({ where: { job: jobName }, select: { id: true } })).map((r) => r.id)).toEqual([recentRun.id])
    expect(oldRun.id).not.toBe(recentRun.id)
    expect(await db.jobLease.findUnique({ where: { job: expiredLease } })).toBeNull()
    expect(await db.jobLease.findUnique({ where: { job: validLease } })).not.toBeNull()
    expect(await db.auditLog.findUnique({ where: { id: audit.id } })).not.toBeNull()
    expect(await db.auditLog.count()).toBeGreaterThanOrEqual(auditBefore)
    expect((await db.probeResult.findMany({ where: { probeId: probe.id }, select: { id: true } })).map((r) => r.id)).toEqual([recentResult.id])
    await db.jobLease.delete({ where: { job: validLease } })
    await db.service.delete({ where: { id: service.id } })
  })
})

describe('audit-verify', () => {
  it('is ok on an intact chain and records its outcome in the audit trail', async () => {
    await recordAudit(SYSTEM_ACTOR, { action: 'test.audit-verify' })
    const outcome = await runJob('audit-verify', 'cli')
    expect(outcome.status).toBe('ok')
    expect(outcome.result).toMatchObject({ ok: true, checked: expect.any(Number) })
    expect(outcome.result!.checked).toBeGreaterThanOrEqual(1)
    expect(outcome.result).not.toHaveProperty('brokenAt')
    const entry = await db.auditLog.findFirst({ where: { action: 'audit.verify', at: { gte: outcome.startedAt } }, orderBy: { id: 'desc' } })
    expect(entry).toMatchObject({ actorType: 'system', summary: { ok: true, checked: outcome.result!.checked, brokenAt: null } })
    const run = await db.jobRun.findUnique({ where: { id: BigInt(outcome.runId!) } })
    expect(run).toMatchObject({ job: 'audit-verify', trigger: 'cli', status: 'ok' })
  })
})
