import { expect, test, E2E_ADMIN } from './fixtures'

test('the bootstrap admin signs in through the form and sees the shell', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
  await page.getByLabel('Work email').fill(E2E_ADMIN.email)
  await page.getByLabel('Password').fill(E2E_ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()

  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Good to see you')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page')
  await expect(nav.getByRole('link', { name: 'Audit log' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Recent activity' })).toBeVisible()
})

test('a wrong password is refused in words', async ({ page }) => {
  await page.goto('/login')
  await expect(page).toHaveTitle('Sign in · Wardroom')
  await page.getByLabel('Work email').fill(E2E_ADMIN.email)
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toHaveText(
    'That email and password do not match an active account.',
  )
  await expect(page).toHaveURL(/\/login/)
})

test('robots.txt, the web manifest and the icons are served without signing in', async ({ page, request }) => {
  // maxRedirects 0: a redirect to /login would be a failure, not something to follow.
  const get = (path: string) => request.get(path, { maxRedirects: 0 })

  const robots = await get('/robots.txt')
  expect(robots.status()).toBe(200)
  expect(await robots.text()).toMatch(/^Disallow: \/$/m)

  const manifest = await get('/manifest.webmanifest')
  expect(manifest.status()).toBe(200)
  const body = JSON.parse(await manifest.text()) as { name?: unknown; icons?: { src: string; type: string }[] }
  expect(body.name).toBe('Wardroom')
  const manifestIcons = (body.icons ?? []).map((icon) => icon.src)
  expect(manifestIcons).toEqual(expect.arrayContaining(['/icon.svg', '/icon-192.png', '/icon-512.png']))

  for (const path of ['/favicon.ico', ...manifestIcons]) {
    const icon = await get(path)
    expect(icon.status(), path).toBe(200)
    expect(icon.headers()['content-type'], path).toMatch(/^image\//)
    expect((await icon.body()).length, path).toBeGreaterThan(0)
  }

  // The root layout links them from every page, the public login page included.
  await page.goto('/login')
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest')
  await expect(page.locator('head link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute('href', '/icon.svg')
})
