import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { JobCard } from './job-card'
import type { JobOverview } from '@/lib/jobs/queries'

const now = new Date('2026-03-10T12:00:00Z')
const base: JobOverview = {
  name: 'housekeeping',
  description: 'Deletes old rows.',
  schedule: '0 * * * *',
  scheduleOverridden: false,
  scheduleText: 'every hour at :00',
  leaseSeconds: 60,
  timeoutSeconds: 300,
  nextRunAt: new Date('2026-03-10T13:00:00Z'),
  health: 'ok',
  lastError: null,
  leasedUntil: null,
  runs: [],
}
const run = (over: Partial<JobOverview['runs'][number]>): JobOverview['runs'][number] => ({
  id: 1n,
  trigger: 'schedule',
  status: 'ok',
  startedAt: new Date('2026-03-10T11:00:00Z'),
  finishedAt: new Date('2026-03-10T11:00:01Z'),
  durationMs: 1200,
  error: null,
  result: { loginAttempts: 3 },
  ...over,
})

const render = (job: JobOverview, canRun = true, scheduled = true) =>
  renderToStaticMarkup(<JobCard job={job} canRun={canRun} scheduled={scheduled} timezone="UTC" now={now} />)

describe('JobCard', () => {
  it('shows the schedule in words and as cron, and an empty state without runs', () => {
    const html = render(base)
    expect(html).toContain('every hour at :00')
    expect(html).toContain('0 * * * *')
    expect(html).toContain('No runs yet')
    expect(html).toContain('Run housekeeping now')
    expect(html).toContain('none recorded')
    expect(html).not.toContain('Failing')
    expect(html).not.toContain('Overdue')
    expect(html).not.toContain('WARDROOM_JOB_SCHEDULES')
  })

  it('says failing or overdue in words, with the last error in plain words', () => {
    const failing = render({ ...base, health: 'failing', lastError: { message: 'timeout: the run exceeded 300 s', at: new Date('2026-03-10T11:00:00Z') } })
    expect(failing).toContain('Failing')
    expect(failing).toContain('timeout: the run exceeded 300 s')
    const overdue = render({ ...base, health: 'overdue' })
    expect(overdue).toContain('Overdue')
    expect(overdue).not.toContain('Failing')
  })

  it('marks a schedule set by WARDROOM_JOB_SCHEDULES', () => {
    const html = render({ ...base, schedule: '*/15 * * * * *', scheduleOverridden: true, scheduleText: 'every 15 seconds' })
    expect(html).toContain('*/15 * * * * *')
    expect(html).toContain('set by WARDROOM_JOB_SCHEDULES')
  })

  it('lists runs with status, duration, result or error, and marks stale running rows interrupted', () => {
    const html = render({
      ...base,
      runs: [
        run({ id: 3n, status: 'failed', error: 'disk full', result: null }),
        run({ id: 2n, status: 'running', startedAt: new Date('2026-03-10T10:00:00Z'), durationMs: null, result: null }),
        run({ id: 1n }),
      ],
    })
    expect(html).toContain('Failed')
    expect(html).toContain('disk full')
    expect(html).toContain('Interrupted')
    expect(html).toContain('login attempts 3')
    expect(html).toContain('1 s')
  })

  it('shows no run button to readers and explains the next run when an external cron drives jobs', () => {
    const html = render(base, false, false)
    expect(html).not.toContain('Run housekeeping now')
    expect(html).toContain('set by the external cron')
  })
})
