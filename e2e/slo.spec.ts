import { readFile } from 'node:fs/promises'
import { DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'
import { formatBudgetLeft, formatCompliance, overviewHeadline } from '../lib/slo/display'

const EXECUTIVE = 'cmo@demo.wardroom.local'
/** The CSV's header row is a contract with spreadsheets and scripts downstream: spelled out, not imported. */
const CSV_HEADER =
  'period,period_start,period_end,timezone,slo_key,slo_name,service,workflow,target_percent,compliance_percent,good,total,met_target,budget_used_percent,violations,linked_incidents,mttr_minutes,previous_compliance_percent,change_percentage_points,p_value,change_verdict'

interface ApiSlo {
  key: string
  name: string
  target: number
  compliance: number | null
  budgetRemaining: number | null
  status: 'ok' | 'at_risk' | 'breached'
}

test('an executive sees the objectives as the API reports them, opens one, then a report, and downloads its CSV', async ({ page }) => {
  // A long journey, with room for the API/page comparison to retry while live jobs move figures.
  test.setTimeout(60_000)
  await loginViaApi(page, EXECUTIVE, DEMO_PASSWORD)
  await page.goto('/slo')
  await expect(page.getByRole('heading', { level: 1, name: 'Service levels' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Are we keeping our promises to clinicians?' })).toBeVisible()

  // The page and GET /api/slo must agree. Health probes and the rolling window can move a figure between two
  // reads a moment apart, so each attempt takes a fresh pair: the API first, then the page.
  let chosen: ApiSlo | undefined
  await expect(async () => {
    const res = await page.request.get('/api/slo')
    expect(res.ok()).toBe(true)
    const { slos } = (await res.json()) as { slos: ApiSlo[] }
    expect(slos.length).toBeGreaterThan(0)
    // Diagnosis accuracy gets no probe traffic, so it is the steadiest to compare.
    chosen = slos.find((s) => s.key === 'diagnosis_accuracy') ?? slos[0]!
    await page.reload()
    const cards = page.getByRole('list', { name: 'Objectives, worst first' }).getByRole('article')
    await expect(cards).toHaveCount(slos.length, { timeout: 2_000 })
    await expect(cards.first()).toHaveAccessibleName(slos[0]!.name, { timeout: 2_000 })
    const card = page.getByRole('article', { name: chosen.name, exact: true })
    await expect(card.getByTestId('slo-compliance')).toHaveText(formatCompliance(chosen.compliance), { timeout: 2_000 })
    await expect(card.getByTestId('slo-budget')).toHaveText(formatBudgetLeft(chosen.target, chosen.budgetRemaining), { timeout: 2_000 })
    await expect(page.getByText(overviewHeadline(slos.map((s) => s.status)).counts, { exact: true })).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 25_000 })
  const slo = chosen!

  // The sparkline is drawn, and its numbers are one click away.
  const card = page.getByRole('article', { name: slo.name, exact: true })
  const sparkline = card.getByRole('figure', { name: `Daily compliance of ${slo.name}, last 30 days` })
  await expect(sparkline.locator('.recharts-surface')).toBeVisible()
  await sparkline.getByText('Show data table').click()
  await expect(sparkline.getByRole('table')).toBeVisible()
  await expect(sparkline.getByRole('table').getByRole('row')).toHaveCount(31)

  // One objective: its three charts, the alert workings and the violations.
  await card.getByRole('link', { name: slo.name }).click()
  await expect(page).toHaveURL(new RegExp(`/slo/${slo.key}$`))
  await expect(page.getByRole('heading', { level: 1, name: slo.name })).toBeVisible()
  for (const label of [`Compliance of ${slo.name}, last 30 days`, `Error budget left of ${slo.name}, last 30 days`, `Burn rate of ${slo.name}, last 30 days`]) {
    await expect(page.getByRole('figure', { name: label }).locator('.recharts-surface')).toBeVisible()
  }
  const compliance = page.getByRole('figure', { name: `Compliance of ${slo.name}, last 30 days` })
  await compliance.getByText('Show data table').click()
  await expect(compliance.getByRole('table').getByRole('row').nth(1)).toBeVisible()
  await expect(page.getByRole('table', { name: 'The alert rules, evaluated now' }).getByRole('row')).toHaveCount(5)
  await expect(page.getByRole('heading', { name: 'Violations' })).toBeVisible()

  await page.getByRole('navigation', { name: 'Time range' }).getByRole('link', { name: '7 d' }).click()
  await expect(page).toHaveURL(/range=7d/)
  await expect(page.getByRole('figure', { name: `Burn rate of ${slo.name}, last 7 days` })).toBeVisible()

  // Reports: the seed stores the last days, weeks and months; an executive may read but not generate.
  await page.getByRole('navigation', { name: 'Service level views' }).getByRole('link', { name: 'Reports' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'SLA reports' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Generate a report' })).toHaveCount(0)
  await page.getByRole('navigation', { name: 'Report period' }).getByRole('link', { name: 'Weekly' }).click()
  await expect(page).toHaveURL(/period=weekly/)
  const reports = page.getByRole('table', { name: 'SLA reports, newest first' })
  const first = reports.getByRole('row').nth(1).getByRole('link').first()
  const label = (await first.textContent()) ?? ''
  expect(label).toMatch(/^Week \d+, \d{4} \(/)
  await first.click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Weekly SLA report · ${label}`)
  await expect(page.getByRole('heading', { name: 'Did we keep our promises to clinicians this week?' })).toBeVisible()
  await expect(page.getByRole('table', { name: /^Objectives, worst first/ }).getByRole('row').nth(1)).toBeVisible()

  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download CSV' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^wardroom-sla-weekly-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = await readFile(await download.path(), 'utf8')
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n')
  expect(lines[0]).toBe(CSV_HEADER)
  expect(lines.filter((l) => l.startsWith('weekly,')).length).toBeGreaterThan(0)
})

test('a reader subscribes to the daily report and unsubscribes again', async ({ page }) => {
  await loginViaApi(page, EXECUTIVE, DEMO_PASSWORD)
  await page.goto('/slo/reports')
  const subscriptions = page.getByRole('region', { name: 'Your subscriptions' })
  await subscriptions.getByRole('button', { name: 'Subscribe to the daily report' }).click()
  await expect(subscriptions.getByText(`You will get the daily report by e-mail at ${EXECUTIVE}.`)).toBeVisible()
  await expect(subscriptions.getByRole('button', { name: 'Unsubscribe from the daily report' })).toBeVisible()
  await subscriptions.getByRole('button', { name: 'Unsubscribe from the daily report' }).click()
  await expect(subscriptions.getByText('You will no longer get the daily report.')).toBeVisible()
  await expect(subscriptions.getByRole('button', { name: 'Subscribe to the daily report' })).toBeVisible()
})

test('an administrator generates a report now and opens it', async ({ adminPage: page }) => {
  await page.goto('/slo/reports')
  const form = page.getByRole('form', { name: 'Generate a report' })
  await form.getByRole('combobox', { name: 'Period', exact: true }).selectOption('weekly')
  await form.getByRole('button', { name: 'Generate now' }).click()
  // A week of figures for every objective: seconds on a busy machine (CI's), not the default 5.
  await expect(form.getByText(/^The weekly report for Week \d+, \d{4} \(.+\) was (generated|rebuilt)\.$/)).toBeVisible({ timeout: 20_000 })
  await form.getByRole('link', { name: /^Open the report for Week / }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Weekly SLA report · Week')
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', /^\/api\/slo\/reports\/[0-9a-f-]{36}\/csv$/)
})
