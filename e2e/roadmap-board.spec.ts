import type { Locator, Page } from '@playwright/test'
import { DEMO_PASSWORD, DEMO_VIEWER, E2E_ADMIN, expect, loginViaApi, test } from './fixtures'

const PM = 'pm@demo.wardroom.local'
const SAVED = { timeout: 20_000 }

/** A board column by its heading (the e2e database is shared: other items may be in it too). */
const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true })
const card = (where: Locator, title: string) => where.getByRole('listitem').filter({ hasText: title })
// Letters only: the redaction of free text takes a run of letters and digits for an account number.
const unique = (what: string) => `${what} ${[...`${Date.now()}${Math.floor(Math.random() * 1e3)}`.slice(-9)].map((d) => 'abcdefghij'[Number(d)]).join('')}`

/** Adds an item through the form, as a PM would, and comes back to the board. */
async function addItem(page: Page, title: string): Promise<void> {
  await page.goto('/roadmap/new')
  const form = page.getByRole('form', { name: 'New roadmap item' })
  await form.getByLabel('Title').fill(title)
  await form.getByRole('button', { name: 'Add to the roadmap' }).click()
  await expect(form.getByText(/^RM-\d+ is on the board, at the top of Ideas\.$/)).toBeVisible(SAVED)
  await page.goto('/roadmap')
  await expect(card(column(page, 'Ideas'), title)).toBeVisible()
}

test('a PM adds an item with the form, field errors shown per field, and sets a WIP limit that warns', async ({ page }) => {
  await loginViaApi(page, PM, DEMO_PASSWORD)
  await page.goto('/roadmap')
  await page.getByRole('link', { name: 'New item' }).click()
  await expect(page.getByRole('heading', { name: 'New roadmap item', level: 1 })).toBeVisible()
  const form = page.getByRole('form', { name: 'New roadmap item' })
  await expect(form.getByText('Do not enter patient identifiers')).toBeVisible()

  await form.getByLabel('Title').fill('ab')
  await form.getByLabel('Effort (person-weeks)').fill('0')
  await form.getByRole('button', { name: 'Add to the roadmap' }).click()
  await expect(form.getByText('At least 3 characters')).toBeVisible(SAVED)
  await expect(form.getByText('At least 0.5 person-weeks')).toBeVisible()
  await expect(form.getByLabel('Title')).toBeFocused()

  const title = unique('Handover checklist in the ward view')
  await form.getByLabel('Title').fill(title)
  await form.getByLabel('Problem').fill('Charge nurses rebuild the handover list by hand every shift.')
  await form.getByLabel('Stage').selectOption('discovery')
  await form.getByLabel('Effort (person-weeks)').fill('3')
  await form.getByLabel('Target quarter').selectOption({ index: 2 })
  await form.getByLabel('Horizon').selectOption('medium_term')
  await form.getByRole('checkbox', { name: 'Clinical users' }).check()
  await form.getByRole('button', { name: 'Add to the roadmap' }).click()
  await expect(form.getByText(/^RM-\d+ is on the board, at the top of Discovery\.$/)).toBeVisible(SAVED)
  await form.getByRole('link', { name: 'Back to the board' }).click()
  const added = card(column(page, 'Discovery'), title)
  await expect(added).toBeVisible()
  await expect(added).toContainText('3 pw')

  // A WIP limit of 1 on Discovery: warned in words, nothing blocked; then cleared again for the other journeys.
  await page.getByRole('button', { name: /^WIP limits/ }).click()
  const limits = page.getByRole('form', { name: 'WIP limits' })
  const before = await limits.getByLabel('Discovery').inputValue()
  await limits.getByLabel('Discovery').fill('1')
  await limits.getByRole('button', { name: 'Save WIP limits' }).click()
  await expect(limits.getByText(/^WIP limits saved for \d+ columns?/)).toBeVisible(SAVED)
  await expect(column(page, 'Discovery').getByText(/^\d+ of 1 — over the WIP limit$/)).toBeVisible(SAVED)
  await limits.getByLabel('Discovery').fill(before)
  await limits.getByRole('button', { name: 'Save WIP limits' }).click()
  await expect(async () => {
    await page.reload()
    await page.getByRole('button', { name: /^WIP limits/ }).click()
    expect(await limits.getByLabel('Discovery').inputValue()).toBe(before)
  }).toPass(SAVED)
})

test('a PM drags a card with the mouse from Ideas to Discovery, and it stays there', async ({ page }) => {
  await loginViaApi(page, PM, DEMO_PASSWORD)
  const title = unique('Drag me to discovery')
  await addItem(page, title)

  const handle = card(column(page, 'Ideas'), title).getByRole('button', { name: /^Drag RM-\d+:/ })
  const from = (await handle.boundingBox())!
  const to = (await column(page, 'Discovery').getByRole('list').boundingBox())!
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  await page.mouse.move(from.x + 30, from.y + 20, { steps: 5 })
  await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 20 })
  await page.mouse.up()

  await expect(card(column(page, 'Discovery'), title)).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /^RM-\d+ is in Discovery now\.$/ })).toBeAttached(SAVED)
  await page.reload()
  await expect(card(column(page, 'Discovery'), title)).toBeVisible()
  await expect(card(column(page, 'Ideas'), title)).toHaveCount(0)
})

