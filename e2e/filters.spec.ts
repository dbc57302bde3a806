import { DEMO_PASSWORD, DEMO_VIEWER, E2E_ADMIN, expect, loginViaApi, test } from './fixtures'

// The address changes when the server has answered for the new filter: give a busy machine time.
const SERVER = { timeout: 15_000 }
test.describe.configure({ timeout: 60_000 })

test('the incident board filters as a severity is ticked, with the filter in the address', async ({ adminPage: page }) => {
  await page.goto('/incidents')
  const form = page.getByRole('form', { name: 'Filter incidents' })
  await expect(form.getByRole('button', { name: 'Apply filters' })).toHaveCount(0)

  await form.getByLabel('Critical').check()
  await expect(page).toHaveURL(/\/incidents\?severity=critical$/, SERVER)
  // The box keeps the focus, so a keyboard user can go on to the next one.
  await expect(form.getByLabel('Critical')).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Space')
  await expect(page).toHaveURL(/severity=critical&severity=high/, SERVER)

  await form.getByRole('link', { name: 'Clear filters' }).click()
  await expect(page).toHaveURL(/\/incidents$/, SERVER)
  await expect(form.getByLabel('Critical')).not.toBeChecked()
})

test('the flag list filters as you type and as you choose', async ({ adminPage: page }) => {
  await page.goto('/flags')
  const form = page.getByRole('form', { name: 'Filter the flags' })
  await form.getByLabel('Search').pressSequentially('zz-no-such-flag', { delay: 20 })
  await expect(page).toHaveURL(/\/flags\?q=zz-no-such-flag$/, SERVER)
  await expect(form.getByLabel('Search')).toBeFocused()
  await expect(form.getByLabel('Search')).toHaveValue('zz-no-such-flag')

  await form.getByLabel('Search').fill('')
  await expect(page).toHaveURL(/\/flags$/, SERVER)
  await form.getByLabel('Environment').selectOption('staging')
  await expect(page).toHaveURL(/\/flags\?environment=staging$/, SERVER)
})

test('the audit log names actions and people in words, and filters by a chosen action at once', async ({ page }) => {
  // A sign-in of the viewer, recorded as auth.login with their e-mail.
  await loginViaApi(page, DEMO_VIEWER, DEMO_PASSWORD)
  await page.context().clearCookies()
  await loginViaApi(page, E2E_ADMIN.email, E2E_ADMIN.password)

  await page.goto('/admin/audit')
  const form = page.getByRole('form', { name: 'Filter the audit log' })
  await form.getByLabel('Action').selectOption({ label: 'Signed in (auth.login)' })
  await expect(page).toHaveURL(/\/admin\/audit\?action=auth\.login$/, SERVER)

  const entries = page.getByRole('table', { name: 'Audit log entries, newest first' })
  await expect(entries.getByRole('link', { name: 'Grace Whitfield' }).first()).toBeVisible()
  await expect(entries.getByRole('link', { name: 'Signed in' }).first()).toBeVisible()
  await expect(entries.getByText('auth.login', { exact: true })).toHaveCount(0)

  // The demo's people are named as targets, not by a shortened id.
  await form.getByLabel('Action').selectOption({ label: 'User added (user.create)' })
  await expect(page).toHaveURL(/action=user\.create/, SERVER)
  await expect(entries.getByRole('link', { name: 'Grace Whitfield' })).toBeVisible()
  // (Users other tests created and removed again may still show by a shortened id: their names are gone.)
  const grace = entries.getByRole('row').filter({ has: page.getByRole('link', { name: 'Grace Whitfield' }) })
  await expect(grace.getByText(/^[0-9a-f]{8}…$/)).toHaveCount(0)

  // A link in the list narrows the filter, and the form follows the address.
  await entries.getByRole('link', { name: 'system', exact: true }).first().click()
  await expect(page).toHaveURL(/actor=system/, SERVER)
  await expect(form.getByLabel('Actor')).toHaveValue('system')
  await expect(form.getByLabel('Action')).toHaveValue('user.create')
})
