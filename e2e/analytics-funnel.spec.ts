import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { E2E_MAIN_DATA_DIR } from './constants'

// Events, workflow and wards of this run only (e2e/support/funnel-data.ts has the numbers).
const prefix = `e2efn_${Date.now().toString(36)}`
const workflowName = `Journey funnel ${prefix}`
// The funnel is computed on the server for each URL: a cold page on two busy cores takes a few seconds.
const SERVER = { timeout: 15_000 }

test.beforeAll(() => {
  const pg = process.env.TEST_DATABASE_URL
  execFileSync(process.execPath, ['--import', 'tsx', 'e2e/support/funnel-data.ts', JSON.stringify({ prefix })], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...(pg ? { DATABASE_URL: pg } : { WARDROOM_DATA_DIR: E2E_MAIN_DATA_DIR }) },
  })
})

test('a funnel from a workflow, broken down by department, with who dropped off and a CSV of its steps', async ({ adminPage: page }) => {
  test.setTimeout(90_000)
  await page.goto('/analytics/funnels')
  await expect(page.getByRole('navigation', { name: 'Analytics views' }).getByRole('link', { name: 'Funnels' })).toHaveAttribute('aria-current', 'page')

  // Build it: the workflow fills in the steps; the breakdown is ours.
  const form = page.getByRole('form', { name: 'Build a funnel' })
  await form.getByLabel('Start from a workflow').selectOption({ label: workflowName })
  await expect(form.getByLabel('Step 1 event')).toHaveValue(`${prefix}_opened`)
  await expect(form.getByLabel('Step 3 label')).toHaveValue('Plan signed')
  await form.getByLabel('Break down by').selectOption({ label: 'Department' })
  await form.getByRole('button', { name: 'Show funnel' }).click()
  await expect(page).toHaveURL(new RegExp(`workflow=${prefix}.*breakdown=department`), SERVER)

  // The chart, with its summary, and the table of the same numbers: two wards shown, the small one hidden.
  const chart = page.getByRole('figure', { name: `${workflowName}: users per step by group` })
  await expect(chart).toContainText('40 started · 19 completed · 47.5% overall conversion', SERVER)
  await expect(chart.getByRole('list', { name: 'Legend' })).toContainText('Ward A')
  await expect(chart.getByRole('list', { name: 'Legend' })).toContainText('Ward B')
  const steps = page.getByRole('table', { name: `${workflowName}: steps` })
  await expect(steps.getByRole('rowheader', { name: /^Ward A/ })).toBeVisible()
  await expect(steps.getByRole('rowheader', { name: /^Ward C/ })).toHaveCount(0)
  await expect(page.getByText('1 group with fewer than 11 people is not shown.').first()).toBeVisible()
  // Ward B: 5 of its 14 signed, fewer than 11: suppressed, and the page says why.
  const wardB = steps.locator('tbody', { has: page.getByRole('rowheader', { name: /^Ward B/ }) })
  await expect(wardB.getByRole('row', { name: /3\. Plan signed/ })).toContainText('<11')
  await expect(page.getByText(/suppressed so that nobody in a small team can be singled out/).first()).toBeVisible()

  // Who dropped off: 13 people reached step 2 but not step 3, each with a session's events in order.
  await page.getByRole('button', { name: 'Show the sessions of the people lost at step 3, Plan signed' }).click()
  const dialog = page.getByRole('dialog', { name: 'Lost at step 3: Plan signed' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('list', { name: 'People lost at this step' })).toBeVisible(SERVER)
  const people = dialog.getByRole('list', { name: 'People lost at this step' })
  await expect(people.getByRole('listitem').filter({ hasText: 'reached step 2' })).toHaveCount(13)
  await expect(people.getByRole('listitem').first()).toContainText(`${prefix}_opened`)
  await expect(people.getByRole('listitem').first()).toContainText(`${prefix}_reviewed`)
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  await expect(dialog).toBeHidden()
  // Only 8 were lost at step 2: nobody is listed, and the dialog says why.
  await page.getByRole('button', { name: 'Show the sessions of the people lost at step 2, Plan reviewed' }).click()
  await expect(page.getByRole('dialog', { name: 'Lost at step 2: Plan reviewed' })).toContainText('Who was lost here is not shown')
  await page.keyboard.press('Escape')

  // The steps as CSV: everyone and each shown ward; Ward B's last step empty, with the reason in a column.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the steps table as CSV' }).click()])
  expect(download.suggestedFilename()).toMatch(new RegExp(`^funnel-${prefix}-steps-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv$`))
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n')
  expect(csv[0]).toBe('group,step,event,label,users,conversion_from_start,conversion_from_previous,drop_off,median_from_previous_ms,suppressed')
  expect(csv[1]).toBe(`all,1,${prefix}_opened,Chart opened,40,1,1,0,,`)
  expect(csv).toContain(`all,3,${prefix}_signed,Plan signed,19,0.475,0.5938,13,180000,`)
  expect(csv).toContain(`Ward B,3,${prefix}_signed,Plan signed,,,,,,users; conversion_from_start; conversion_from_previous; drop_off; median_from_previous_ms`)
  expect(csv.some((line) => line.startsWith('Ward C,'))).toBe(false)

  // The funnel is the URL: Back returns to the one before.
  await page.goBack()
  await expect(page).toHaveURL(/\/analytics\/funnels$/, SERVER)
})
