import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { metrics } from '@/lib/metrics'
import { ApiError } from '@/lib/http/errors'
import { uid } from '@/test/factories'
import { runJob } from './runner'
import { acquireLease, releaseLease } from './lease'
import { JobFailure, type JobDefinition } from './types'

const testJob = (run: JobDefinition['run'], extra: Partial<JobDefinition> = {}): JobDefinition => ({
  name: uid('test-job'),
  schedule: '0 0 1 1 *',
  description: 'throwaway test job',
  run,
  ...extra,
})

const runsOf = (job: string) => db.jobRun.findMany({ where: { job }, orderBy: { id: 'asc' } })

async function counted(job: string, status: string): Promise<number> {
  const { values } = await metrics.jobRuns.get()
  return values.find((v) => v.labels.job === job && v.labels.status === status)?.value ?? 0
}

describe('runJob', () => {
  it('records an ok run with its result, trigger and duration, and releases the lease', async () => {
    const job = testJob(async ({ now }) => ({ deleted: 3n, at: now }))
    const outcome = await runJob(job, 'cli')
    expect(outcome).toMatchObject({ job: job.name, status: 'ok', trigger: 'cli', result: { deleted: 3, at: outcome.startedAt.toISOString() } })
    expect(outcome.error).toBeUndefined()
    const [row] = await runsOf(job.name)
    expect(row).toMatchObject({ trigger: 'cli', status: 'ok', error: null, result: { deleted: 3 } })
    expect(row!.id.toString()).toBe(outcome.runId)
    expect(row!.finishedAt).not.toBeNull()
    expect(row!.durationMs).toBeGreaterThanOrEqual(0)
    expect(await db.jobLease.findUnique({ where: { job: job.name } })).toBeNull()
    expect(await counted(job.name, 'ok')).toBe(1)
  })

  it('records a failed run with the message only (no stack, truncated) and releases the lease', async () => {
    const job = testJob(async () => {
      throw new Error(`disk full ${'x'.repeat(2000)}`)
    })
    const outcome = await runJob(job, 'schedule')
    expect(outcome.status).toBe('failed')
    const [row] = await runsOf(job.name)
    expect(row).toMatchObject({ status: 'failed', trigger: 'schedule', result: null })
    expect(row!.error!.startsWith('disk full')).toBe(true)
    expect(row!.error!.length).toBeLessThanOrEqual(500)
    expect(row!.error).not.toMatch(/\n\s+at /)
    expect(await db.jobLease.findUnique({ where: { job: job.name } })).toBeNull()
    expect(await counted(job.name, 'failed')).toBe(1)
  })

  it('keeps the result summary of a job that reports a failed outcome', async () => {
    const job = testJob(async () => {
      throw new JobFailure('check found 2 problems', { problems: 2 })
    })
    const outcome = await runJob(job, 'manual')
    expect(outcome).toMatchObject({ status: 'failed', error: 'check found 2 problems', result: { problems: 2 } })
    const [row] = await runsOf(job.name)
    expect(row).toMatchObject({ status: 'failed', trigger: 'manual', error: 'check found 2 problems', result: { problems: 2 } })
  })

  it('never runs a job twice at once: of two concurrent runs one is ok and one skipped', async () => {
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    // If the lease failed to exclude, both runs would wait here: open after a while so the test fails, not hangs.
    const fallback = setTimeout(() => open(), 5_000)
    let entered = 0
    const job = testJob(async () => {
      entered++
      await gate
      return { entered }
    })
    const a = runJob(job, 'schedule')
    const b = runJob(job, 'http')
    const first = await Promise.race([a, b])
    expect(first.status).toBe('skipped')
    open()
    clearTimeout(fallback)
    const outcomes = await Promise.all([a, b])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['ok', 'skipped'])
    expect(entered).toBe(1)
    const rows = await runsOf(job.name)
    expect(rows.map((r) => r.status).sort()).toEqual(['ok', 'skipped'])
    expect(await counted(job.name, 'skipped')).toBe(1)
  })

  it('skips while another instance holds a valid lease', async () => {
    let ran = false
    const job = testJob(async () => {
      ran = true
      return {}
    })
    expect(await acquireLease(job.name, 'other-instance:run', 60)).toBe(true)
    try {
      const outcome = await runJob(job, 'schedule')
      expect(outcome.status).toBe('skipped')
      expect(ran).toBe(false)
      // The skipped run must not release the other holder's lease.
      expect(await db.jobLease.findUnique({ where: { job: job.name } })).toMatchObject({ holder: 'other-instance:run' })
    } finally {
      await releaseLease(job.name, 'other-instance:run')
    }
  })

  it('takes over the expired lease of a crashed holder', async () => {
    const job = testJob(async () => ({ done: true }))
    await db.jobLease.create({ data: { job: job.name, holder: 'crashed-instance:run', expiresAt: new Date(Date.now() - 60_000) } })
    const outcome = await runJob(job, 'schedule')
    expect(outcome).toMatchObject({ status: 'ok', result: { done: true } })
    expect(await db.jobLease.findUnique({ where: { job: job.name } })).toBeNull()
  })

  it('keeps a scheduled tick settled so other instances skip it, while a run by hand may still start', async () => {
    let runs = 0
    const job = testJob(async () => ({ run: ++runs }))
    const settleUntil = new Date(Date.now() + 30_000)
    expect((await runJob(job, 'schedule', { settleUntil })).status).toBe('ok')
    // Another instance firing the same tick a moment later:
    expect((await runJob(job, 'schedule', { settleUntil })).status).toBe('skipped')
    expect(runs).toBe(1)
    expect((await runJob(job, 'manual')).status).toBe('ok')
    expect(runs).toBe(2)
    // The manual run released the lease; a settled lease that has expired no longer blocks the schedule.
    expect((await runJob(job, 'schedule', { settleUntil: new Date(Date.now() + 30_000) })).status).toBe('ok')
    await db.jobLease.updateMany({ where: { job: job.name }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect((await runJob(job, 'schedule')).status).toBe('ok')
    expect(runs).toBe(4)
    expect(await db.jobLease.findUnique({ where: { job: job.name } })).toBeNull()
  })

  it('lets only one of two holders acquire a free lease', async () => {
    const name = uid('test-lease')
    const results = await Promise.all([acquireLease(name, 'a', 60), acquireLease(name, 'b', 60)])
    expect(results.filter(Boolean)).toHaveLength(1)
    await releaseLease(name, 'a')
    await releaseLease(name, 'b')
    expect(await db.jobLease.findUnique({ where: { job: name } })).toBeNull()
  })

  it('refuses an unknown job name with a 404', async () => {
    const err = await runJob('no-such-job', 'cli').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(404)
  })
})