test('a PM moves a card with the keyboard alone, each step announced', async ({ page }) => {
  await loginViaApi(page, PM, DEMO_PASSWORD)
  const title = unique('Keyboard move')
  await addItem(page, title)

  const handle = card(column(page, 'Ideas'), title).getByRole('button', { name: /^Drag RM-\d+:/ })
  await handle.focus()
  await page.keyboard.press('Space')
  const announcer = page.getByRole('status').filter({ hasText: /Picked up|is over|was dropped/ })
  await expect(announcer).toContainText(new RegExp(`^Picked up RM-\\d+ ${title}, in Ideas, position 1 of \\d+\\.$`))
  await page.keyboard.press('ArrowRight')
  await expect(announcer).toContainText(/is over Discovery, position \d+ of \d+\./)
  await page.keyboard.press('Space')
  await expect(announcer).toContainText(new RegExp(`${title} was dropped in Discovery, position \\d+ of \\d+\\.`))

  await expect(card(column(page, 'Discovery'), title)).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /^RM-\d+ is in Discovery now\.$/ })).toBeAttached(SAVED)
  await page.reload()
  await expect(card(column(page, 'Discovery'), title)).toBeVisible()
})

test('a move of an item someone else changed meanwhile is refused in words and the card goes back; a release with open gates names them', async ({ page, browser }) => {
  await loginViaApi(page, PM, DEMO_PASSWORD)
  const title = unique('Two people one card')
  await addItem(page, title)

  // Another person moves it to Planned with the Move menu while the PM's board still shows it in Ideas.
  const other = await browser.newContext()
  const theirs = await other.newPage()
  await loginViaApi(theirs, E2E_ADMIN.email, E2E_ADMIN.password)
  await theirs.goto('/roadmap')
  const theirCard = card(column(theirs, 'Ideas'), title)
  await theirCard.getByText('Move', { exact: true }).click()
  await theirCard.getByRole('button', { name: 'To Planned' }).click()
  await expect(card(column(theirs, 'Planned'), title)).toBeVisible()
  // Focus follows the card to its new column, on its Move menu.
  await expect(card(column(theirs, 'Planned'), title).locator('summary')).toBeFocused()
  await expect(theirs.getByRole('status').filter({ hasText: /^RM-\d+ is in Planned now\.$/ })).toBeAttached(SAVED)
  await other.close()

  // The PM, on the stale board, moves it to Discovery: refused, the other person's change shown, the board read again.
  const mine = card(column(page, 'Ideas'), title)
  await mine.getByText('Move', { exact: true }).click()
  await mine.getByRole('button', { name: 'To Discovery' }).click()
  const alert = page.getByRole('alert').filter({ hasText: 'was not moved' })
  await expect(alert).toContainText(`${E2E_ADMIN.email} moved it to Planned meanwhile`, SAVED)
  await expect(alert).toContainText('Your change was not saved')
  await expect(card(column(page, 'Planned'), title)).toBeVisible(SAVED)
  await expect(card(column(page, 'Discovery'), title)).toHaveCount(0)

  // Released needs the feature pipeline's gates: refused with each named, and the card stays in Planned.
  const planned = card(column(page, 'Planned'), title)
  await planned.getByText('Move', { exact: true }).click()
  await planned.getByRole('button', { name: 'To Released' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be released until its gates are complete' })).toContainText('Clinical validation', SAVED)
  await expect(card(column(page, 'Planned'), title)).toBeVisible()
  await expect(card(column(page, 'Released'), title)).toHaveCount(0)
})

test('a viewer reads the board, the timeline and the table without anything to move', async ({ page }) => {
  await loginViaApi(page, DEMO_VIEWER, DEMO_PASSWORD)
  await page.goto('/roadmap')
  await expect(page.getByRole('heading', { name: 'Roadmap', level: 1 })).toBeVisible()
  for (const name of ['Ideas', 'Discovery', 'Planned', 'In progress', 'Released']) await expect(column(page, name)).toBeVisible()
  await expect(page.getByRole('link', { name: 'New item' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Drag / })).toHaveCount(0)
  await expect(page.getByText('Move', { exact: true })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^WIP limits/ })).toHaveCount(0)

  const views = page.getByRole('navigation', { name: 'Roadmap views' })
  await views.getByRole('link', { name: 'Timeline' }).click()
  for (const lane of ['Now', 'Next', 'Later']) await expect(page.getByRole('heading', { name: lane, exact: true, level: 2 })).toBeVisible()

  await page.getByRole('navigation', { name: 'Roadmap views' }).getByRole('link', { name: 'Table' }).click()
  const table = page.getByRole('table', { name: /Roadmap items by RICE/ })
  await expect(table.getByRole('columnheader', { name: /^RICE: sort/ })).toHaveAttribute('aria-sort', 'descending')
  await table.getByRole('link', { name: 'Clinical: sort descending' }).click()
  await expect(page).toHaveURL(/\/roadmap\/table\?sort=clinical&dir=desc/)
  await expect(page.getByRole('table', { name: /Roadmap items by clinical impact/ }).getByRole('columnheader', { name: /^Clinical: sort/ })).toHaveAttribute('aria-sort', 'descending')
  await page.goto('/roadmap/new')
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible()
})
