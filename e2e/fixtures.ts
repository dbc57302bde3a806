import { expect, test as base, type Page } from '@playwright/test'
import { E2E_ADMIN } from './constants'

export { DEMO_PASSWORD, DEMO_VIEWER, E2E_CRON_SECRET } from './constants'

/** Signs in through next-auth's API (not the form), so journeys start where they matter. */
export async function loginViaApi(page: Page, email: string, password: string): Promise<void> {
  const csrf = await page.request.get('/api/auth/csrf')
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const res = await page.request.post('/api/auth/callback/credentials', {
    form: { email, password, csrfToken, json: 'true' },
  })
  expect(res.ok(), `sign-in of ${email} answered ${res.status()}`).toBeTruthy()
}

export const test = base.extend<{ adminPage: Page }>({
  adminPage: async ({ page }, use) => {
    await loginViaApi(page, E2E_ADMIN.email, E2E_ADMIN.password)
    await use(page)
  },
})

export { expect, E2E_ADMIN }

/** An API key with alerts:write, made through the admin page as a person would; returns the secret. */
export async function createAlertsKey(page: Page, prefix: string): Promise<string> {
  const name = `${prefix}-${Date.now()}`
  await page.goto('/admin/api-keys')
  const form = page.getByRole('form', { name: 'Create an API key' })
  await form.getByLabel('Name').fill(name)
  await form.getByRole('checkbox', { name: /alerts:write/ }).check()
  await form.getByRole('button', { name: 'Create key' }).click()
  const secret = page.getByLabel(`New API key “${name}”`)
  await expect(secret).toBeVisible()
  return secret.inputValue()
}
