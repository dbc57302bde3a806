import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// lib/env parses the environment once at import: the secret must be set before any module loads it.
const SECRET = vi.hoisted(() => {
  const secret = 'test-cron-secret-0123456789abcdef'
  process.env.CRON_SECRET = secret
  return secret
})

const { GET, POST } = await import('@/app/api/cron/[job]/route')
const { db } = await import('@/lib/db')
const { registerJob } = await import('./registry')
const { acquireLease, releaseLease } = await import('./lease')
const { request, routeParams, uid } = await import('@/test/factories')

const okJob = { name: uid('test-cron-ok'), schedule: '0 0 1 1 *', description: 'test', run: async () => ({ touched: 2 }) }
const failingJob = {
  name: uid('test-cron-fail'),
  schedule: '0 0 1 1 *',
  description: 'test',
  run: async (): Promise<Record<string, unknown>> => {
    throw new Error('upstream timed out')
  },
}
const unregister: (() => void)[] = []
beforeAll(() => {
  unregister.push(registerJob(okJob), registerJob(failingJob))
})
afterAll(() => unregister.forEach((u) => u()))

const call = (handler: typeof GET, job: string, headers: Record<string, string> = {}, method = 'GET') =>
  handler(request(`/api/cron/${job}`, { method, headers }), routeParams({ job }))
const auth = { authorization: `Bearer ${SECRET}` }

describe('/api/cron/[job]', () => {
  it('answers 401 without the secret or with a wrong one, in the JSON error shape', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-secret-wrong-secret-00' },
      { authorization: `Bearer ${SECRET.slice(0, -1)}` },
      { authorization: `Bearer ${SECRET}x` },
    ]
    for (const headers of attempts) {
      const res = await call(GET, okJob.name, headers)
      expect(res.status).toBe(401)
      const body = (await res.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('unauthorized')
      expect(body.error.message).toEqual(expect.any(String))
    }
    expect(await db.jobRun.count({ where: { job: okJob.name } })).toBe(0)
  })

  it('answers 404 for an unknown job', async () => {
    const res = await call(GET, 'no-such-job', auth)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('runs a known job on GET and POST and answers its outcome as JSON', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await call(method === 'GET' ? GET : POST, okJob.name, auth, method)
      expect(res.status).toBe(200)
      const body = (await res.json()) as Record<string, unknown>
      expect(body).toEqual({
        job: okJob.name,
        status: 'ok',
        startedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        durationMs: expect.any(Number),
        result: { touched: 2 },
      })
    }
    const runs = await db.jobRun.findMany({ where: { job: okJob.name } })
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      ['http', 'ok'],
      ['http', 'ok'],
    ])
  })

  it('answers 502 with status failed when the job fails, so external crons alert', async () => {
    const res = await call(POST, failingJob.name, auth, 'POST')
    expect(res.status).toBe(502)
    expect(await res.json()).toMatchObject({ job: failingJob.name, status: 'failed', result: null, error: 'upstream timed out' })
  })

  it('answers 200 with status skipped, the holder and since when, while another instance runs the job', async () => {
    expect(await acquireLease(okJob.name, 'other-instance:run', 60)).toBe(true)
    try {
      const res = await call(POST, okJob.name, auth, 'POST')
      expect(res.status).toBe(200)
      const body = (await res.json()) as { status: string; result: { heldBy: string; since: string } }
      expect(body).toMatchObject({ job: okJob.name, status: 'skipped', result: { heldBy: 'other-instance:run' } })
      // When the holder took the lease (database clock), so an external cron can tell busy from stuck.
      const lease = await db.jobLease.findUniqueOrThrow({ where: { job: okJob.name } })
      expect(body.result.since).toBe(lease.takenAt.toISOString())
    } finally {
      await releaseLease(okJob.name, 'other-instance:run')
    }
  })
})
