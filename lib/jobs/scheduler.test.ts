import { afterEach, describe, expect, it, vi } from 'vitest'

// lib/env parses the environment once at import: fix the settings this file relies on first.
vi.hoisted(() => {
  process.env.WARDROOM_SCHEDULER = 'on'
  process.env.WARDROOM_TIMEZONE = 'UTC'
})

const { startScheduler, stopScheduler, isSchedulerRunning, nextRunAt, settleUntil } = await import('./scheduler')
const { scheduledJobs } = await import('croner')

afterEach(() => stopScheduler())

describe('scheduler', () => {
  it('starts once per process and stops', () => {
    const job = { name: 'test-sched', schedule: '0 0 1 1 *', description: 'test', run: async () => ({}) }
    expect(isSchedulerRunning()).toBe(false)
    expect(startScheduler([job])).toBe(true)
    expect(startScheduler([job])).toBe(true) // idempotent: no second timer, no name clash
    expect(isSchedulerRunning()).toBe(true)
    expect(scheduledJobs.filter((c) => c.name === 'wardroom:test-sched')).toHaveLength(1)
    stopScheduler()
    stopScheduler()
    expect(isSchedulerRunning()).toBe(false)
    expect(scheduledJobs.some((c) => c.name === 'wardroom:test-sched')).toBe(false)
  })

  it('computes the next run in the configured time zone', () => {
    const from = new Date('2026-03-10T03:20:00Z')
    expect(nextRunAt({ schedule: '15 3 * * *' }, from)?.toISOString()).toBe('2026-03-11T03:15:00.000Z')
    expect(nextRunAt({ schedule: '0 * * * *' }, from)?.toISOString()).toBe('2026-03-10T04:00:00.000Z')
  })

  it('keeps a scheduled tick settled for at most a minute and at most half the gap to the next tick', () => {
    const tick = new Date('2026-03-10T04:00:00Z')
    const at = (iso: string) => new Date(iso)
    expect(settleUntil(tick, at('2026-03-10T05:00:00Z')).toISOString()).toBe('2026-03-10T04:01:00.000Z')
    expect(settleUntil(tick, at('2026-03-10T04:01:00Z')).toISOString()).toBe('2026-03-10T04:00:30.000Z')
    expect(settleUntil(tick, null).toISOString()).toBe('2026-03-10T04:01:00.000Z')
    expect(settleUntil(tick, tick).toISOString()).toBe(tick.toISOString())
  })

  it('answers null for a pattern croner cannot read', () => {
    expect(nextRunAt({ schedule: 'not a cron' })).toBeNull()
  })
})
