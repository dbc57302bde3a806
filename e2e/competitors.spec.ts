import { DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'

const SAVED = { timeout: 20_000 }

test('a PM opens a cell of the matrix from the keyboard and records evidence; the cell, its history and the audit follow', async ({ page }) => {
  await loginViaApi(page, 'pm@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto('/competitors')
  await expect(page.getByRole('heading', { name: 'Threat by competitor' })).toBeVisible()
  await expect(page.getByText(/Epic Systems leads us on \d+ of \d+ capabilities/)).toBeVisible()

  // Only compliance capabilities, then into Veradigm's CE mark cell with the keyboard.
  await page.getByRole('navigation', { name: 'Filter and sort the matrix' }).getByRole('link', { name: 'Compliance and certifications' }).click()
  await expect(page.getByRole('rowheader', { name: /Sepsis early warning/ })).toHaveCount(0)
  const cell = page.getByRole('link', { name: /^Veradigm \(Allscripts\), CE mark \(EU MDR\):/ })
  await cell.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Veradigm (Allscripts) · CE mark (EU MDR)' })).toBeVisible()

  const form = page.getByRole('form', { name: 'Record evidence' })
  await form.getByLabel('What it shows').selectOption('partial')
  await form.getByLabel('Confidence').selectOption('high')
  const title = `Notified body certificate ${Date.now()}`
  await form.getByLabel('Source title').fill(title)
  await form.getByLabel('Source address').fill('https://veradigm.example/ce-certificate')
  await form.getByLabel('Note').fill('Class IIa certificate for the decision support module; asked by Dr John Smith on 555-123-4567')
  await form.getByRole('button', { name: 'Record evidence' }).click()
  await expect(page.getByText(/Evidence recorded; the cell is partial now\./)).toBeVisible(SAVED)

  const history = page.getByRole('table', { name: /Evidence for Veradigm/ })
  const row = history.getByRole('row', { name: new RegExp(title) })
  await expect(row).toContainText('Partial', SAVED)
  await expect(row).toContainText('high')
  await expect(row).not.toContainText('555-123-4567')
  await expect(row).not.toContainText('John Smith')

  // Back on the matrix, the cell says what the evidence showed.
  await page.goto('/competitors?group=compliance')
  await expect(page.getByRole('link', { name: /^Veradigm \(Allscripts\), CE mark \(EU MDR\): partial/ })).toBeVisible()
})

test('an executive reads a competitor’s threat, SWOT and prices but cannot record evidence', async ({ page }) => {
  await loginViaApi(page, 'cmo@demo.wardroom.local', DEMO_PASSWORD)
  await page.goto('/competitors/epic_systems')
  await expect(page.getByRole('heading', { name: 'Epic Systems', level: 1 })).toBeVisible()
  await expect(page.getByText(/Epic Systems leads us on \d+ of \d+ capabilities/)).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Threats (to us)' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Prices of Epic Systems' })).toContainText('per bed')
  await page.getByRole('table', { name: 'Capabilities where competitors lead' }).getByRole('row', { name: /Ambient clinical documentation/ }).getByRole('link', { name: 'Epic Systems' }).click()
  await expect(page.getByRole('heading', { name: 'Epic Systems · Ambient clinical documentation' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Record evidence' })).toHaveCount(0)
})
