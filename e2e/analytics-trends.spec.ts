import { readFile } from 'node:fs/promises'
import { DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'

/**
 * A product manager follows the AI differential's spread on the demo's eight weeks: the trend of its
 * events broken down by department, the adoption table, then weekly retention cohorts, and downloads the
 * retention table as CSV.
 */
const PM = 'pm@demo.wardroom.local'
// The pages count weeks of raw events (adoption, retention): allow a busy machine time.
const PAGE = { timeout: 20_000 }
/** The CSV's header row is a contract with spreadsheets downstream: spelled out, not imported. */
const RETENTION_CSV_HEADER = 'cohort_week_start,iso_week,cohort_people,week,retained_people,retention_percent,status'

test('a PM breaks a trend down by department, reads retention cohorts and downloads them as CSV', async ({ page }) => {
  test.setTimeout(90_000)
  await loginViaApi(page, PM, DEMO_PASSWORD)
  await page.goto('/analytics/trends')
  await expect(page.getByRole('heading', { level: 1, name: 'Trends' })).toBeVisible(PAGE)
  const trend = page.getByRole('region', { name: 'Events over time' })
  const form = trend.getByRole('form', { name: 'Choose the trend' })
  // The demo's default: the diagnosis assistant opened, and its AI differential reviewed.
  await expect(form.getByRole('checkbox', { name: 'diagnosis_started' })).toBeChecked()
  await expect(form.getByRole('checkbox', { name: 'ai_suggestion_reviewed' })).toBeChecked()

  // One event, by department: a line per department, the largest first.
  await form.getByRole('checkbox', { name: 'diagnosis_started' }).uncheck()
  await expect(page).toHaveURL(/event=ai_suggestion_reviewed/, PAGE)
  await expect(page).not.toHaveURL(/event=diagnosis_started/)
  await form.getByLabel('Count').selectOption({ label: 'People per day' })
  await form.getByLabel('Break down by').selectOption({ label: 'Department' })
  await expect(page).toHaveURL(/by=department/, PAGE)
  await expect(trend.getByRole('figure', { name: 'People per day by department, last 30 days' })).toBeVisible(PAGE)
  const series = trend.getByRole('table', { name: /^Series of the trend/ })
  await expect(series.getByRole('row', { name: /^Emergency / })).toBeVisible()
  // Pharmacy runs no diagnosis: it has no line.
  await expect(series.getByRole('row', { name: /^Pharmacy / })).toHaveCount(0)
  // The chart's numbers, one click away.
  await trend.getByText('Show data table').click()
  const numbers = trend.getByRole('table', { name: 'People per day by department, last 30 days', exact: true })
  await expect(numbers.getByRole('columnheader', { name: 'Emergency' })).toBeVisible()
  await expect(numbers.getByRole('row')).toHaveCount(1 + 30)

  // Adoption of the AI differential: Pharmacy has people but none who review a differential.
  const adoption = page.getByRole('region', { name: 'Feature adoption by department' })
  await expect(adoption.getByRole('row', { name: /^Pharmacy \d+ 0 .*0\.0%$/ })).toBeVisible()

  // Retention: cohorts of new people by the week they came, each with its weeks after.
  await page.getByRole('navigation', { name: 'Analytics views' }).getByRole('link', { name: 'Retention' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Retention' })).toBeVisible(PAGE)
  const cohorts = page.getByRole('table', { name: /^Weekly retention/ })
  await expect(cohorts.getByRole('columnheader', { name: 'Week 0' })).toBeVisible()
  await expect(cohorts.getByRole('columnheader', { name: 'Week 7' })).toBeVisible()
  await expect(cohorts.getByRole('rowheader', { name: 'Mean of cohorts' })).toBeVisible()
  await page.getByRole('form', { name: 'Choose the cohorts' }).getByLabel('Weeks').selectOption({ label: 'Last 4 weeks' })
  await expect(page).toHaveURL(/weeks=4/, PAGE)
  await expect(cohorts.getByRole('columnheader', { name: 'Week 3' })).toBeVisible()
  await expect(cohorts.getByRole('columnheader', { name: 'Week 4' })).toHaveCount(0)

  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download the retention table as CSV' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^wardroom-retention-\d{4}-\d{2}-\d{2}-4-weeks\.csv$/)
  const lines = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n')
  expect(lines[0]).toBe(RETENTION_CSV_HEADER)
  // Four cohorts: 4 + 3 + 2 + 1 weeks reached.
  expect(lines.filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l))).toHaveLength(10)
})
