import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'
import { E2E_MAIN_DATA_DIR } from './constants'

// Several saves, each followed by a refresh of the item page: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 })
const SAVED = { timeout: 45_000 }

/** Roadmap records in the e2e server's database (e2e/support/roadmap-fixture.ts). */
function fixture<T>(request: Record<string, unknown>): T {
  const pg = process.env.TEST_DATABASE_URL
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'e2e/support/roadmap-fixture.ts', JSON.stringify(request)], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...(pg ? { DATABASE_URL: pg } : { WARDROOM_DATA_DIR: E2E_MAIN_DATA_DIR }) },
  })
  return JSON.parse(out.trim().split('\n').at(-1)!) as T
}

test('a PM cannot release an item with open gates; ticking them from the keyboard and linking a rolled-out flag releases it', async ({ page }) => {
  const suffix = randomUUID().slice(0, 8)
  const item = fixture<{ id: string; number: number }>({ kind: 'item', title: `Sepsis score in triage ${suffix}` })
  const flag = fixture<{ key: string }>({ kind: 'flag', key: `sepsis-triage-${suffix}` })

  await loginViaApi(page, 'pm@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto(`/roadmap/${item.id}`)
  const panel = page.getByRole('region', { name: 'Release gates' })
  await expect(panel.getByText('0 of 4 gates complete — release is blocked by: Clinical validation, Security review, HIPAA privacy review, Feature flag rollout completed.')).toBeVisible()

  // Refused, with the open gates named.
  await panel.getByRole('button', { name: 'Release' }).click()
  const refusal = panel.getByRole('alert')
  await expect(refusal).toContainText('cannot be released until its gates are complete', SAVED)
  await expect(refusal).toContainText('Clinical validation, Security review, HIPAA privacy review, Feature flag rollout completed')

  // Clinical validation with its evidence, typed and submitted from the keyboard.
  await panel.getByLabel('Evidence link for Clinical validation').focus()
  await page.keyboard.type('https://docs.example/clinical-validation')
  await page.keyboard.press('Enter')
  await expect(panel.getByText('1 of 4 gates complete', { exact: false })).toBeVisible(SAVED)
  await expect(panel.getByRole('link', { name: 'Evidence' })).toHaveAttribute('href', 'https://docs.example/clinical-validation')

  // The other two by their buttons, focused and pressed.
  for (const [gate, done] of [
    ['Security review', 2],
    ['HIPAA privacy review', 3],
  ] as const) {
    await panel.getByRole('button', { name: `Mark ${gate} done` }).focus()
    await page.keyboard.press('Enter')
    await expect(panel.getByText(`${done} of 4 gates complete`, { exact: false })).toBeVisible(SAVED)
  }
  await expect(panel.getByText('release is blocked by: Feature flag rollout completed.', { exact: false })).toBeVisible()

  // The automatic gate follows the linked flag's completed production rollout.
  await panel.getByLabel('Link a flag').fill(flag.key)
  await page.keyboard.press('Enter')
  await expect(panel.getByText('All 4 gates complete — the item may be released.')).toBeVisible(SAVED)
  await expect(panel.getByRole('link', { name: flag.key })).toHaveAttribute('href', `/flags/${flag.key}`)
  await expect(panel.getByText('Production rollout completed at 100 %', { exact: false })).toBeVisible()

  await panel.getByRole('button', { name: 'Release' }).click()
  await expect(panel.getByText(/^Released just now\.$/)).toBeVisible(SAVED)
  await page.reload()
  await expect(page.getByRole('region', { name: 'Release gates' }).getByText(/^Released (just now|\d+ min ago)\.$/)).toBeVisible()
  await expect(page.getByRole('region', { name: 'Release gates' }).getByRole('button', { name: 'Release' })).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`RM-${item.number} · Sepsis score in triage ${suffix}`)
})

test('a viewer sees the checklist read-only', async ({ page }) => {
  const item = fixture<{ id: string }>({ kind: 'item', title: `Read-only gates ${randomUUID().slice(0, 8)}` })
  await loginViaApi(page, 'viewer@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto(`/roadmap/${item.id}`)
  const panel = page.getByRole('region', { name: 'Release gates' })
  await expect(panel.getByText('0 of 4 gates complete', { exact: false })).toBeVisible()
  await expect(panel.getByRole('button')).toHaveCount(0)
})

test('capacity set below the planned effort warns that the quarter is over', async ({ page }) => {
  const now = new Date()
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) + 4
  const quarter = `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
  const title = `Bed board forecast ${randomUUID().slice(0, 8)}`
  fixture({ kind: 'planned', title, quarter, effort: 12 })

  await loginViaApi(page, 'pm@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto('/roadmap/capacity')
  const section = page.getByRole('region', { name: quarter, exact: true })
  await expect(section.getByRole('list', { name: `Items planned for ${quarter}` })).toContainText(title)

  const field = section.getByLabel(`Capacity for ${quarter} (person-weeks)`)
  await field.fill('10000')
  await field.press('Enter')
  await expect(section.getByText(`Capacity for ${quarter} is 10000 person-weeks.`)).toBeVisible(SAVED)
  await expect(section.getByRole('alert')).toHaveCount(0)
  await expect(section.getByText('Within capacity')).toBeVisible()

  await field.fill('1')
  await field.press('Enter')
  await expect(section.getByRole('alert')).toContainText(`${quarter} is over capacity`, SAVED)
  await expect(section.getByText(/Over capacity by [\d,.]+ person-weeks/)).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Over capacity:' })).toContainText(quarter)
})

test('a PM reads the last quarter’s review, downloads it as CSV, and an unknown quarter answers 404 in words', async ({ page }) => {
  await loginViaApi(page, 'pm@demo.wardroom.local', DEMO_PASSWORD)
  const now = new Date()
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - 1
  const quarter = `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
  await page.goto('/roadmap/reviews')
  // The demo stores the review of the quarter just ended; only job:run holders may run it again.
  await expect(page.getByRole('button', { name: /Run review for/ })).toHaveCount(0)
  await page.getByRole('link', { name: quarter, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Roadmap review ${quarter}` })).toBeVisible()
  await expect(page.getByText('Delivery predictability')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Planned items' })).toBeVisible()

  const csv = await page.request.get(`/api/roadmap/reviews/${quarter}/csv`)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
  expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[1]).toMatch(new RegExp(`^summary,${quarter},`))

  const missing = await page.goto('/roadmap/reviews/1999-Q1')
  expect(missing?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'No review for this quarter' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Quarterly reviews' })).toBeVisible()
})
