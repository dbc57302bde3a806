import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { metrics } from '@/lib/metrics'
import { ApiError } from '@/lib/errors'
import { uid } from '@/test/factories'
import { runJob } from './runner'
import { acquireLease, claimLease, releaseLease, renewLease } from './lease'
import { jobIncidentKey } from './failure-incident'
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
      // Who holds it and since when, so a caller can tell a busy job from a stuck one.
      expect(outcome.result).toEqual({ heldBy: 'other-instance:run', since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) })
      const since = new Date(outcome.result!.since as string).getTime()
      expect(Math.abs(since - Date.now())).toBeLessThan(60_000)
      expect((await runsOf(job.name))[0]).toMatchObject({ status: 'skipped', result: { heldBy: 'other-instance:run' } })
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('runJob timeouts', () => {
  it('aborts a run at its timeout, records it failed with a timeout error and releases the lease, without waiting for a handler that ignores the signal', async () => {
    let seen: AbortSignal | undefined
    const job = testJob(
      async ({ signal }) => {
        seen = signal
        await new Promise(() => undefined) // never settles, never looks at the signal
        return {}
      },
      { timeoutSeconds: 0.3 },
    )
    const started = Date.now()
    const outcome = await runJob(job, 'schedule')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toBe('timeout: the run exceeded 0.3 s')
    expect(seen?.aborted).toBe(true)
    const [row] = await runsOf(job.name)
    expect(row).toMatchObject({ status: 'failed', error: 'timeout: the run exceeded 0.3 s' })
    expect(row!.finishedAt).not.toBeNull()
    expect(await db.jobLease.findUnique({ where: { job: job.name } })).toBeNull()
  })

  it('lets a handler that checks the signal between batches stop early, still recorded as a timeout', async () => {
    let batches = 0
    const job = testJob(
      async ({ signal }) => {
        for (;;) {
          signal.throwIfAborted()
          batches++
          await sleep(50)
        }
      },
      { timeoutSeconds: 0.3 },
    )
    const outcome = await runJob(job, 'cli')
    expect(outcome).toMatchObject({ status: 'failed', error: 'timeout: the run exceeded 0.3 s' })
    const at = batches
    await sleep(200)
    expect(batches).toBe(at) // it stopped
    expect(batches).toBeGreaterThan(0)
  })

  it('does not count a late failure of an aborted handler as an unhandled rejection or a second outcome', async () => {
    const job = testJob(
      async () => {
        await sleep(500)
        throw new Error('too late to matter')
      },
      { timeoutSeconds: 0.1 },
    )
    const outcome = await runJob(job, 'cli')
    expect(outcome.error).toBe('timeout: the run exceeded 0.1 s')
    await sleep(600)
    expect((await runsOf(job.name)).map((r) => [r.status, r.error])).toEqual([['failed', 'timeout: the run exceeded 0.1 s']])
  })
})

describe('job leases', () => {
  it('are renewed while a run goes on, so a run longer than its lease keeps the job', async () => {
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    const job = testJob(async () => {
      await gate
      return { done: true }
    }, { leaseSeconds: 1 })
    const run = runJob(job, 'schedule')
    await sleep(2_500) // two and a half leases
    const lease = await db.jobLease.findUniqueOrThrow({ where: { job: job.name } })
    expect(lease.expiresAt.getTime()).toBeGreaterThan(Date.now() - 200)
    const meanwhile = await runJob(job, 'http')
    expect(meanwhile).toMatchObject({ status: 'skipped', result: { heldBy: lease.holder, since: lease.takenAt.toISOString() } })
    open()
    expect(await run).toMatchObject({ status: 'ok', result: { done: true } })
    expect(await db.jobLease.findUnique({ where: { job: job.name } })).toBeNull()
  })

  it('aborts the run when its lease was taken over by another holder', async () => {
    let aborted = false
    const job = testJob(
      async ({ signal }) => {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
        aborted = true
        return {}
      },
      { leaseSeconds: 0.6 },
    )
    const run = runJob(job, 'manual')
    await sleep(100)
    // As if this holder had stalled past its expiry and another instance had taken the job over.
    await db.jobLease.update({ where: { job: job.name }, data: { holder: 'other-instance:takeover', expiresAt: new Date(Date.now() + 60_000) } })
    const outcome = await run
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(/^lease lost: /)
    expect(aborted).toBe(true)
    // The new holder keeps its lease.
    expect(await db.jobLease.findUnique({ where: { job: job.name } })).toMatchObject({ holder: 'other-instance:takeover' })
    await releaseLease(job.name, 'other-instance:takeover')
  })

  it('claims answer the holder and since when; renewals keep the holder, and a taken-over lease is not renewed', async () => {
    const name = uid('test-lease')
    expect(await claimLease(name, 'a', 60)).toEqual({ acquired: true })
    const first = await db.jobLease.findUniqueOrThrow({ where: { job: name } })
    expect(await claimLease(name, 'b', 60)).toEqual({ acquired: false, heldBy: 'a', since: first.takenAt })
    await sleep(20)
    expect(await renewLease(name, 'a', 120)).toBe(true)
    const renewed = await db.jobLease.findUniqueOrThrow({ where: { job: name } })
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime())
    expect(renewed.takenAt).toEqual(first.takenAt)
    await db.jobLease.update({ where: { job: name }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await claimLease(name, 'b', 60)).toEqual({ acquired: true })
    expect(await renewLease(name, 'a', 60)).toBe(false)
    await releaseLease(name, 'b')
  })
})

