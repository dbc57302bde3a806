import { expect, test } from './fixtures'

test('an admin creates an API key (the name checked as typed), sees it once at the top, copies it, and finds the audit entry', async ({ adminPage: page }) => {
  const name = `e2e-bridge-${Date.now()}`
  await page.goto('/admin/api-keys')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()

  const form = page.getByRole('form', { name: 'Create an API key' })
  const nameField = form.getByLabel('Name')
  // The naming rule is beside the field before anything is typed, and a broken name is flagged as it is typed.
  await expect(nameField).toHaveAccessibleDescription(/no brackets/)
  await nameField.fill(`${name} (prod)`)
  await expect(nameField).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('Use letters, digits, spaces and . _ : - only (no brackets or other symbols)')).toBeVisible()
  await nameField.fill(name)
  await expect(nameField).not.toHaveAttribute('aria-invalid', 'true')

  await form.getByRole('checkbox', { name: /alerts:write/ }).check()
  await form.getByRole('checkbox', { name: /^read/ }).check()
  await form.getByRole('button', { name: 'Create key' }).click()

  // The key is shown once, at the top of the page, focused, with a copy button.
  const secret = page.getByLabel(`New API key “${name}”`)
  await expect(secret).toBeVisible()
  await expect(secret).toBeFocused()
  await expect(secret).toBeInViewport()
  const keysHeading = page.getByRole('heading', { name: 'Keys', exact: true })
  expect((await secret.boundingBox())!.y).toBeLessThan((await keysHeading.boundingBox())!.y)
  const key = await secret.inputValue()
  expect(key).toMatch(/^wr_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/)
  await expect(page.getByText("You won't see this key again", { exact: false })).toBeVisible()
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByRole('button', { name: 'Copy' }).click()
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)

  const listed = page.getByRole('row').filter({ hasText: name })
  await expect(listed).toContainText('alerts:write')
  await expect(listed).not.toContainText(key)

  // Reloading never shows the secret again.
  await page.reload()
  await expect(page.getByLabel(`New API key “${name}”`)).toHaveCount(0)

  await page.goto('/admin/audit')
  const filter = page.getByRole('form', { name: 'Filter the audit log' })
  // The filter applies as it changes (components/ui/filter-form.tsx).
  await filter.getByLabel('Action').selectOption('apikey.create')
  await expect(page).toHaveURL(/action=apikey\.create/)
  const entry = page.getByRole('row').filter({ hasText: name })
  await expect(entry).toHaveCount(1)
  // The action in words, the code behind it (the link filters by it), the person with their e-mail.
  await expect(entry).toContainText('API key created')
  await expect(entry.getByRole('link', { name: 'API key created' })).toHaveAttribute('href', /action=apikey\.create/)
  await expect(entry).toContainText('admin@e2e.wardroom.local')
})
