/**
 * Security monitoring (Admin → Security): an administrator tightens the failed sign-in rule, someone fails
 * to sign in as a demo account, the security-scan job runs, and the event shows on the security page with
 * the incident it raised on the board. Only two failures are caused: sign-in throttling counts failures per
 * address too, and every spec signs in from this one address.
 */
import type { Page } from '@playwright/test'
import { DEMO_VIEWER, E2E_CRON_SECRET, expect, test } from './fixtures'

const RULE = 'Failed sign-ins for one account'

async function failSignIn(page: Page, email: string): Promise<void> {
  // A context of its own, so the administrator's session in `page` is untouched.
  const context = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin })
  const csrf = await context.request.get('/api/auth/csrf')
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  await context.request.post('/api/auth/callback/credentials', { form: { email, password: 'not-the-password', csrfToken, json: 'true' } })
  await context.close()
}

async function setAccountRule(page: Page, perAccount: string, severity: string): Promise<void> {
  await page.goto('/admin/security')
  const form = page.getByRole('form', { name: 'Security rule settings' })
  await form.getByLabel('Per account').fill(perAccount)
  await form.getByLabel(RULE).selectOption(severity)
  await form.getByRole('button', { name: 'Save settings' }).click()
  await expect(form.getByText(/^(Saved: \d+ settings? changed|Nothing changed)/)).toBeVisible()
}

test('failed sign-ins become a security event and an incident on the board', async ({ adminPage: page }) => {
  test.setTimeout(90_000)
  await page.goto('/admin/security')
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible()
  // The navigation leads here, and the demo's events are listed with their counts per rule.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('list', { name: 'Events per rule' }).getByRole('link', { name: /Failed sign-ins from one address/ })).toBeVisible()

  await setAccountRule(page, '2', 'high')
  try {
    await failSignIn(page, DEMO_VIEWER)
    await failSignIn(page, DEMO_VIEWER)

    const run = await page.request.post('/api/cron/security-scan', { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } })
    expect(run.status(), await run.text()).toBe(200)

    // Filtered to the account: the event, its count and the incident it raised.
    await page.goto(`/admin/security?rule=signin.failed_account&subject=${encodeURIComponent(DEMO_VIEWER)}`)
    const row = page.getByRole('row').filter({ hasText: RULE }).filter({ hasText: DEMO_VIEWER }).first()
    await expect(row).toBeVisible()
    await expect(row.getByText(/failed sign-ins for this account within 60 min/)).toBeVisible()
    await expect(row.getByText('High', { exact: true })).toBeVisible()
    const incidentLink = row.getByRole('link', { name: /^INC-\d+$/ })
    await expect(incidentLink).toBeVisible()
    const number = await incidentLink.textContent()

    // On the board, under Wardroom's own service, without the account's address in its title.
    await page.goto('/incidents?service=wardroom')
    const card = page.getByRole('article').filter({ hasText: `Security: ${RULE}` })
    await expect(card.first()).toBeVisible()
    await expect(card.filter({ hasText: number! })).toHaveCount(1)
    await expect(card.first()).not.toContainText(DEMO_VIEWER)
  } finally {
    // Back to the defaults, so that later specs' sign-in mistakes raise nothing.
    await setAccountRule(page, '5', 'medium')
  }

  // The change is in the audit log.
  await page.goto('/admin/audit?action=security.settings')
  await expect(page.getByRole('table').getByText('Security rules changed').first()).toBeVisible()
})

test('the filter narrows the events and says when nothing matches', async ({ adminPage: page }) => {
  await page.goto('/admin/security?subject=no-such-subject-anywhere')
  await expect(page.getByText('No events match these filters')).toBeVisible()
  await page.getByRole('link', { name: 'Clear filters' }).first().click()
  await expect(page).toHaveURL(/\/admin\/security$/)
  await expect(page.getByRole('table')).toBeVisible()
})
