import { expect, test } from './fixtures'
import { openSloFile } from './support/openslo'

/**
 * A new install defines its own service and an SLO for it from an OpenSLO file, without touching code:
 * the service from the catalogue's form, the objective from YAML, and the service page shows them together.
 */
const PAGE = { timeout: 20_000 }

test('an administrator defines a service, then its SLO from an OpenSLO file, and sees both on the service page', async ({ adminPage: page }) => {
  test.setTimeout(120_000)
  const stamp = Date.now().toString(36)
  const service = `dose-check-${stamp}`
  const key = `dose_check_time_${stamp}`
  const name = `Dose check time ${stamp}`

  await page.goto('/services/new')
  const form = page.getByRole('form', { name: 'Create a service' })
  await form.getByLabel('Key').fill(service)
  await form.getByLabel('Name').fill(`Dose check ${stamp}`)
  await form.getByLabel('Owner team').fill('Pharmacy informatics')
  await form.getByLabel('Tier').selectOption({ label: 'Tier 1 · patient care stops' })
  await form.getByRole('button', { name: 'Create service' }).click()
  await expect(page).toHaveURL(`/services/${service}`, PAGE)
  await expect(page.getByRole('region', { name: 'SLOs', exact: true })).toBeVisible(PAGE)

  await page.goto('/slo/manage')
  const importForm = page.getByRole('form', { name: 'Import OpenSLO' })
  await importForm.getByLabel('OpenSLO YAML').fill(openSloFile(key, name, '0.995', service))
  await importForm.getByRole('button', { name: 'Apply file' }).click()
  await expect(importForm.getByText('Applied 1 SLO: 1 created.')).toBeVisible(PAGE)

  await page.goto(`/services/${service}`)
  await expect(page.getByRole('region', { name: 'SLOs', exact: true }).getByText(name)).toBeVisible(PAGE)
})
