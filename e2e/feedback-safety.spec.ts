import { randomUUID } from 'node:crypto'
import { expect, test } from './fixtures'

test.describe.configure({ timeout: 90_000 })

test('a clinical safety concern sent through the API is flagged in the inbox with the incident it opened', async ({ adminPage: page }) => {
  const name = `e2e-safety-${randomUUID().slice(0, 8)}`
  await page.goto('/admin/api-keys')
  const form = page.getByRole('form', { name: 'Create an API key' })
  await form.getByLabel('Name').fill(name)
  await form.getByRole('checkbox', { name: /feedback:write/ }).check()
  await form.getByRole('button', { name: 'Create key' }).click()
  const secret = page.getByLabel(`New API key “${name}”`)
  await expect(secret).toBeVisible()
  const key = await secret.inputValue()

  const dept = `E2E-${randomUUID().slice(0, 6)}`
  const res = await page.request.post('/api/feedback', {
    headers: { Authorization: `Bearer ${key}` },
    data: { type: 'clinical_safety', description: `${randomUUID().slice(0, 8)} The dose suggested for Jane Smith was ten times too high`, context: { department: dept } },
  })
  expect(res.status()).toBe(201)
  const item = (await res.json()) as { id: string; number: number; priority: string; safetyConcern: boolean }
  expect(item).toMatchObject({ priority: 'critical', safetyConcern: true })

  await page.goto(`/feedback?safety=yes&department=${encodeURIComponent(dept)}`)
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`^FB-${item.number}\\b`) }) })
  await expect(row).toContainText('Safety concern')
  await expect(row).toContainText('Critical')
  const incidentLink = row.getByRole('link', { name: /^INC-\d+$/ })
  await expect(incidentLink).toBeVisible()

  // The item page: the text redacted, the lane's note with the incident, the trail naming the step.
  await page.goto(`/feedback/${item.id}`)
  await expect(page.getByText('Jane Smith')).toHaveCount(0)
  await expect(page.getByRole('note')).toContainText('Patient-safety concern')
  await expect(page.getByRole('list', { name: 'Audit trail' })).toContainText('Safety incident opened, safety officers notified')

  // The incident exists, names the item and carries no report text.
  await page.goto(`/feedback?safety=yes&department=${encodeURIComponent(dept)}`)
  await row.getByRole('link', { name: /^INC-\d+$/ }).click()
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`FB-${item.number}`)
  await expect(page.getByText('ten times too high')).toHaveCount(0)
})
