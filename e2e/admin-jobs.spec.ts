import { execFileSync } from 'node:child_process'
import { expect, test } from './fixtures'
import { E2E_MAIN_DATA_DIR } from './constants'

/** Writes job runs into the e2e server's database (see e2e/support/record-job-runs.ts). */
function recordJobRuns(job: string, runs: { status: 'ok' | 'failed'; minutesAgo: number; error?: string; result?: Record<string, unknown> }[]): void {
  const pg = process.env.TEST_DATABASE_URL
  execFileSync(process.execPath, ['--import', 'tsx', 'e2e/support/record-job-runs.ts', JSON.stringify({ job, runs })], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...(pg ? { DATABASE_URL: pg } : { WARDROOM_DATA_DIR: E2E_MAIN_DATA_DIR }) },
  })
}

// Prisma's words for a transaction that outlived its time-out, as older runs stored them.
const RAW_ERROR =
  'PrismaClientKnownRequestError: Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 5234 ms passed since the start of the transaction.'
// Monthly: no scheduled run during the test turns it back to OK.
const JOB = 'sla-report-monthly'

test.beforeAll(() => {
  recordJobRuns(JOB, [
    // 30 good runs (the oldest with a watermark in its result, on the second page), then the failure.
    ...Array.from({ length: 30 }, (_, i) => ({ status: 'ok' as const, minutesAgo: 120 + i, result: i === 29 ? { reports: 1, watermark: { event: '140', probe: '0' } } : { reports: 1 } })),
    { status: 'failed', minutesAgo: 5, error: RAW_ERROR },
  ])
})

test('the jobs page lists every job compactly, failing ones first, with a sentence to act on', async ({ adminPage: page }) => {
  await page.goto('/admin/jobs')
  const table = page.getByRole('table', { name: 'Scheduled jobs, failing and overdue first' })
  await expect(table).toBeVisible()

  // Failing and overdue jobs come first.
  await expect(table.locator('tbody tr').first().getByText(/^(Failing|Overdue)$/)).toBeVisible()
  const row = table.locator('tbody tr', { has: page.getByRole('link', { name: JOB, exact: true }) })
  await expect(row.getByText('Failing', { exact: true })).toBeVisible()

  // What to do, in words, in the row under it; the error as Prisma wrote it only behind "Technical detail".
  const problem = row.locator('xpath=following-sibling::tr[1]')
  await expect(problem.getByText(/^The database was too busy/)).toBeVisible()
  const raw = problem.getByText(RAW_ERROR)
  await expect(raw).toBeHidden()
  await problem.getByText('Technical detail').click()
  await expect(raw).toBeVisible()

  // The whole list fits in about two screens, not 5,200 px.
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  expect(height).toBeLessThan(2400)
})

test('a job’s page shows its runs a page at a time, with readable results', async ({ adminPage: page }) => {
  await page.goto('/admin/jobs')
  await page.getByRole('link', { name: JOB, exact: true }).click()
  await expect(page).toHaveURL(`/admin/jobs/${JOB}`)
  await expect(page.getByRole('heading', { level: 1, name: JOB })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Why it is failing' })).toBeVisible()

  const pager = page.getByRole('navigation', { name: 'Pages of runs' })
  await expect(pager).toContainText(/Runs 1–25 of \d+/)
  await pager.getByRole('link', { name: 'Older runs' }).click()
  await expect(page).toHaveURL(`/admin/jobs/${JOB}?page=2`)
  await expect(pager).toContainText(/Runs 26–\d+ of \d+/)

  // The rollup's bookkeeping reads as words, not as JSON.
  const runs = page.getByRole('table', { name: `Runs of ${JOB}, newest first` })
  await expect(runs.getByText('watermark (event 140, probe 0)', { exact: false })).toBeVisible()
  await expect(runs.getByText('{"event"', { exact: false })).toHaveCount(0)

  await pager.getByRole('link', { name: 'Newer runs' }).click()
  await expect(page).toHaveURL(`/admin/jobs/${JOB}`)
})
