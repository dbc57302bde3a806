import { expect, loginViaApi, test, E2E_ADMIN } from './fixtures'

// This project's server runs with SESSION_IDLE_TIMEOUT=6 seconds.
test('the session ends after the idle timeout', async ({ page }) => {
  await loginViaApi(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Good to see you')

  // No input for longer than the timeout: the page leaves for the login page by itself.
  await expect(page).toHaveURL(/\/login\?reason=idle/, { timeout: 15_000 })
  await expect(page.getByRole('status')).toHaveText('You were signed out after a period of inactivity.')

  // The server agrees: the session cookie no longer opens the cockpit.
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
  const session = await (await page.request.get('/api/auth/session')).json()
  expect(session).toEqual({})
})
