import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { JobOverview } from '@/lib/jobs/queries'
import { JobError } from './job-error'
import { JobTable } from './job-table'
import { summarizeRuns, triggerLabel } from './job-words'
import { JobRunsPager, JobRunsTable } from './job-runs-table'

const now = new Date('2026-03-10T12:00:00Z')
type Run = JobOverview['runs'][number]
const run = (over: Partial<Run>): Run => ({
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
const job = (over: Partial<JobOverview>): JobOverview => ({
  name: 'housekeeping',
  description: 'Deletes old rows.',
  schedule: '0 * * * *',
  scheduleOverridden: false,
  scheduleText: 'every hour at :00',
  leaseSeconds: 60,
  timeoutSeconds: 300,
  nextRunAt: new Date('2026-03-10T13:00:00Z'),
  health: 'ok',
  lastRunAt: new Date('2026-03-10T11:00:00Z'),
  lastError: null,
  leasedUntil: null,
  runs: [run({})],
  ...over,
})
const PRISMA = 'PrismaClientKnownRequestError (P2028): Transaction already closed: A commit cannot be executed on an expired transaction.'

describe('summarizeRuns', () => {
  it.each([
    [[], 'No runs yet'],
    [['ok', 'ok', 'ok'], '3 OK'],
    [['ok', 'failed', 'ok', 'skipped', 'failed'], '2 failed · 2 OK · 1 skipped'],
    [['interrupted', 'running'], '1 interrupted · 1 running'],
  ])('%j → %s', (statuses, words) => {
    expect(summarizeRuns(statuses)).toBe(words)
  })
})

describe('triggerLabel', () => {
  it('names what started a run in words', () => {
    expect([triggerLabel('schedule'), triggerLabel('http'), triggerLabel('cli'), triggerLabel('manual'), triggerLabel('other')]).toEqual([
      'Schedule',
      'Cron call',
      'Command line',
      'Run now',
      'other',
    ])
  })
})

describe('JobError', () => {
  it('says what to do in a sentence and keeps the raw error behind a disclosure', () => {
    const html = renderToStaticMarkup(<JobError error={PRISMA} />)
    expect(html).toMatch(/<p[^>]*>The database was too busy/)
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Technical detail<\/summary><code[^>]*>PrismaClientKnownRequestError \(P2028\)/)
  })
})

describe('JobTable', () => {
  const render = (jobs: JobOverview[], canRun = true, scheduled = true) =>
    renderToStaticMarkup(<JobTable jobs={jobs} canRun={canRun} scheduled={scheduled} now={now} />)

  it('shows one row per job: a link to its page, its state, its recent runs in words and its next run', () => {
    const html = render([job({ runs: [run({ id: 2n, status: 'failed', error: 'x' }), run({ id: 1n })] })])
    expect(html).toContain('href="/admin/jobs/housekeeping"')
    expect(html).toContain('>OK<')
    expect(html).toContain('Last 2 runs: </span>1 failed · 1 OK')
    expect(html).toContain('took 1 s')
    expect(html).toContain('Run housekeeping now')
  })

  it('explains a failing job in a sentence under its row, never as raw Prisma text', () => {
    const html = render([job({ health: 'failing', lastError: { message: PRISMA, at: new Date('2026-03-10T11:00:00Z') } })])
    expect(html).toContain('Failing')
    expect(html).toContain('The database was too busy')
    // The raw text is only inside the disclosure.
    expect(html.replace(/<details[\s\S]*?<\/details>/g, '')).not.toContain('PrismaClientKnownRequestError')
  })

  it('says why an overdue job needs a look', () => {
    const html = render([job({ health: 'overdue' })])
    expect(html).toContain('Overdue')
    expect(html).toContain('the schedule expected another since')
  })

  it('marks a job a run holds, and one that never ran', () => {
    expect(render([job({ leasedUntil: new Date('2026-03-10T12:01:00Z') })])).toContain('Running now')
    expect(render([job({ health: 'no runs', runs: [], lastRunAt: null })])).toContain('Not run yet')
  })

  it('shows readers no run button and leaves the next run to the external cron', () => {
    const html = render([job({})], false, false)
    expect(html).not.toContain('Run housekeeping now')
    expect(html).toContain('external cron')
  })
})

describe('JobRunsTable and JobRunsPager', () => {
  it('lists runs with who started them, readable results, failures in words and stale runs as interrupted', () => {
    const html = renderToStaticMarkup(
      <JobRunsTable
        jobName="sli-rollup"
        maxRunSeconds={360}
        now={now}
        runs={[
          run({ id: 3n, status: 'failed', error: PRISMA, result: null, trigger: 'manual' }),
          run({ id: 2n, status: 'running', startedAt: new Date('2026-03-10T10:00:00Z'), durationMs: null, result: null }),
          run({ id: 1n, result: { events: 12, watermark: { event: '140', probe: '0' } }, trigger: 'http' }),
        ]}
      />,
    )
    expect(html).toContain('Run now')
    expect(html).toContain('Cron call')
    expect(html).toContain('The database was too busy')
    expect(html).toContain('Interrupted')
    expect(html).toContain('events 12 · watermark (event 140, probe 0)')
    expect(html).not.toContain('{&quot;event')
  })

  it('pages through older runs by address', () => {
    const page = (n: number, count: number) =>
      renderToStaticMarkup(
        <JobRunsPager jobName="sli-rollup" pageSize={25} page={{ runs: Array.from({ length: count }, (_, i) => run({ id: BigInt(i) })), total: 60, page: n, pageCount: 3 }} />,
      )
    const first = page(1, 25)
    expect(first).toContain('Runs 1–25 of 60')
    expect(first).toContain('href="/admin/jobs/sli-rollup?page=2"')
    expect(first).not.toContain('Newer runs')
    const last = page(3, 10)
    expect(last).toContain('Runs 51–60 of 60')
    expect(last).toContain('href="/admin/jobs/sli-rollup?page=2"')
    expect(last).not.toContain('Older runs')
  })
})
