import { E2E_CRON_SECRET, expect, test } from './fixtures'

/**
 * An administrator checks the recovery objectives and runs a restore drill from Admin → Backups, with the
 * keyboard: the newest backup is restored into a scratch database and verified, and the page then shows
 * the measured restore time against the RTO and the drill in the history.
 */
test('run a restore drill from Admin', async ({ adminPage: page }) => {
  // A real backup and restore of the demo data (about 280,000 rows): 15–25 s on two busy cores.
  test.setTimeout(180_000)
  // A backup to drill: the hourly job, started the way an external cron starts it.
  const backup = await page.request.post('/api/cron/db-backup', { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` }, timeout: 120_000 })
  expect(backup.status(), await backup.text()).toBe(200)
  const { result } = (await backup.json()) as { result: { file: string } }

  await page.goto('/admin')
  await page.getByRole('main').getByRole('link', { name: /^Backups/ }).click()
  await expect(page).toHaveURL('/admin/backups')
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible()

  // RPO: the newest backup was just taken, so the objective is met and the figure is its real age.
  const rpo = page.getByRole('region', { name: 'Recovery point (RPO)' })
  await expect(rpo.getByText('OK', { exact: true })).toBeVisible()
  await expect(rpo.getByText('target 1 h')).toBeVisible()
  const backups = page.getByRole('table', { name: 'Backups on disk, newest first' })
  await expect(backups.getByText(result.file)).toBeVisible()

  // Run the drill with the keyboard.
  const run = page.getByRole('button', { name: 'Run restore drill now' })
  await run.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toHaveText(/^Restore drill passed: the newest backup was restored and verified in .+\.$/, { timeout: 150_000 })

  // The measured restore time now stands against the RTO, and the drill heads the history.
  const rto = page.getByRole('region', { name: 'Recovery time (RTO)' })
  await expect(rto.getByText('OK', { exact: true })).toBeVisible()
  await expect(rto.getByText('target 4 h')).toBeVisible()
  await expect(rto.getByText('No drill')).toHaveCount(0)
  const drills = page.getByRole('table', { name: 'Restore drills, newest first' })
  const newest = drills.locator('tbody tr').first()
  await expect(newest.getByText('Passed')).toBeVisible()
  await expect(newest.getByText(/on demand · admin@e2e\.wardroom\.local/)).toBeVisible()
  await expect(newest.getByText(/^wardroom-.*\.sql\.gz$/)).toBeVisible()
})
