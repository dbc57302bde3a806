import { randomUUID } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Several server actions and refreshes in a row: room for a busy machine.
test.describe.configure({ timeout: 120_000 })
const SAVED = { timeout: 20_000 }

/** An API key with feedback:write (the widget's scope), made through the admin page; returns the secret. */
async function createFeedbackKey(page: Page): Promise<string> {
  const name = `e2e-feedback-${randomUUID().slice(0, 8)}`
  await page.goto('/admin/api-keys')
  const form = page.getByRole('form', { name: 'Create an API key' })
  await form.getByLabel('Name').fill(name)
  await form.getByRole('checkbox', { name: /feedback:write/ }).check()
  await form.getByRole('button', { name: 'Create key' }).click()
  const secret = page.getByLabel(`New API key “${name}”`)
  await expect(secret).toBeVisible()
  return secret.inputValue()
}

async function submit(page: Page, key: string, department: string, description: string): Promise<{ id: string; number: number }> {
  const res = await page.request.post('/api/feedback', { headers: { Authorization: `Bearer ${key}` }, data: { type: 'suggestion', description, context: { department } } })
  expect(res.status()).toBe(201)
  const item = (await res.json()) as { id: string; number: number; duplicateOf: string | null }
  // Each must stand alone in the inbox: a text too close to an earlier report would be merged into it.
  expect(item.duplicateOf).toBeNull()
  return item
}

const row = (page: Page, n: number) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`^FB-${n}\\b`) }) })

test('a product manager triages the inbox with the keyboard only: move, open, status with a note, assign, bulk', async ({ adminPage: page }) => {
  const key = await createFeedbackKey(page)
  const dept = `E2E-${randomUUID().slice(0, 6)}`
  // Four unrelated suggestions from one department (distinct texts: no duplicate merging), oldest first.
  const texts = ['quieter keyboard clicks', 'porter rota colours', 'courier arrival chime', 'wider keypad buttons']
  const items: { id: string; number: number }[] = []
  // Mostly random words: each text is unlike the others and unlike the same suggestion from an earlier run on
  // this database (similar open reports are merged on arrival).
  const ref = () => Array.from({ length: 10 }, () => randomUUID().replace(/-/g, '').slice(0, 10)).join(' ')
  for (const t of texts) items.push(await submit(page, key, dept, `${t} (ref ${ref()})`))
  const [a, b, c, d] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0], (typeof items)[0]]

  await page.goto(`/feedback?department=${encodeURIComponent(dept)}`)
  const list = page.getByRole('list', { name: 'Feedback items' })
  await expect(list.getByRole('listitem')).toHaveCount(4)
  // Newest first: j enters the list at d, then moves to c; k goes back. A key pressed before the page's
  // script has attached its listener does nothing: press the first j until it lands.
  await expect(async () => {
    await page.keyboard.press('j')
    await expect(page.getByRole('link', { name: new RegExp(`^FB-${d.number}\\b`) })).toBeFocused({ timeout: 1_000 })
  }).toPass(SAVED)
  await page.keyboard.press('j')
  await expect(page.getByRole('link', { name: new RegExp(`^FB-${c.number}\\b`) })).toBeFocused()
  await page.keyboard.press('k')
  await expect(page.getByRole('link', { name: new RegExp(`^FB-${d.number}\\b`) })).toBeFocused()

  // s: status. Closing asks for a note; the form refuses without one.
  await page.keyboard.press('s')
  const statusForm = page.getByRole('form', { name: `Set status: FB-${d.number}` })
  await expect(statusForm.getByLabel('Status')).toBeFocused()
  await page.keyboard.type('Done')
  await expect(statusForm.getByLabel(/Why is it closed/)).toBeVisible()
  await page.keyboard.press('Tab')
  await page.keyboard.type('Added to the bed board backlog and shipped in 4.3.1.')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Status set to done.')).toBeVisible(SAVED)
  // Closed items leave the open inbox.
  await expect(list.getByRole('listitem')).toHaveCount(3, SAVED)

  // a: assign the current item to a product manager. d left the list with the focus: j enters it again at c.
  await page.keyboard.press('j')
  await expect(page.getByRole('link', { name: new RegExp(`^FB-${c.number}\\b`) })).toBeFocused()
  await page.keyboard.press('a')
  const assignForm = page.getByRole('form', { name: `Assign: FB-${c.number}` })
  await expect(assignForm.getByLabel('Assignee')).toBeFocused()
  await page.keyboard.type('Jonah')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Assigned.')).toBeVisible(SAVED)
  await expect(row(page, c.number)).toContainText('assigned to Jonah Lindqvist', SAVED)

  // x selects b and a; s then acts on the selection. The focus came back to c: j moves on to b.
  await page.keyboard.press('j')
  await expect(page.getByRole('link', { name: new RegExp(`^FB-${b.number}\\b`) })).toBeFocused()
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await expect(page.getByRole('toolbar', { name: 'Selected items' })).toContainText('2 selected')
  await page.keyboard.press('s')
  const bulk = page.getByRole('form', { name: 'Set status: 2 selected items' })
  await expect(bulk.getByLabel('Status')).toBeFocused()
  await page.keyboard.type('Planned')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByText('2 of 2 items set to planned.')).toBeVisible(SAVED)
  await expect(row(page, a.number)).toContainText('Planned', SAVED)
  await expect(row(page, b.number)).toContainText('Planned')

  // Enter opens the current item; its page shows the trail of what was done. From a, k k goes back to c.
  await page.keyboard.press('k')
  await page.keyboard.press('k')
  await expect(page.getByRole('link', { name: new RegExp(`^FB-${c.number}\\b`) })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/feedback/${c.id}$`), SAVED)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`FB-${c.number}`)
  const trail = page.getByRole('list', { name: 'Audit trail' })
  await expect(trail).toContainText('Received')
  await expect(trail).toContainText('Assignment changed')

  // The closed item keeps its note and its status change in the trail.
  await page.goto(`/feedback/${d.id}`)
  await expect(page.getByText('Closing note:')).toBeVisible()
  await expect(page.getByRole('list', { name: 'Audit trail' })).toContainText('status: new → done')
})
