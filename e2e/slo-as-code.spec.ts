import { readFile } from 'node:fs/promises'
import { DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'
import { formatTarget } from '../lib/slo/display'
import { openSloFile } from './support/openslo'

const PM = 'pm@demo.wardroom.local'

test('a product manager imports an SLO as OpenSLO, finds it on the dashboard, edits its target and exports it', async ({ page }) => {
  // A long journey through five pages on a shared machine.
  test.setTimeout(120_000)
  const stamp = Date.now().toString(36)
  const key = `imaging_read_${stamp}`
  const name = `Imaging read time ${stamp}`
  await loginViaApi(page, PM, DEMO_PASSWORD)

  await page.goto('/slo')
  await page.getByRole('link', { name: 'Manage objectives' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Manage objectives' })).toBeVisible()

  const importForm = page.getByRole('form', { name: 'Import OpenSLO' })
  await importForm.getByLabel('OpenSLO YAML').fill(openSloFile(key, name))
  await importForm.getByRole('button', { name: 'Apply file' }).click()
  await expect(importForm.getByText('Applied 1 SLO: 1 created.')).toBeVisible()
  await expect(importForm.getByRole('list', { name: 'What the file changed' })).toHaveText(`${key}: created`)
  // The same file again changes nothing.
  await importForm.getByRole('button', { name: 'Apply file' }).click()
  await expect(importForm.getByText('Unchanged: the SLO matches the file.')).toBeVisible()

  // On the dashboard, and its own page.
  await page.goto('/slo')
  const card = page.getByRole('article', { name, exact: true })
  await expect(card).toBeVisible()
  await card.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByText(`target ${formatTarget(0.99)}`).first()).toBeVisible()

  // Edit the target in the form: a bad value is refused in words, a good one saved.
  await page.getByRole('link', { name: 'Edit', exact: true }).click()
  const form = page.getByRole('form', { name: `Edit ${name}` })
  const target = form.getByRole('textbox', { name: 'Target (%)', exact: true })
  await expect(target).toHaveValue('99')
  await target.fill('150')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form.getByText('Use a target of at most 100 %').first()).toBeVisible()
  await expect(target).toHaveAttribute('aria-invalid', 'true')
  await target.fill('95')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form.getByText(`Objective ${name} was saved.`)).toBeVisible()

  await page.goto(`/slo/${key}`)
  await expect(page.getByText(`target ${formatTarget(0.95)}`).first()).toBeVisible()
  const api = await page.request.get(`/api/slo/${key}`)
  expect(api.ok()).toBe(true)
  expect(((await api.json()) as { slo: { target: number; pageEnabled: boolean; ticketEnabled: boolean } }).slo).toMatchObject({ target: 0.95, pageEnabled: true, ticketEnabled: false })

  // Export: the download holds the SLO with its new target.
  await page.goto(`/slo/manage/${key}`)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export OpenSLO' }).click()])
  const yaml = await readFile((await download.path())!, 'utf8')
  expect(yaml).toContain(`wardroom.local/key: ${key}`)
  expect(yaml).toContain('target: 0.95')
})

test('an OpenSLO file with a mistake is refused with its line and field, and nothing is created', async ({ page }) => {
  const key = `imaging_bad_${Date.now().toString(36)}`
  await loginViaApi(page, PM, DEMO_PASSWORD)
  await page.goto('/slo/manage')
  const importForm = page.getByRole('form', { name: 'Import OpenSLO' })
  await importForm.getByLabel('OpenSLO YAML').fill(openSloFile(key, 'Broken objective', '1.5'))
  await importForm.getByRole('button', { name: 'Apply file' }).click()
  const message = 'line 29, spec.objectives[0].target: Use a target of at most 100 %'
  await expect(importForm.getByText(`The file was not applied: ${message}`)).toBeVisible()
  await expect(importForm.getByLabel('OpenSLO YAML')).toHaveAttribute('aria-invalid', 'true')
  expect((await page.request.get(`/api/slo/${key}`)).status()).toBe(404)
})
