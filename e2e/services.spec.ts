import { createAlertsKey, DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'

/**
 * Ops adds a service to the catalogue with its tier, owner, runbook and a dependency, finds everything
 * about it on its page, and archives it; an alert for a service nobody catalogued offers to create it.
 */
// Pages read a service's incidents, SLOs (over months of rollups) and rollouts: allow a busy machine time.
const PAGE = { timeout: 20_000 }

test('ops catalogues a service, reads its page and archives it', async ({ page }) => {
  test.setTimeout(120_000)
  await loginViaApi(page, 'ops@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto('/')
  await page.getByRole('navigation').getByRole('link', { name: 'Services' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible(PAGE)
  const catalogue = page.getByRole('table', { name: 'Services in the catalogue' })
  await expect(catalogue.getByRole('link', { name: 'AI engine' }).first()).toBeVisible(PAGE)

  const stamp = Date.now().toString(36)
  const key = `lab-results-${stamp}`
  // Unique: a retry must not meet the service its first attempt made.
  const name = `Lab results ${stamp}`
  await page.getByRole('link', { name: 'New service' }).click()
  const form = page.getByRole('form', { name: 'Create a service' })
  await form.getByLabel('Key').fill(key)
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Owner team').fill('Pathology informatics')
  await form.getByLabel('Tier').selectOption({ label: 'Tier 2 · care degraded' })
  await form.getByLabel('Runbook').fill('https://wiki.example/runbooks/lab-results')
  // Exact: a database shared with the integration tests holds other services called AI engine.
  await form.getByRole('checkbox', { name: 'AI engine ai-engine', exact: true }).check()
  await form.getByRole('button', { name: 'Create service' }).click()

  await expect(page).toHaveURL(`/services/${key}`, PAGE)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible(PAGE)
  await expect(page.getByText('Pathology informatics')).toBeVisible()
  await expect(page.getByRole('link', { name: /Open the runbook/ })).toHaveAttribute('href', 'https://wiki.example/runbooks/lab-results')
  for (const section of ['Incidents', 'SLOs', 'Flag rollouts', 'Dependencies', 'Health probes', 'Maintenance']) {
    await expect(page.getByRole('region', { name: section, exact: true })).toBeVisible()
  }
  await expect(page.getByRole('region', { name: 'Dependencies' }).getByRole('link', { name: 'AI engine' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Incidents' }).getByText('No open incidents')).toBeVisible()

  // The dependency's page lists the new service among its dependents.
  await page.getByRole('region', { name: 'Dependencies' }).getByRole('link', { name: 'AI engine' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'AI engine' })).toBeVisible(PAGE)
  await expect(page.getByRole('region', { name: 'Dependencies' }).getByRole('link', { name })).toBeVisible()
  await page.goBack()

  // Archive: asked once, then gone from the catalogue but its page stays.
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible(PAGE)
  await page.getByRole('button', { name: 'Archive', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Archive', exact: true }).click()
  await expect(page.getByText('Archived', { exact: true })).toBeVisible(PAGE)
  await page.goto('/services')
  await expect(catalogue.getByRole('link', { name: 'AI engine' }).first()).toBeVisible(PAGE)
  await expect(catalogue.getByRole('link', { name })).toHaveCount(0)
})

test('an alert for a service not in the catalogue offers to create it', async ({ adminPage: page }) => {
  test.setTimeout(90_000)
  const secret = await createAlertsKey(page, 'svc-e2e')
  const named = `pacs-gateway-${Date.now().toString(36)}`
  const res = await page.request.post('/api/alerts', {
    headers: { authorization: `Bearer ${secret}` },
    data: { severity: 'medium', system: 'pacs', message: 'PACS gateway queue stalled', timestamp: new Date().toISOString(), service: named },
  })
  expect(res.status(), await res.text()).toBe(202)
  const { incidentId } = (await res.json()) as { incidentId: string }

  await page.goto(`/incidents/${incidentId}`)
  await expect(page.getByRole('note').filter({ hasText: `Service ‘${named}’ is not in the catalogue` })).toBeVisible(PAGE)
  await expect(page.getByRole('link', { name: /Unassigned/ })).toBeVisible()
  await page.getByRole('link', { name: 'Create service' }).click()
  await expect(page).toHaveURL(`/services/new?key=${named}`, PAGE)
  await expect(page.getByRole('form', { name: 'Create a service' }).getByLabel('Key')).toHaveValue(named, PAGE)
})
