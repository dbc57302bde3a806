import { afterEach, describe, expect, it, vi } from 'vitest'

// lib/env parses the environment once at import: make sure the scheduler is allowed in this file.
vi.hoisted(() => {
  process.env.WARDROOM_SCHEDULER = 'on'
})

const { db } = await import('@/lib/db')
const { uid } = await import('@/test/factories')
const { startScheduler, stopScheduler } = await import('./scheduler')

afterEach(() => stopScheduler())

describe('in-process scheduler', () => {
  it('runs a job on its schedule through runJob, recorded with trigger schedule', async () => {
    const job = { name: uid('test-sched'), schedule: '* * * * * *', description: 'every second', run: async () => ({ tick: true }) }
    expect(startScheduler([job])).toBe(true)
    const deadline = Date.now() + 5_000
    let rows: { trigger: string; status: string }[] = []
    while (rows.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      rows = await db.jobRun.findMany({ where: { job: job.name, status: 'ok' }, select: { trigger: true, status: true } })
    }
    expect(rows[0]).toEqual({ trigger: 'schedule', status: 'ok' })
  })
})
