import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { E2E_MAIN_DATA_DIR } from './constants'

// Journeys of several saves and a job run: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 })

// What waits on a server action (a save, a refresh, a navigation after one) may take a while on a busy runner.
const SAVED = { timeout: 20_000 }

const unique = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`

/** An API key with events:write, made through the admin page as a person would; returns the secret. */
async function createEventsKey(page: Page): Promise<string> {
  const name = unique('e2e-events')
  await page.goto('/admin/api-keys')
  const form = page.getByRole('form', { name: 'Create an API key' })
  await form.getByLabel('Name').fill(name)
  await form.getByRole('checkbox', { name: /events:write/ }).check()
  await form.getByRole('button', { name: 'Create key' }).click()
  const secret = page.getByLabel(`New API key “${name}”`)
  await expect(secret).toBeVisible()
  return secret.inputValue()
}

/** Writes a workflow and two weeks of its events into the e2e server's database (e2e/support/insight-fixture.ts). */
function insightFixture(key: string): void {
  const pg = process.env.TEST_DATABASE_URL
  execFileSync(process.execPath, ['--import', 'tsx', 'e2e/support/insight-fixture.ts', JSON.stringify({ key })], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...(pg ? { DATABASE_URL: pg } : { WARDROOM_DATA_DIR: E2E_MAIN_DATA_DIR }) },
  })
}

test('an unknown event lands in quarantine and a PM registers it with typed properties', async ({ adminPage: page }) => {
  const key = await createEventsKey(page)
  const event = unique('e2e_sepsis_alert')
  const sent = await page.request.post('/api/analytics/track', {
    headers: { Authorization: `Bearer ${key}` },
    data: { userId: unique('clinician'), event, metadata: { score: 7, acknowledged: true } },
  })
  expect(sent.status()).toBe(202)

  await page.goto('/analytics/events')
  const quarantine = page.getByRole('region', { name: 'Quarantine' })
  const row = quarantine.getByRole('row', { name: new RegExp(event) })
  // One event stored, its two properties dropped and counted.
  await expect(row.getByRole('cell').nth(3)).toHaveText('2')
  await row.getByRole('link', { name: `Register ${event}` }).click()

  const form = page.getByRole('form', { name: `Register ${event}` })
  await expect(page.getByText('events already in quarantine keep no properties')).toBeVisible()
  await form.getByLabel('Owner').fill('sepsis-ai')
  await form.getByRole('button', { name: 'Add property' }).click()
  await form.getByLabel('Property 1: name').fill('score')
  await form.getByLabel('Property 1: type').selectOption('number')
  await form.getByRole('button', { name: 'Add property' }).click()
  await form.getByLabel('Property 2: name').fill('score')
  await form.getByRole('button', { name: 'Register event' }).click()
  // A duplicate is named at its row, and focus goes there.
  await expect(form.getByText('score is listed twice')).toBeVisible(SAVED)
  await expect(form.getByLabel('Property 2: name')).toBeFocused()
  await form.getByLabel('Property 2: name').fill('acknowledged')
  await form.getByLabel('Property 2: type').selectOption('boolean')
  await form.getByRole('button', { name: 'Register event' }).click()
  await expect(page.getByText(`${event} is registered.`)).toBeVisible(SAVED)

  const registered = page.getByRole('region', { name: 'Registered events' }).getByRole('row', { name: new RegExp(event) })
  await expect(registered).toContainText('sepsis-ai', SAVED)
  await expect(registered).toContainText('score number')
  await expect(registered).toContainText('acknowledged yes / no')
  await expect(quarantine.getByRole('row', { name: new RegExp(event) })).toHaveCount(0)
})

test('a PM creates a workflow, reorders its steps with the keyboard, saves, and deletes it', async ({ adminPage: page }) => {
  const key = unique('e2e_wf')
  await page.goto('/analytics/workflows/new')
  const form = page.getByRole('form', { name: 'Create a workflow' })
  await form.getByRole('button', { name: 'Create workflow' }).click()
  await expect(form.getByText('Choose the event of this step').first()).toBeVisible()

  await form.getByLabel('Key').fill(key)
  await form.getByLabel('Name').fill('E2E medication check')
  await form.getByLabel('Step 1: event').selectOption('medication_review_started')
  await form.getByLabel('Step 2: event').selectOption('medication_review_signed')
  await form.getByLabel('Step 2: label').fill('Signed off')
  await form.getByRole('button', { name: 'Add filter to step 2' }).click()
  await form.getByLabel('Step 2, filter 1: property').selectOption('outcome')
  await form.getByLabel('Step 2, filter 1: value').fill('signed')
  await form.getByRole('button', { name: 'Add step' }).click()
  await expect(form.getByLabel('Step 3: event')).toBeFocused()
  await form.getByLabel('Step 3: event').selectOption('interaction_check_run')

  // Move step 3 up with the keyboard: focus follows the moved step.
  await form.getByRole('button', { name: 'Move step 3 up' }).focus()
  await page.keyboard.press('Enter')
  await expect(form.getByLabel('Step 2: event')).toHaveValue('interaction_check_run')
  await expect(form.getByRole('button', { name: 'Move step 2 up' })).toBeFocused()
  await form.getByLabel('Strictly in order').check()
  await form.getByLabel('Conversion window: amount').fill('90')
  await form.getByLabel('Conversion window: unit').selectOption('minutes')
  await form.getByRole('button', { name: 'Create workflow' }).click()

  await expect(page).toHaveURL(`/analytics/workflows/${key}`, SAVED)
  await expect(page.getByRole('heading', { level: 1, name: 'E2E medication check' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Open funnel' })).toHaveAttribute('href', `/analytics/funnels?workflow=${key}`)
  const edit = page.getByRole('form', { name: 'Edit E2E medication check' })
  await expect(edit.getByLabel('Step 2: event')).toHaveValue('interaction_check_run')
  await expect(edit.getByLabel('Step 3, filter 1: value')).toHaveValue('signed')
  await expect(edit.getByLabel('Strictly in order')).toBeChecked()
  await expect(edit.getByLabel('Conversion window: amount')).toHaveValue('90')

  // An edit: remove the middle step, save, and it stays removed.
  await edit.getByRole('button', { name: 'Remove step 2' }).click()
  await edit.getByRole('button', { name: 'Save workflow' }).click()
  await expect(page.getByText('E2E medication check was saved.')).toBeVisible(SAVED)
  await page.reload()
  await expect(edit.getByLabel('Step 2: event')).toHaveValue('medication_review_signed')
  await expect(edit.getByLabel('Step 3: event')).toHaveCount(0)

  await page.getByRole('button', { name: 'Delete' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete workflow' }).click()
  await expect(page).not.toHaveURL(`/analytics/workflows/${key}`, SAVED)
  await page.goto(`/analytics/workflows/${key}`)
  await expect(page.getByText('No such workflow')).toBeVisible()
})

test('the insights job finds a department’s rising drop-off and makes it a feedback task linking to its funnel; a PM dismisses another', async ({ adminPage: page }) => {
  const key = unique('e2e_ins')
  insightFixture(key)
  await page.goto('/analytics/insights')
  await page.getByRole('button', { name: 'Run the insights job now' }).click()
  await expect(page.getByText(/analytics-insights finished in \d+ ms\./)).toBeVisible({ timeout: 60_000 })

  // The high-priority one became an improvement task in Feedback at once.
  await page.getByRole('link', { name: /^Feedback tasks/ }).click()
  const row = page.getByRole('row', { name: new RegExp(`E2E insight ${key}.*Emergency`) })
  await expect(row).toHaveCount(1, SAVED)
  await expect(row).toContainText('Step 3: Finished')
  await expect(row).toContainText('High')
  await expect(row).toContainText('20.0% → 60.0%')
  await expect(row).toContainText('12 of 60')
  await expect(row).toContainText('36 of 60')
  await expect(row.getByRole('link', { name: /^Feedback task/ })).toHaveAttribute('href', /^\/feedback\/[0-9a-f-]{36}$/)
  const funnel = row.getByRole('link', { name: /^Open funnel/ })
  await expect(funnel).toHaveAttribute('href', new RegExp(`^/analytics/funnels\\?workflow=${key}&.*breakdown=department`))

  // A medium one stays open for a PM: dismiss it, then reopen it.
  await page.goto('/analytics/insights')
  const open = page.getByRole('row', { name: new RegExp(`E2E insight ${key}.*Intensive Care`) })
  await expect(open).toContainText('Medium', SAVED)
  await open.getByRole('button', { name: /^Dismiss/ }).click()
  await expect(open).toHaveCount(0, SAVED)
  await page.getByRole('link', { name: /^Dismissed/ }).click()
  const dismissed = page.getByRole('row', { name: new RegExp(`E2E insight ${key}.*Intensive Care`) })
  await expect(dismissed).toContainText('Dismissed', SAVED)
  await dismissed.getByRole('button', { name: /^Reopen/ }).click()
  await expect(dismissed).toHaveCount(0, SAVED)
})
