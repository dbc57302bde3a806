import { expect, test, E2E_ADMIN } from './fixtures'

test('pages carry a nonce CSP that their own scripts satisfy, and no inline script is allowed', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) violations.push(msg.text())
  })
  const res = await page.goto('/login')
  const csp = res?.headers()['content-security-policy'] ?? ''
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? ''
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1]
  expect(nonce, csp).toBeTruthy()
  expect(scriptSrc).not.toContain('unsafe-inline')
  expect(csp).toContain("frame-ancestors 'none'")
  expect(res?.headers()['referrer-policy']).toBe('same-origin')
  expect(res?.headers()['permissions-policy']).toContain('camera=()')

  // Next stamps the nonce on the scripts it renders (browsers hide the attribute's value from the DOM API).
  expect(await page.locator('script[nonce]').count()).toBeGreaterThan(0)
  // The form works (the page hydrated under the policy) and nothing was blocked on the way.
  await page.getByLabel('Work email').fill(E2E_ADMIN.email)
  await page.getByLabel('Password').fill(E2E_ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/$/)
  expect(violations).toEqual([])
})

for (const target of ['/\\evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example']) {
  test(`after sign-in, callbackUrl ${JSON.stringify(target)} stays on this site`, async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`)
    await page.getByLabel('Work email').fill(E2E_ADMIN.email)
    await page.getByLabel('Password').fill(E2E_ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Good to see you')
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
    expect(new URL(page.url()).pathname).toBe('/')
  })
}

test('machine endpoints the server answers directly carry the same headers and error shapes as those Next answers', async ({ request }) => {
  const SECURITY = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'permissions-policy']
  // Through Next: a cockpit API route.
  const viaNext = await request.get('/api/ping')
  expect(viaNext.status()).toBe(200)
  // Served directly (scripts/server.ts): OFREP, alert ingest, PagerDuty events, SLI ingest.
  const direct = [
    { path: '/ofrep/v1/evaluate/flags', body: { errorDetails: expect.stringContaining('API key') } },
    { path: '/api/alerts', body: { error: expect.objectContaining({ code: 'unauthorized' }) } },
    { path: '/api/sli/events', body: { error: expect.objectContaining({ code: 'unauthorized' }) } },
    { path: '/api/alerts/events/v2', body: expect.objectContaining({ status: 'invalid event' }) },
  ]
  for (const { path, body } of direct) {
    const res = await request.post(path, { data: {} })
    expect([400, 401], path).toContain(res.status())
    expect(await res.json(), path).toEqual(body)
    expect(res.headers()['x-request-id'], path).toBeTruthy()
    for (const name of SECURITY) expect(res.headers()[name], `${name} of ${path}`).toBe(viaNext.headers()[name])
    expect(res.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
  }
})
