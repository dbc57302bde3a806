import { DEMO_PASSWORD, DEMO_VIEWER, expect, loginViaApi, test } from './fixtures'

test('a viewer cannot open admin pages', async ({ page }) => {
  await loginViaApi(page, DEMO_VIEWER, DEMO_PASSWORD)
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0)

  for (const path of ['/admin/users', '/admin/api-keys', '/admin/audit', '/admin/jobs']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible()
  }
})

test('signed-out visitors are sent to the login page', async ({ page }) => {
  await page.goto('/admin/users')
  await expect(page).toHaveURL(/\/login/)
})

test('a clinician lands on the clinical workflows’ service levels and can open them, with no dead ends', async ({ page }) => {
  await loginViaApi(page, 'clinician@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto('/')
  const home = page.getByRole('region', { name: 'Your clinical workflows' })
  await expect(home).toBeVisible()
  for (const workflow of ['Emergency triage', 'Diagnosis', 'Medication review']) {
    await expect(home.getByRole('heading', { name: workflow })).toBeVisible()
  }
  // Only the areas a clinician may open are in the navigation: their service levels and the roadmap they read.
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link')).toHaveText(['Overview', 'SLOs', 'Roadmap'])
  await expect(nav.getByText('Planned')).toHaveCount(0)

  await home.getByRole('link').first().click()
  await expect(page).toHaveURL(/\/slo\/[^/]+$/)
  // An objective's page reads its rollups and draws three charts: allow it a busy server.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toHaveCount(0)
  // No tab or link to pages a clinician may not open.
  await expect(page.getByRole('navigation', { name: 'Service level views' }).getByRole('link', { name: 'Reports' })).toHaveCount(0)
  await expect(page.locator('a[href^="/incidents/"]')).toHaveCount(0)
})
