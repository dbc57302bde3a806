import type { Page } from '@playwright/test'
import { startHttpReceiver } from '../test/local-receivers'
import { createAlertsKey, expect, test } from './fixtures'

/**
 * Admin → Channels after a receiver outage (issue 18): a signed webhook whose receiver (run here, on
 * 127.0.0.1, which the e2e server allow-lists) is down when an incident opens and is acknowledged. The row
 * shows what waits (queued, retrying, the oldest undelivered) and the last error in words; once the receiver
 * is back, "Deliver now" sends both messages, in order, once each.
 */


async function sendAlert(page: Page, key: string, dedupKey: string): Promise<string> {
  const res = await page.request.post('/api/alerts', {
    headers: { authorization: `Bearer ${key}` },
    data: { severity: 'high', service: 'imaging-ai', message: `E2E receiver outage ${dedupKey}`, system: 'e2e', timestamp: new Date().toISOString(), dedupKey },
  })
  expect(res.status(), await res.text()).toBe(202)
  return ((await res.json()) as { incidentId: string }).incidentId
}

test('a channel that was down shows its queue and last error, and "Deliver now" sends it in order', async ({ adminPage: page }) => {
  // Several page loads and a wait for the first delivery attempt, on a busy CI machine.
  test.setTimeout(90_000)
  const receiver = await startHttpReceiver()
  await receiver.stop()
  try {
    const key = await createAlertsKey(page, 'e2e-channels')
    // Base 36: a long digit run would be redacted as a possible identifier.
    const name = `E2E receiver ${Date.now().toString(36)}`
    await page.goto('/admin/channels')
    const form = page.getByRole('form', { name: 'Add a channel' })
    await form.getByLabel('Name').fill(name)
    await form.getByLabel('Type').selectOption('webhook')
    await form.getByLabel('Lowest severity sent').selectOption('high')
    await form.getByLabel('URL').fill(`${receiver.url}/hook`)
    await form.getByLabel('Signing secret').fill('whsec_e2e_0123456789abcdef')
    await form.getByRole('button', { name: 'Add channel' }).click()
    const row = page.getByRole('row').filter({ hasText: name })
    // The list refreshes after the save; slow on a busy machine.
    await expect(row).toBeVisible({ timeout: 15_000 })
    // Its receiver is down, so nothing has gone out. (Whether something waits already depends on the
    // database: on one other tests filled, their incidents queue messages to every enabled channel.)
    await expect(row).toContainText('Nothing sent yet')

    // The incident opens and is acknowledged while the receiver is down: the trigger fails, the
    // acknowledgement waits behind it.
    const incidentId = await sendAlert(page, key, `e2e-outage-${Date.now().toString(36)}`)
    await page.goto(`/incidents/${incidentId}`)
    await page.getByRole('group', { name: 'Change status' }).getByRole('button', { name: 'Acknowledge' }).click()
    await expect(page.getByText(/^INC-\d+ is acknowledged\.$/)).toBeVisible()

    await page.goto('/admin/channels')
    await expect(async () => {
      await page.reload()
      // At least this incident's two messages wait; on a database other tests filled, other incidents'
      // messages to every enabled channel may wait beside them.
      await expect(row).toContainText(/Queued\s*[1-9]\d*\s*Retrying\s*[1-9]\d*\s*Oldest undelivered/, { timeout: 1000 })
    }).toPass({ timeout: 20_000 })
    await expect(row).toContainText('Connection refused: nothing is listening at the receiver’s address (down or restarting)')

    await receiver.restart()
    await row.getByRole('button', { name: `Deliver now to ${name}` }).click()
    await expect(row.getByText(new RegExp(`^(\\d+) of \\1 waiting messages delivered to ${name}\\.$`))).toBeVisible({ timeout: 15_000 })
    await expect(row).toContainText('Nothing waiting')
    await expect(row).not.toContainText('Connection refused')
    await expect(row.getByRole('button', { name: `Deliver now to ${name}` })).toHaveCount(0)

    const bodies = receiver.requests
      .map((r) => JSON.parse(r.body) as { type: string; idempotencyKey: string; incidentId: string | null })
      .filter((b) => b.incidentId === incidentId)
    expect(bodies.map((b) => b.type)).toEqual(['incident.triggered', 'incident.acknowledged'])
    expect(new Set(bodies.map((b) => b.idempotencyKey)).size).toBe(2)

    // Leave no channel behind for later journeys.
    await row.getByRole('button', { name: `Delete ${name}` }).click()
    await page.getByRole('button', { name: 'Delete channel' }).click()
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0)
  } finally {
    await receiver.close()
  }
})
