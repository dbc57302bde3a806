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
