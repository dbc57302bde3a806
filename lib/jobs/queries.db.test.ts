import { afterAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { uid } from '@/test/factories'
import { registerJob } from './registry'
import { getJobOverview, jobExists, listJobRuns } from './queries'

const job = { name: uid('test-queries'), schedule: '0 0 1 1 *', description: 'test', run: async () => ({}) }
const unregister = registerJob(job)
afterAll(unregister)

describe('job page reads', () => {
  it('pages a job’s runs newest first, and clamps a page past the end', async () => {
    const start = Date.parse('2026-01-01T00:00:00Z')
    await db.jobRun.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ job: job.name, trigger: 'schedule', status: i === 6 ? 'failed' : 'ok', startedAt: new Date(start + i * 60_000), error: i === 6 ? 'timeout: the run exceeded 300 s' : null })),
    })
    const first = await listJobRuns(job.name, 1, 3)
    expect(first).toMatchObject({ total: 7, page: 1, pageCount: 3 })
    expect(first.runs.map((r) => r.startedAt.getTime())).toEqual([6, 5, 4].map((i) => start + i * 60_000))
    const last = await listJobRuns(job.name, 99, 3)
    expect(last).toMatchObject({ page: 3, pageCount: 3 })
    expect(last.runs).toHaveLength(1)
    expect((await listJobRuns(job.name, Number.NaN, 3)).page).toBe(1)

    const overview = await getJobOverview(job.name)
    expect(overview).toMatchObject({ name: job.name, health: 'failing', lastError: { message: 'timeout: the run exceeded 300 s' }, runs: [] })
    expect(overview?.lastRunAt?.getTime()).toBe(start + 6 * 60_000)
  })

  it('knows which jobs exist', async () => {
    expect(await jobExists(job.name)).toBe(true)
    expect(await jobExists('no-such-job')).toBe(false)
    expect(await getJobOverview('no-such-job')).toBeNull()
    expect(await listJobRuns('no-such-job', 1)).toMatchObject({ runs: [], total: 0, page: 1, pageCount: 1 })
  })
})
