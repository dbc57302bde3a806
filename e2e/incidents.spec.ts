import type { Page } from '@playwright/test'
import { createAlertsKey, E2E_CRON_SECRET, expect, test } from './fixtures'

/**
 * The incident board's journeys: an alert sent by a machine appears on an open board without a reload,
 * is acknowledged (which assigns it to whoever acknowledged) and resolved with a note, the resolution
 * undone within seconds and made again; an unacknowledged incident escalates after its policy's delay
 * when the escalation job runs, and the timeline says how (the demo has only log channels: nobody paged). Uses the demo services: imaging-ai (no emergency triage, so the
 * alert keeps its severity) and med-review, whose policy (the guides' ladder) pages critical incidents at once.
 */


async function sendAlert(page: Page, key: string, alert: { severity: string; service: string; message: string }): Promise<string> {
  const res = await page.request.post('/api/alerts', {
    headers: { authorization: `Bearer ${key}` },
    data: { ...alert, system: 'e2e', timestamp: new Date().toISOString(), dedupKey: `e2e:${alert.message}` },
  })
  expect(res.status(), await res.text()).toBe(202)
  const body = (await res.json()) as { incidentId: string; deduplicated: boolean }
  expect(body.deduplicated).toBe(false)
  return body.incidentId
}

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}\\b`) })

test('an alert appears on the open board live, is acknowledged and resolved', async ({ adminPage: page }) => {
  // Waits out the undo offer once (10 s).
  test.setTimeout(90_000)
  const key = await createAlertsKey(page, 'e2e-alerts')
  // Base 36: a long digit run would be redacted as a possible identifier before storage.
  const message = `E2E model latency ${Date.now().toString(36)}`

  // Filtered to what the alert will be: columns show their first 10 cards, most severe and newest first,
  // and a database with many open critical incidents (CI's) would push a new high one to a later page.
  await page.goto('/incidents?severity=high&service=imaging-ai')
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible()
  // The board is subscribed before the alert is sent.
  await expect(page.getByRole('status').filter({ hasText: /^(Live|Refreshing every)/ })).toBeVisible()

  await sendAlert(page, key, { severity: 'high', service: 'imaging-ai', message })

  // No reload: the stream (or, failing that, the 2-second poll) brings it in.
  const card = column(page, 'Triggered').getByRole('article').filter({ hasText: message })
  await expect(card).toBeVisible()
  await expect(card.getByText('High', { exact: true })).toBeVisible()
  await expect(card.getByText('Imaging AI', { exact: true })).toBeVisible()

  await expect(card).toContainText('Unassigned')
  await card.getByRole('button', { name: /^Acknowledge INC-\d+$/ }).click()
  const acknowledged = column(page, 'Acknowledged').getByRole('article').filter({ hasText: message })
  await expect(acknowledged).toBeVisible()
  await expect(column(page, 'Triggered').getByRole('article').filter({ hasText: message })).toHaveCount(0)
  // Acknowledging takes the incident.
  await expect(acknowledged).toContainText('Administrator')
  await expect(acknowledged).not.toContainText('Unassigned')

  // The incident page shows the acknowledgement on the timeline.
  await acknowledged.getByRole('link', { name: new RegExp(message) }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(message)
  const timeline = page.getByRole('list', { name: 'Timeline' })
  await expect(timeline.getByText('Alert opened the incident')).toBeVisible()
  await expect(timeline.getByText('Moved from Triggered to Acknowledged')).toBeVisible()
  await expect(timeline.getByText('Assigned to Administrator')).toBeVisible()
  await expect(timeline.getByText('admin@e2e.wardroom.local', { exact: false }).first()).toBeVisible()

  // Resolving asks for a note, then offers an undo for a few seconds.
  const status = page.getByRole('group', { name: 'Change status' })
  await status.getByRole('button', { name: 'Resolve' }).click()
  const dialog = page.getByRole('dialog', { name: /^Resolve INC-\d+\?$/ })
  await expect(dialog.getByLabel('Resolution note')).toBeFocused()
  await dialog.getByLabel('Resolution note').fill('Restarted the inference pods')
  await dialog.getByRole('button', { name: 'Resolve' }).click()
  await expect(timeline.getByText('Moved from Acknowledged to Resolved')).toBeVisible()
  await expect(timeline.getByText('Restarted the inference pods')).toBeVisible()

  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(timeline.getByText('Resolution undone')).toBeVisible()
  await expect(status.getByRole('button', { name: 'Resolve' })).toBeVisible()
  await expect(page.getByRole('main').getByText('Acknowledged', { exact: true }).first()).toBeVisible()

  // Resolved again, without a note: after the few seconds the undo is gone and Reopen is the way back.
  await status.getByRole('button', { name: 'Resolve' }).click()
  await dialog.getByRole('button', { name: 'Resolve' }).click()
  await expect(status.getByRole('button', { name: 'Reopen' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0, { timeout: 15_000 })

  await page.getByRole('link', { name: 'Incidents' }).first().click()
  await expect(column(page, 'Resolved').getByRole('article').filter({ hasText: message })).toBeVisible()
})

test('an unacknowledged incident escalates after its policy delay', async ({ adminPage: page }) => {
  const key = await createAlertsKey(page, 'e2e-alerts')
  const message = `E2E dose check timeouts ${Date.now().toString(36)}`
  // Critical on med-review: its ladder policy waits 0 minutes before the first level.
  const incidentId = await sendAlert(page, key, { severity: 'critical', service: 'med-review', message })

  const run = await page.request.post('/api/cron/incident-escalation', { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } })
  expect(run.status(), await run.text()).toBe(200)

  await page.goto(`/incidents/${incidentId}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(message)
  const timeline = page.getByRole('list', { name: 'Timeline' })
  await expect(timeline.getByText('Escalated to level 1')).toBeVisible()
  // Never "Paged": the timeline names the channels the notice went through.
  await expect(timeline.getByText(/^Notified .+ via /).first()).toBeVisible()
  await expect(timeline.getByText(/Paged /)).toHaveCount(0)
  const pagingOff = page.getByRole('note', { name: 'No paging channel enabled' })
  if ((await pagingOff.count()) > 0) {
    // The demo enables only the console and log-file channels: the timeline and the board say so.
    await expect(timeline.getByText(/^Notified .+ via .*Ops console/).first()).toBeVisible()
    await expect(timeline.getByText(/No paging channel enabled: the notice was only logged on the server/).first()).toBeVisible()
    await expect(pagingOff).toContainText('Ops console (server log)')
    await page.goto('/incidents')
    await expect(page.getByRole('note', { name: 'No paging channel enabled' })).toBeVisible()
  } else {
    // A database where other tests left paging channels enabled (CI's): no warning that nobody was paged.
    await expect(timeline.getByText(/No paging channel enabled/)).toHaveCount(0)
  }
})

