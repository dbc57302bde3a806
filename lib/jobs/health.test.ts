import { Cron } from 'croner'
import { describe, expect, it } from 'vitest'
import { byAttention, jobHealth, overdueAfter, type JobHealth, type JobHealthInput } from './health'

const next = (schedule: string) => (from: Date) => new Cron(schedule, { timezone: 'UTC' }).nextRun(from)
const at = (iso: string) => new Date(iso)

describe('overdueAfter', () => {
  it.each([
    // schedule, last run, timeout (s), overdue after
    ['* * * * *', '2026-03-10T12:00:00Z', 300, '2026-03-10T12:06:00.000Z'], // next tick 12:01 + timeout 5 min
    ['* * * * *', '2026-03-10T12:00:00Z', 55, '2026-03-10T12:03:00.000Z'], // + at least 2 min
    ['0 * * * *', '2026-03-10T12:00:00Z', 300, '2026-03-10T14:00:00.000Z'], // 13:00 + one interval (1 h)
    ['15 3 * * *', '2026-03-10T03:15:00Z', 1800, '2026-03-11T04:15:00.000Z'], // tomorrow 03:15 + interval capped at 1 h
    ['*/15 * * * * *', '2026-03-10T12:00:00Z', 300, '2026-03-10T12:05:15.000Z'],
  ])('%s, last run %s, timeout %i s → %s', (schedule, lastRun, timeout, expected) => {
    expect(overdueAfter(at(lastRun), next(schedule), timeout)?.toISOString()).toBe(expected)
  })

  it('is never overdue on a schedule that does not fire again', () => {
    expect(overdueAfter(at('2026-03-10T12:00:00Z'), () => null, 300)).toBeNull()
  })
})

describe('jobHealth', () => {
  const base: JobHealthInput = {
    lastFinishedStatus: 'ok',
    lastRunAt: at('2026-03-10T12:00:00Z'),
    scheduled: true,
    next: next('0 * * * *'),
    timeoutSeconds: 300,
    now: at('2026-03-10T13:30:00Z'),
  }
  it.each<[string, Partial<JobHealthInput>, JobHealth]>([
    ['ran recently', {}, 'ok'],
    ['last finished run failed', { lastFinishedStatus: 'failed' }, 'failing'],
    ['failing wins over overdue', { lastFinishedStatus: 'failed', now: at('2026-03-11T00:00:00Z') }, 'failing'],
    ['no run since well past the expected 13:00 tick', { now: at('2026-03-10T14:00:01Z') }, 'overdue'],
    ['late but within grace', { now: at('2026-03-10T13:59:59Z') }, 'ok'],
    ['an external cron drives it: cannot judge overdue', { scheduled: false, now: at('2026-03-11T00:00:00Z') }, 'ok'],
    ['never ran', { lastFinishedStatus: null, lastRunAt: null }, 'no runs'],
    ['only a run in progress so far', { lastFinishedStatus: null }, 'ok'],
  ])('%s → %s', (_case, over, health) => {
    expect(jobHealth({ ...base, ...over })).toBe(health)
  })
})

describe('byAttention', () => {
  it('puts failing jobs first, then overdue ones, then the rest, keeping registry order within each', () => {
    const jobs = (
      [
        ['a', 'ok'],
        ['b', 'overdue'],
        ['c', 'failing'],
        ['d', 'no runs'],
        ['e', 'failing'],
        ['f', 'overdue'],
      ] as const
    ).map(([name, health]) => ({ name, health }))
    expect(byAttention(jobs).map((j) => j.name)).toEqual(['c', 'e', 'b', 'f', 'a', 'd'])
  })
})
