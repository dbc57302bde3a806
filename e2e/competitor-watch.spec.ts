import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'
import { E2E_MAIN_DATA_DIR } from './constants'

// A fixture run of the watch, then a save and two navigations: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 })

// What waits on a server action (a save, a refresh, a navigation after one) may take a while on a busy runner.
const SAVED = { timeout: 45_000 }

/** A new watched page of MEDITECH that changed: the job's baseline and change, against a local fixture server (e2e/support/watch-fixture.ts). */
function watchedChange(): string {
  const label = `Release notes ${randomUUID().slice(0, 8)}`
  const pg = process.env.TEST_DATABASE_URL
  execFileSync(process.execPath, ['--import', 'tsx', 'e2e/support/watch-fixture.ts', JSON.stringify({ product: 'meditech', label })], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, WARDROOM_OUTBOUND_ALLOW: '127.0.0.1', ...(pg ? { DATABASE_URL: pg } : { WARDROOM_DATA_DIR: E2E_MAIN_DATA_DIR }) },
  })
  return label
}

test('a PM accepts a watched change into a cell and sees the cell’s new status and its evidence', async ({ page }) => {
  const label = watchedChange()
  await loginViaApi(page, 'pm@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto('/competitors')
  await page.getByRole('link', { name: /^Review \d+ watched changes?$/ }).click()
  await expect(page.getByRole('heading', { name: 'Review watched changes', level: 1 })).toBeVisible()

  const change = page.getByRole('article', { name: `MEDITECH · ${label}` })
  await expect(change).toContainText('3 lines added, 1 removed')
  await expect(change).toContainText('Ambient documentation: generally available for all specialties.')
  await expect(change).not.toContainText('555-123-4567')

  // A capability we cover fully: MEDITECH then leads us nowhere new, so other journeys' gap and threat rows stay as they were.
  const form = change.getByRole('form', { name: `Review MEDITECH · ${label}` })
  await form.getByLabel('Capability').selectOption({ label: 'Sepsis early warning' })
  await expect(form.getByText(/^Now: (Partial|Full)$/)).toBeVisible()
  await form.getByLabel('What it shows').selectOption('full')
  await form.getByLabel('Confidence').selectOption('high')
  await form.getByRole('button', { name: 'Accept into the cell' }).click()
  await expect(change).toHaveCount(0, SAVED)

  const reviewed = page.getByRole('table', { name: 'Recently reviewed changes' }).getByRole('row', { name: new RegExp(label) })
  await expect(reviewed).toContainText('Accepted into a cell')
  await reviewed.getByRole('link', { name: 'Sepsis early warning' }).click()

  await expect(page.getByRole('heading', { name: 'MEDITECH · Sepsis early warning' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('Full')
  const evidence = page.getByRole('table', { name: /Evidence for MEDITECH/ }).getByRole('row', { name: new RegExp(`Watched: ${label}`) })
  await expect(evidence).toContainText('high')
  await expect(evidence).toContainText('generally available for all specialties')
})

test('an executive reads the review queue and the watched sources but cannot act on them', async ({ page }) => {
  await loginViaApi(page, 'cmo@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto('/competitors/review')
  await expect(page.getByRole('heading', { name: 'Waiting for review' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Accept into the cell' })).toHaveCount(0)
  await expect(page.getByRole('form', { name: 'Import evidence from CSV' })).toHaveCount(0)
  await page.getByRole('link', { name: 'Watched sources' }).click()
  await expect(page.getByRole('table', { name: 'Watched sources' })).toContainText('Epic newsroom')
  await expect(page.getByRole('form', { name: 'Add a watched source' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0)
})
