/**
 * Scoring with evidence: a PM links a clinician's report to a roadmap item and sees the inputs it seeds
 * with their reasons, overrides one with a reason and sees the score and the reason, then plans the item
 * and the clinician's widget says "planned".
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { DEMO_PASSWORD, DEMO_VIEWER, expect, loginViaApi, test } from './fixtures'
import { E2E_MAIN_DATA_DIR } from './constants'

const SAVED = { timeout: 20_000 }

function data<T>(args: Record<string, unknown>): T {
  const pg = process.env.TEST_DATABASE_URL
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'e2e/support/roadmap-evidence.ts', JSON.stringify(args)], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...(pg ? { DATABASE_URL: pg } : { WARDROOM_DATA_DIR: E2E_MAIN_DATA_DIR }) },
  })
  return JSON.parse(out.trim().split('\n').pop()!) as T
}

test('a PM links feedback, sees the inputs it seeds, overrides one with a reason, and planning tells the clinician', async ({ page }) => {
  const setup = data<{ itemId: string; itemNumber: number; feedbackId: string; feedbackNumber: number }>({ op: 'setup', marker: randomUUID().slice(0, 12) })
  await loginViaApi(page, 'pm@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto(`/roadmap/${setup.itemId}`)
  await expect(page.getByRole('heading', { name: 'Evidence' })).toBeVisible()

  // Link the report by its number.
  const link = page.getByRole('form', { name: 'Link evidence' })
  await link.getByLabel('Kind of evidence').selectOption('feedback')
  await link.getByRole('textbox', { name: 'Evidence to link' }).fill(`FB-${setup.feedbackNumber}`)
  await link.getByRole('button', { name: 'Link evidence' }).click()
  await expect(page.getByText(`FB-${setup.feedbackNumber} linked. The evidence sets`)).toBeVisible(SAVED)
  await expect(page.getByRole('table', { name: 'Linked feedback' }).getByRole('row', { name: new RegExp(`FB-${setup.feedbackNumber}`) })).toContainText('Cardiology')

  // The seeded inputs say where they come from.
  const reach = page.getByRole('group', { name: 'Reach (per quarter)' })
  await expect(reach).toContainText('From evidence')
  await expect(reach).toContainText('1 report in 1 feedback item = 1 per quarter')
  const safety = page.getByRole('group', { name: 'Patient safety (0–5)' })
  await expect(safety).toContainText(`the linked feedback item (FB-${setup.feedbackNumber}) is not a safety concern`)
  const rice = page.getByRole('region', { name: 'RICE' })
  await expect(rice).toContainText('1 reached × impact 2 (high) × 50 % confidence ÷ 2 person-weeks = 0.5')

  // Override reach with a reason: the score and the reason follow.
  await reach.locator('summary', { hasText: 'Override' }).click()
  const form = reach.getByRole('form', { name: 'Override Reach (per quarter)' })
  await form.getByLabel('Reach (per quarter)').fill('400')
  await form.getByLabel('Reason').fill('Ward audit: every cardiology discharge goes through this export')
  await form.getByRole('button', { name: 'Save override' }).click()
  await expect(page.getByText('Reach (per quarter) overridden: 400. Your reason is recorded.')).toBeVisible(SAVED)
  await expect(reach).toContainText('Overridden')
  await expect(reach).toContainText('“Ward audit: every cardiology discharge goes through this export”')
  await expect(reach).toContainText('the evidence says 1')
  await expect(rice).toContainText('= 200')

  // Plan it: the clinician's widget says "planned".
  const move = page.getByRole('form', { name: 'Move to another stage' })
  await move.getByLabel('Stage').selectOption('planned')
  await move.getByRole('button', { name: 'Move' }).click()
  await expect(page.getByText(`RM-${setup.itemNumber} is in Planned now.`)).toBeVisible(SAVED)
  expect(data<{ status: string; widget: string }>({ op: 'widget', number: setup.feedbackNumber })).toEqual({ status: 'planned', widget: 'planned' })
  await page.goto(`/feedback/${setup.feedbackId}`)
  await expect(page.getByText('Planned').first()).toBeVisible()
})

test('a viewer reads the scores and evidence of an item but cannot link or override', async ({ page }) => {
  const setup = data<{ itemId: string }>({ op: 'setup', marker: randomUUID().slice(0, 12) })
  await loginViaApi(page, 'viewer@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto(`/roadmap/${setup.itemId}`)
  await expect(page.getByRole('heading', { name: 'Scores' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'RICE' })).toContainText('Missing: reach, confidence')
  await expect(page.getByRole('form', { name: 'Link evidence' })).toHaveCount(0)
  await expect(page.locator('summary', { hasText: /^(Override|Set)\b/ })).toHaveCount(0)
})

test('the value-vs-risk 2×2 places an item in its quadrant, with the numbers in a table', async ({ page }) => {
  const setup = data<{ itemId: string; itemNumber: number }>({ op: 'setup', marker: randomUUID().slice(0, 12) })
  data({ op: 'valueRisk', itemId: setup.itemId, value: 8, risk: 3 })
  await loginViaApi(page, DEMO_VIEWER, DEMO_PASSWORD)
  await page.goto('/roadmap/value-risk')
  await expect(page.getByRole('heading', { name: 'Value vs risk', level: 1 })).toBeVisible()
  const figure = page.getByRole('figure', { name: 'Value against risk of the roadmap’s items' })
  await expect(figure.locator('.recharts-scatter-symbol').first()).toBeVisible()
  await figure.getByText('Show data table').click()
  await expect(figure.getByRole('row', { name: new RegExp(`RM-${setup.itemNumber} ·`) })).toContainText('Quick win')
  await expect(page.getByRole('table', { name: 'Quick win items' }).getByRole('link', { name: new RegExp(`RM-${setup.itemNumber} ·`) })).toBeVisible()
})

test('a PM links an analytics drop-off from the list of recent insights; its reach follows', async ({ page }) => {
  const setup = data<{ itemId: string }>({ op: 'setup', marker: randomUUID().slice(0, 12) })
  await loginViaApi(page, 'pm@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto(`/roadmap/${setup.itemId}`)
  const link = page.getByRole('form', { name: 'Link evidence' })
  await link.getByLabel('Kind of evidence').selectOption('insight')
  const choice = link.getByRole('combobox', { name: 'Evidence to link' })
  // The demo's analytics insights job found drop-offs; pick the first.
  const first = await choice.locator('option:not([disabled])').first().getAttribute('value')
  await choice.selectOption(first!)
  await link.getByRole('button', { name: 'Link evidence' }).click()
  await expect(page.getByText(/^The drop-off at “.+” \(.+\) linked\./)).toBeVisible(SAVED)
  await expect(page.getByRole('heading', { name: 'Analytics drop-offs (1)' })).toBeVisible()
  await expect(page.getByRole('group', { name: 'Reach (per quarter)' })).toContainText(/lost at “|too small to count/)
})
