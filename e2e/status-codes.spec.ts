import { DEMO_PASSWORD, DEMO_VIEWER, expect, loginViaApi, test } from './fixtures'

const CLINICIAN = 'clinician@demo.wardroom.local'
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'
const NO_ACCESS = 'You don’t have access to this page'

test('an administration page answers a viewer 403 with the friendly page', async ({ page }) => {
  test.slow() // several pages, on a busy machine
  await loginViaApi(page, DEMO_VIEWER, DEMO_PASSWORD)
  for (const path of ['/admin', '/admin/users', '/admin/audit', '/admin/jobs', '/admin/jobs/sli-rollup', '/admin/channels']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(403)
    await expect(page.getByRole('heading', { name: NO_ACCESS }), path).toBeVisible()
  }
  await page.getByRole('link', { name: 'Back to the overview' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})

test('a clinician asking for the incident board, an incident or the feedback inbox gets 403, not the page', async ({ page }) => {
  await loginViaApi(page, CLINICIAN, DEMO_PASSWORD)
  for (const path of ['/incidents', `/incidents/${UNKNOWN_ID}`, '/feedback', `/feedback/${UNKNOWN_ID}`]) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(403)
    await expect(page.getByRole('heading', { name: NO_ACCESS }), path).toBeVisible()
  }
})

const UNKNOWN = [
  { path: `/incidents/${UNKNOWN_ID}`, title: 'No such incident', back: 'All incidents' },
  { path: '/incidents/not-an-id', title: 'No such incident', back: 'All incidents' },
  { path: '/flags/no_such_flag', title: 'No such flag', back: 'All flags' },
  { path: '/flags/experiments/no-such-experiment', title: 'No such experiment', back: 'All experiments' },
  { path: '/slo/no-such-objective', title: 'No such objective', back: 'All objectives' },
  { path: `/slo/reports/${UNKNOWN_ID}`, title: 'No such report', back: 'All reports' },
  { path: '/admin/jobs/no-such-job', title: 'No such job', back: 'All jobs' },
  { path: `/feedback/${UNKNOWN_ID}`, title: 'No such feedback item', back: 'Feedback inbox' },
]

for (const { path, title, back } of UNKNOWN) {
  test(`${path} answers 404 with a page that names what was not found`, async ({ adminPage: page }) => {
    const response = await page.goto(path)
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: title })).toBeVisible()
    await expect(page.getByRole('link', { name: back })).toBeVisible()
  })
}

test('a page that does not exist keeps the general 404 page, and a known record still answers 200', async ({ adminPage: page }) => {
  const missing = await page.goto('/no-such-page')
  expect(missing?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  expect((await page.goto('/admin/jobs/sli-rollup'))?.status()).toBe(200)
})

test('the 404 page leads back to the list', async ({ adminPage: page }) => {
  await page.goto('/slo/no-such-objective')
  await page.getByRole('link', { name: 'All objectives' }).click()
  await expect(page).toHaveURL(/\/slo$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})

test('a cockpit page names icons the server has, /favicon.ico included', async ({ adminPage: page }) => {
  await page.goto('/admin/jobs')
  const hrefs = await page.locator('head link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))
  expect(hrefs).toEqual(expect.arrayContaining(['/favicon.ico', '/icon.svg']))
  for (const href of hrefs) {
    const icon = await page.request.get(href, { maxRedirects: 0 })
    expect(icon.status(), href).toBe(200)
    expect(icon.headers()['content-type'], href).toMatch(/^image\//)
  }
})
