import type { Page } from '@playwright/test'
import { createAlertsKey, DEMO_PASSWORD, E2E_CRON_SECRET, expect, loginViaApi, test } from './fixtures'

/**
 * See a maintenance window mute an escalation: the ops lead puts the EHR bridge (a demo service no other
 * journey sends alerts to) in maintenance from the on-call page, an alert for it arrives through the API,
 * and the incident page says in words that escalation is paused until the window ends, while the board
 * still shows the incident and lists the window among the upcoming ones. Recurring maintenance is scheduled
 * with an RRULE (a bad rule is refused by field), shown in words with its next three windows, and archived.
 * The window is ended at the end, so later journeys see the service page again.
 */
test.use({ timezoneId: 'UTC' })

const OPS = 'ops@demo.wardroom.local'
const SERVICE = 'EHR bridge'
// Pickers name a service with its key: CI's database also holds integration tests' services called EHR bridge.
const SERVICE_OPTION = 'EHR bridge (ehr-bridge)'

// After a server action the page re-renders with its result; on a busy machine that can take a while.
const REFRESH = { timeout: 20_000 }

/** A datetime-local value in the browser's zone (UTC here) `minutes` from now. */
const localInput = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16)

async function sendAlert(page: Page, key: string, message: string): Promise<string> {
  const res = await page.request.post('/api/alerts', {
    headers: { authorization: `Bearer ${key}` },
    data: { severity: 'critical', service: 'ehr-bridge', system: 'e2e', message, timestamp: new Date().toISOString(), dedupKey: `e2e:${message}` },
  })
  expect(res.status(), await res.text()).toBe(202)
  return ((await res.json()) as { incidentId: string }).incidentId
}

test('see a maintenance window mute an escalation', async ({ adminPage: page }) => {
  // Many page loads on a busy two-core machine.
  test.setTimeout(180_000)
  // The key is a machine credential an administrator makes; the journey itself is the ops lead's.
  const key = await createAlertsKey(page, 'e2e-maintenance')
  await loginViaApi(page, OPS, DEMO_PASSWORD)

  await page.goto('/oncall')
  const form = page.getByRole('form', { name: 'Schedule maintenance' })
  await form.getByLabel('Service').selectOption({ label: SERVICE_OPTION })
  await form.getByLabel('Starts').fill(localInput(-2))
  await form.getByLabel('Ends').fill(localInput(60))
  await form.getByLabel('Reason').fill('EHR interface upgrade')
  await form.getByRole('button', { name: 'Schedule maintenance' }).click()
  await expect(form.getByText('The maintenance window was scheduled; incidents opened during it are muted.')).toBeVisible()
  const windows = page.getByRole('table', { name: 'Current and upcoming maintenance windows' })
  const row = windows.getByRole('row').filter({ hasText: 'EHR interface upgrade' })
  await expect(row.getByText('In progress · muted')).toBeVisible(REFRESH)

  // An alert for the service arrives from a machine: recorded, but nobody is paged.
  const message = `E2E EHR bridge HL7 backlog ${Date.now().toString(36)}`
  const incidentId = await sendAlert(page, key, message)
  const escalate = await page.request.post('/api/cron/incident-escalation', { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } })
  expect(escalate.status(), await escalate.text()).toBe(200)

  await page.goto(`/incidents/${incidentId}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(message)
  const note = page.getByRole('note').filter({ hasText: 'Escalation paused' })
  await expect(note).toContainText(/Escalation paused: EHR bridge is in maintenance until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(EHR interface upgrade\)\./)
  await expect(note).toContainText('Alerts are still recorded; nobody is paged while it lasts.')
  await expect(page.getByText('Muted (maintenance)').first()).toBeVisible()
  await expect(page.getByText('paused (maintenance)')).toBeVisible()
  const timeline = page.getByRole('list', { name: 'Timeline' })
  await expect(timeline.getByText('Muted by a maintenance window')).toBeVisible()
  await expect(timeline.getByText(/Escalated to level/)).toHaveCount(0)

  // Still on the board, and the window is listed among the upcoming ones.
  await page.goto('/incidents')
  await expect(page.getByRole('article').filter({ hasText: message })).toBeVisible()
  const upcoming = page.getByRole('list', { name: 'Upcoming maintenance windows' })
  await expect(upcoming.getByRole('listitem').filter({ hasText: 'EHR interface upgrade' })).toContainText('In progress · muted')

  // Recurring maintenance: a bad rule is refused by field; the guides' weekly window is accepted and read back.
  await page.goto('/oncall')
  const recurring = page.getByRole('form', { name: 'Schedule recurring maintenance' })
  await recurring.getByLabel('Service').selectOption({ label: SERVICE_OPTION })
  const rule = recurring.getByLabel('Recurrence rule (RRULE, UTC)')
  await rule.fill('FREQ=HOURLY')
  await recurring.getByRole('button', { name: 'Schedule recurring maintenance' }).click()
  await expect(recurring.getByText('Maintenance can recur at most daily')).toBeVisible(REFRESH)
  await rule.fill('FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0')
  await recurring.getByLabel('Duration (minutes)').fill('120')
  await recurring.getByLabel('Reason').fill('E2E weekly patching')
  await recurring.getByRole('button', { name: 'Schedule recurring maintenance' }).click()
  await expect(recurring.getByText(/The recurring maintenance was saved: [45] windows in the next 30 days\./)).toBeVisible(REFRESH)
  const schedules = page.getByRole('table', { name: 'Recurring maintenance' })
  const scheduleRow = schedules.getByRole('row').filter({ hasText: 'E2E weekly patching' })
  await expect(scheduleRow.getByRole('cell').first()).toContainText('Every week on Sunday, 02:00–04:00 UTC (2 h)', REFRESH)
  await expect(scheduleRow.getByRole('list', { name: /^Next windows of/ }).getByRole('listitem')).toHaveCount(3)

  // The next Sunday is within a week: the board lists it as recurring.
  await page.goto('/incidents')
  await expect(page.getByRole('list', { name: 'Upcoming maintenance windows' }).getByRole('listitem').filter({ hasText: 'E2E weekly patching' })).toContainText('Recurring')

  // Tidy up through the UI: archive the schedule, end the window (both audited).
  await page.goto('/oncall')
  await page.getByRole('table', { name: 'Recurring maintenance' }).getByRole('row').filter({ hasText: 'E2E weekly patching' }).getByRole('button', { name: /^Archive/ }).click()
  await page.getByRole('dialog', { name: 'Archive this recurring maintenance?' }).getByRole('button', { name: 'Archive' }).click()
  await expect(page.getByRole('table', { name: 'Recurring maintenance' }).getByText('E2E weekly patching')).toHaveCount(0, REFRESH)
  await page.getByRole('table', { name: 'Current and upcoming maintenance windows' }).getByRole('row').filter({ hasText: 'EHR interface upgrade' }).getByRole('button', { name: /^End/ }).click()
  await page.getByRole('dialog', { name: `End maintenance of ${SERVICE}?` }).getByRole('button', { name: 'End maintenance' }).click()
  await expect(page.getByRole('table', { name: 'Current and upcoming maintenance windows' }).getByText('EHR interface upgrade')).toHaveCount(0, REFRESH)
})