describe('failing jobs on the operations board', () => {
  const incidentsOf = (job: string) => db.incident.findMany({ where: { dedupKey: jobIncidentKey(job) }, orderBy: { triggeredAt: 'asc' } })

  it('opens one high incident after 3 failed runs in a row and resolves it at the next success', async () => {
    let fail = true
    let n = 0
    const job = testJob(async () => {
      n++
      if (fail) throw new Error(`upstream refused batch ${n}\nsecond line`)
      return { ok: true }
    })
    expect((await runJob(job, 'schedule')).status).toBe('failed')
    // A skipped run between failures neither counts nor breaks the streak.
    expect(await acquireLease(job.name, 'other-instance:run', 60)).toBe(true)
    expect((await runJob(job, 'schedule')).status).toBe('skipped')
    await releaseLease(job.name, 'other-instance:run')
    expect((await runJob(job, 'schedule')).status).toBe('failed')
    expect(await incidentsOf(job.name)).toHaveLength(0)
    expect((await runJob(job, 'schedule')).status).toBe('failed')

    const [incident] = await incidentsOf(job.name)
    expect(incident).toMatchObject({ status: 'triggered', severity: 'high', dedupKey: `wardroom-job:${job.name}` })
    expect(incident!.title).toBe(`Job ${job.name} failed 3 times in a row: upstream refused batch 3`)
    const alert = await db.alert.findFirstOrThrow({ where: { incidentId: incident!.id } })
    expect(alert).toMatchObject({ source: 'jobs', severity: 'high', serviceKey: 'wardroom', system: 'wardroom_jobs' })
    // On the board under Wardroom itself (the service is created on first need).
    const service = await db.service.findUniqueOrThrow({ where: { key: 'wardroom' } })
    expect(incident!.serviceId).toBe(service.id)

    // Still failing: the same incident, no second one.
    expect((await runJob(job, 'schedule')).status).toBe('failed')
    expect(await incidentsOf(job.name)).toHaveLength(1)

    fail = false
    expect((await runJob(job, 'schedule')).status).toBe('ok')
    const [resolved] = await incidentsOf(job.name)
    expect(resolved).toMatchObject({ id: incident!.id, status: 'resolved' })
    expect(resolved!.resolvedAt).not.toBeNull()
  })

  it('does not open one when a success breaks the streak', async () => {
    const outcomes = ['failed', 'failed', 'ok', 'failed', 'failed']
    let i = 0
    const job = testJob(async () => {
      if (outcomes[i++] === 'failed') throw new Error('flaky')
      return {}
    })
    for (const expected of outcomes) expect((await runJob(job, 'cli')).status).toBe(expected)
    expect(await incidentsOf(job.name)).toHaveLength(0)
  })

  it('still records the run when the incident cannot be written', async () => {
    // A name too long for an alert's dedup key: the ingest refuses it.
    const job = testJob(async () => {
      throw new Error('broken')
    }, { name: uid(`test-${'x'.repeat(300)}`) })
    for (let k = 0; k < 3; k++) expect(await runJob(job, 'cli')).toMatchObject({ status: 'failed', error: 'broken' })
    expect((await runsOf(job.name)).map((r) => r.status)).toEqual(['failed', 'failed', 'failed'])
    expect(await db.incident.count({ where: { dedupKey: { startsWith: jobIncidentKey(job.name).slice(0, 60) } } })).toBe(0)
  })
})
