import { expect, test } from './fixtures'

test('an admin creates an API key, sees it once, and finds the audit entry', async ({ adminPage: page }) => {
  const name = `e2e-bridge-${Date.now()}`
  await page.goto('/admin/api-keys')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()

  const form = page.getByRole('form', { name: 'Create an API key' })
  await form.getByLabel('Name').fill(name)
  await form.getByRole('checkbox', { name: /alerts:write/ }).check()
  await form.getByRole('checkbox', { name: /^read/ }).check()
  await form.getByRole('button', { name: 'Create key' }).click()

  const secret = page.getByLabel(`New API key “${name}”`)
  await expect(secret).toBeVisible()
  const key = await secret.inputValue()
  expect(key).toMatch(/^wr_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/)
  await expect(page.getByText("You won't see this key again", { exact: false })).toBeVisible()

  const listed = page.getByRole('row').filter({ hasText: name })
  await expect(listed).toContainText('alerts:write')
  await expect(listed).not.toContainText(key)

  // Reloading never shows the secret again.
  await page.reload()
  await expect(page.getByLabel(`New API key “${name}”`)).toHaveCount(0)

  await page.goto('/admin/audit')
  const filter = page.getByRole('form', { name: 'Filter the audit log' })
  await filter.getByLabel('Action').selectOption('apikey.create')
  await filter.getByRole('button', { name: /filter|apply/i }).click()
  await expect(page).toHaveURL(/action=apikey\.create/)
  const entry = page.getByRole('row').filter({ hasText: name })
  await expect(entry).toHaveCount(1)
  await expect(entry).toContainText('apikey.create')
  await expect(entry).toContainText('admin@e2e.wardroom.local')
})