test('a column shows a page and its count; the next page loads by keyboard and stays through live updates', async ({ adminPage: page }) => {
  test.setTimeout(90_000)
  const key = await createAlertsKey(page, 'e2e-pages')
  const run = Date.now().toString(36)
  // More than the first page holds (10), on a filter of their own: info on imaging-ai.
  const messages = Array.from({ length: 13 }, (_, i) => `E2E paged board ${run} ${String.fromCharCode(97 + i)}`)
  for (const message of messages) await sendAlert(page, key, { severity: 'info', service: 'imaging-ai', message })

  await page.goto('/incidents?severity=info&service=imaging-ai')
  // Hydration and the stream take a while on a busy machine.
  const BUSY = { timeout: 15_000 }
  await expect(page.getByRole('status').filter({ hasText: /^(Live|Refreshing every)/ })).toBeVisible(BUSY)
  const triggered = column(page, 'Triggered')
  const cards = triggered.getByRole('article')
  // The heading counts every match from the database (other runs may have left some); the column shows 10.
  const heading = (await triggered.getByRole('heading', { level: 2 }).textContent()) ?? ''
  const total = Number(/(\d+) incidents/.exec(heading)?.[1])
  expect(total).toBeGreaterThanOrEqual(13)
  await expect(cards).toHaveCount(10)
  await expect(triggered.getByText(`10 of ${total} shown`)).toBeVisible()

  // The keyboard reaches "Show more" straight after the last card's buttons.
  const more = triggered.getByRole('button', { name: /^Show \d+ more triggered incidents$/ })
  await cards.last().getByRole('button', { name: /^Resolve INC-\d+$/ }).focus()
  await page.keyboard.press('Tab')
  await expect(more).toBeFocused()
  await page.keyboard.press('Enter')
  const shown = Math.min(total, 35)
  await expect(cards).toHaveCount(shown, BUSY)
  // The focus moves to the first card the page added, and the count is announced.
  await expect(cards.nth(10).getByRole('link')).toBeFocused()
  await expect(page.getByText(`Showing ${shown} of ${total} triggered incidents.`)).toBeAttached()
  for (const message of messages) await expect(cards.filter({ hasText: message })).toHaveCount(1)

  // A new incident arrives live: it joins at the top and the second page stays loaded.
  const late = `E2E paged board ${run} late`
  await sendAlert(page, key, { severity: 'info', service: 'imaging-ai', message: late })
  await expect(cards.first()).toContainText(late, BUSY)
  await expect(triggered.getByRole('heading', { level: 2 })).toContainText(`${total + 1} incidents`)
  await expect(cards).toHaveCount(Math.min(total + 1, 35))

  // Leave the board as it was: PagerDuty's resolve closes each by its dedup key.
  for (const message of [...messages, late]) {
    const res = await page.request.post('/api/alerts/events/v2', { data: { routing_key: key, event_action: 'resolve', dedup_key: `e2e:${message}` } })
    expect(res.status(), await res.text()).toBe(202)
  }
})

test('an unknown incident shows the not-found page', async ({ adminPage: page }) => {
  await page.goto('/incidents/00000000-0000-4000-8000-000000000000')
  await expect(page.getByRole('heading', { name: 'No such incident' })).toBeVisible()
})
