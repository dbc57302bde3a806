import { afterEach, describe, expect, it, vi } from 'vitest'

// lib/env parses the environment once at import: fix the settings this file relies on first.
vi.hoisted(() => {
  process.env.WARDROOM_SCHEDULER = 'on'
  process.env.WARDROOM_TIMEZONE = 'UTC'
})

const { startScheduler, stopScheduler, isSchedulerRunning, nextRunAt, settleUntil } = await import('./scheduler')
const { scheduledJobs } = await import('croner')

afterEach(() => {
  stopScheduler()
  vi.unstubAllEnvs()
})

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

  it('schedules each job on its effective schedule: its own override, else "*", else its definition', () => {
    vi.stubEnv('WARDROOM_JOB_SCHEDULES', '{"*":"*/15 * * * * *","housekeeping":"0 */6 * * *"}')
    const own = { name: 'housekeeping', schedule: '0 * * * *', description: 'test', run: async () => ({}) }
    const other = { name: 'test-sched-other', schedule: '0 0 1 1 *', description: 'test', run: async () => ({}) }
    expect(startScheduler([own, other])).toBe(true)
    const pattern = (name: string) => scheduledJobs.find((c) => c.name === `wardroom:${name}`)?.getPattern()
    expect(pattern('housekeeping')).toBe('0 */6 * * *')
    expect(pattern('test-sched-other')).toBe('*/15 * * * * *')
  })

  it('refuses to start, naming the problem, when WARDROOM_JOB_SCHEDULES is invalid', () => {
    const job = { name: 'test-sched', schedule: '0 0 1 1 *', description: 'test', run: async () => ({}) }
    vi.stubEnv('WARDROOM_JOB_SCHEDULES', '{"housekeepng":"0 * * * *"}')
    expect(() => startScheduler([job])).toThrow(/Invalid WARDROOM_JOB_SCHEDULES:\n {2}housekeepng: unknown job/)
    expect(isSchedulerRunning()).toBe(false)
    vi.stubEnv('WARDROOM_JOB_SCHEDULES', '{"*":"every minute"}')
    expect(() => startScheduler([job])).toThrow(/\*: "every minute" has 2 fields/)
    vi.stubEnv('WARDROOM_JOB_SCHEDULES', "{'*': '* * * * *'}")
    expect(() => startScheduler([job])).toThrow(/not valid JSON/)
    expect(isSchedulerRunning()).toBe(false)
  })

  it('answers null for a pattern croner cannot read', () => {
    expect(nextRunAt({ schedule: 'not a cron' })).toBeNull()
  })
})
