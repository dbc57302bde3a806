/**
 * The feedback widget from a clinician's side, on a host app served from another origin (a tiny node
 * server on its own port in this test), after an administrator made its site key: the admin journey
 * (create with the origin, the secret and the script tag with its SRI hash, revoke), then the clinician
 * sends a report with the keyboard only, another while offline (queued, delivered once when back online),
 * and follows their reports' status in "Your reports". Then screenshots: the admin lets a key accept them,
 * the host hands the widget one, the clinician ticks it, and a triager sees it on the item page.
 */
import { execFileSync } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from './fixtures'
import { E2E_MAIN_DATA_DIR } from './constants'

interface Item {
  id: string
  number: number
  screenshotBytes: number | null
  status: string
  reporterKey: string | null
  source: string
}

/** Items of this run and status changes, in the e2e server's database (e2e/support/feedback-items.ts). */
function items(args: Record<string, unknown>): { items?: Item[] } {
  const pg = process.env.TEST_DATABASE_URL
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'e2e/support/feedback-items.ts', JSON.stringify(args)], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...(pg ? { DATABASE_URL: pg } : { WARDROOM_DATA_DIR: E2E_MAIN_DATA_DIR }) },
  })
  return JSON.parse(out.trim().split('\n').pop()!) as { items?: Item[] }
}
const find = (marker: string) => items({ op: 'find', marker }).items ?? []

/** The host app: one page embedding the snippet the admin copied, with the host's context and identity. */
let host: http.Server
let hostOrigin = ''
let snippet = ''
let identity = ''
let shotSnippet = ''
/** The host draws its "screen" on a canvas and hands it over through the queue, before the widget loads. */
const SHOT_PAGE = `<script>(function(){var c=document.createElement('canvas');c.width=320;c.height=180;var g=c.getContext('2d');g.fillStyle='#e0f2fe';g.fillRect(0,0,320,180);g.fillStyle='#0c4a6e';g.font='20px sans-serif';g.fillText('Ward list: bed 4, sepsis score',10,40);window.Wardroom={q:[['setContext',{screen:'Ward list'}],['setScreenshot',c.toDataURL('image/png')]]}})()</script>`
test.beforeAll(async () => {
  host = http.createServer((req, res) => {
    if (req.url === '/shots') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return void res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ward list with screenshot (host app)</title>${SHOT_PAGE}</head><body><main><h1>Ward list</h1></main>${shotSnippet}</body></html>`)
    }
    if (req.url !== '/') return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Ward list (host app)</title>
<script>window.Wardroom = { q: [['setContext', { appVersion: '4.2.0', screen: 'Ward list', department: 'ICU', role: 'nurse' }], ['setFlagVariants', { 'ai-summary': 'v2' }], ['identify', ${JSON.stringify(identity)}]] }</script>
</head><body><main><h1>Ward list</h1><p>The host application's own page.</p></main>${snippet}</body></html>`)
  })
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`
})
test.afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())))

test('an admin creates a site key for a host app, a clinician there sends feedback with the keyboard, offline and online, and follows its status; the key is then revoked', async ({
  adminPage: admin,
  browser,
}) => {
  test.setTimeout(120_000)
  const name = `e2e-ward-app-${Date.now()}`
  const marker = `zq${randomUUID().slice(0, 8)}`
  // Words of this run only: an open report of an earlier run with the same text would take these as its
  // duplicates (pg_trgm, lib/feedback/dedup.ts).
  const words = () => Array.from({ length: 6 }, () => randomUUID().slice(0, 8)).join(' ')

  // Admin → API keys: a site key for the host's origin; its secret once and the script tag with the SRI hash.
  await admin.goto('/admin/api-keys#create-site-key')
  const form = admin.getByRole('form', { name: 'Create a site key' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Allowed origins').fill(`${hostOrigin}\nnot-an-origin`)
  await form.getByRole('button', { name: 'Create site key' }).click()
  await expect(form.getByText('not-an-origin: Start with http:// or https://')).toBeVisible()
  await form.getByLabel('Allowed origins').fill(hostOrigin)
  await form.getByRole('button', { name: 'Create site key' }).click()
  const created = admin.getByRole('region', { name: 'New site key' })
  const secretField = created.getByLabel(`Identity-token secret of “${name}”`)
  await expect(secretField).toBeFocused()
  const secret = await secretField.inputValue()
  expect(secret).toMatch(/^wks_[A-Za-z0-9_-]{43}$/)
  snippet = (await created.getByRole('textbox', { name: 'Script tag for the host app' }).textContent()) ?? ''
  expect(snippet).toMatch(/^<script src="http:\/\/localhost:\d+\/widget\.js" data-site-key="wk_[A-Za-z0-9_-]{16}" integrity="sha384-[A-Za-z0-9+/]{64}" crossorigin="anonymous" async><\/script>$/)
  const publicId = /data-site-key="([^"]+)"/.exec(snippet)![1]!
  const row = admin.getByRole('row').filter({ hasText: name })
  await expect(row).toContainText(hostOrigin)
  await expect(row).toContainText('Active')
  await expect(row).not.toContainText(secret)
  // The host's server signs who its user is with the secret (lib/feedback/identity-token.ts).
  const body = `v1.${Buffer.from('nurse-4711').toString('base64url')}.${Math.floor(Date.now() / 1000) + 3600}`
  identity = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`

  // The clinician's browser: no Wardroom session, a narrow screen, the host app on its own origin.
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } })
  const page = await context.newPage()
  const widgetErrors: string[] = []
  page.on('pageerror', (e) => widgetErrors.push(e.message))
  await page.goto(hostOrigin)
  const launcher = page.getByRole('button', { name: 'Feedback' })
  await expect(launcher).toBeVisible()

  // Keyboard only: Tab to the button, Enter opens the dialog with focus inside.
  await page.keyboard.press('Tab')
  await expect(launcher).toBeFocused()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Send feedback' })
  await expect(dialog).toBeVisible()
  expect((await dialog.boundingBox())!.width).toBeLessThanOrEqual(320)
  await expect(dialog.getByText('Do not enter patient identifiers')).toBeVisible()
  await expect(dialog.getByRole('radio', { name: 'Bug' })).toBeFocused()
  // Esc closes and gives focus back to the button; Enter opens it again.
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(launcher).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('radio', { name: 'Bug' })).toBeFocused()

  // Sending with nothing chosen says what is missing.
  await dialog.getByRole('button', { name: 'Send' }).press('Enter')
  await expect(dialog.getByText('Choose what kind of feedback this is.')).toBeVisible()
  await expect(dialog.getByRole('radio', { name: 'Bug' })).toBeFocused()

  // Type: arrow keys move through the radio group; Space ticks the focused one.
  await page.keyboard.press('Space')
  await expect(dialog.getByRole('radio', { name: 'Bug' })).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(dialog.getByLabel('What happened?')).toBeFocused()
  await page.keyboard.type(`Sepsis score slow ${words()} ${marker}-online`)
  await page.keyboard.press('Tab') // the rating group, on "None"
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(dialog.getByRole('radio', { name: '2', exact: true })).toBeChecked()
  await page.keyboard.press('Tab') // Cancel
  await page.keyboard.press('Tab') // Send
  await expect(dialog.getByRole('button', { name: 'Send' })).toBeFocused()
  // The focus trap: Tab past the last control comes back to the first, inside the dialog.
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Your reports' })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(dialog.getByRole('button', { name: 'Send' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('status')).toHaveText(/Thank you\. Your report was sent/)
  const [sent] = find(`${marker}-online`)
  expect(sent).toMatchObject({ status: 'new', source: 'in_app' })
  // The signed identity became a pseudonym.
  expect(sent!.reporterKey).toMatch(/^r_/)

  // Offline: the report waits on the device and goes once the connection is back, exactly once.
  await context.setOffline(true)
  await dialog.getByRole('radio', { name: 'Suggestion' }).check()
  await dialog.getByLabel('What happened?').fill(`Show the last lactate ${words()} ${marker}-offline`)
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect(dialog.getByRole('status')).toHaveText(/saved on this device and will be sent automatically/)
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('wardroom-feedback:queue') ?? '[]').length)).toBe(1)
  expect(find(`${marker}-offline`)).toHaveLength(0)
  await context.setOffline(false)
  await expect(dialog.getByRole('status')).toHaveText('A report saved on this device was sent.', { timeout: 20_000 })
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('wardroom-feedback:queue') ?? '[]').length)).toBe(0)
  await expect.poll(() => find(`${marker}-offline`).length).toBe(1)
  const [queued] = find(`${marker}-offline`)

  // Your reports: this browser's two, newest first; a triager plans the first; the clinician sees it.
  await dialog.getByRole('button', { name: 'Your reports' }).click()
  const reports = page.getByRole('dialog', { name: 'Your reports' })
  const entries = reports.getByRole('listitem')
  await expect(entries.first()).toContainText(`FB-${queued!.number} · Suggestion`)
  await expect(entries.first()).toContainText('Received')
  await expect(reports.getByRole('listitem').filter({ hasText: `FB-${sent!.number} ·` })).toContainText('Received')
  items({ op: 'status', number: sent!.number, status: 'planned' })
  await reports.getByRole('button', { name: 'New report' }).click()
  await page.getByRole('dialog', { name: 'Send feedback' }).getByRole('button', { name: 'Your reports' }).click()
  await expect(reports.getByRole('listitem').filter({ hasText: `FB-${sent!.number} ·` })).toContainText('Planned')
  // Still exactly one of each, whatever the retries did.
  expect(find(marker)).toHaveLength(2)
  expect(widgetErrors).toEqual([])

  // Another origin gets no CORS answer.
  const refused = await admin.request.fetch(`/api/feedback/widget/${publicId}`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:1' } })
  expect(refused.status()).toBe(403)
  expect(refused.headers()['access-control-allow-origin']).toBeUndefined()

  // The administrator revokes the key (asked once); the widget API refuses it from then on.
  await admin.reload()
  await row.getByRole('button', { name: `Revoke site key ${name}` }).click()
  await admin.getByRole('dialog', { name: `Revoke the site key “${name}”?` }).getByRole('button', { name: 'Revoke site key', exact: true }).click()
  await expect(admin.getByText(`Site key ${name} was revoked`)).toBeVisible()
  await expect(row).toContainText('Revoked')
  const gone = await admin.request.fetch(`/api/feedback/widget/${publicId}`, { method: 'OPTIONS', headers: { origin: hostOrigin } })
  expect(gone.status()).toBe(401)
  await context.close()
})

test('an admin lets a site key accept screenshots; the host hands one to the widget, the clinician attaches it, and a triager sees it on the item page', async ({
  adminPage: admin,
  browser,
}) => {
  test.setTimeout(120_000)
  const name = `e2e-shots-${Date.now()}`
  const marker = `zs${randomUUID().slice(0, 8)}`
  await admin.goto('/admin/api-keys#create-site-key')
  const form = admin.getByRole('form', { name: 'Create a site key' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Allowed origins').fill(hostOrigin)
  await form.getByRole('button', { name: 'Create site key' }).click()
  shotSnippet = (await admin.getByRole('region', { name: 'New site key' }).getByRole('textbox', { name: 'Script tag for the host app' }).textContent()) ?? ''
  // Off by default; turning it on asks once, saying why.
  const row = admin.getByRole('row').filter({ hasText: name })
  await expect(row.getByRole('cell').filter({ hasText: 'Off' })).toBeVisible()
  await row.getByRole('button', { name: `Accept screenshots from ${name}` }).click()
  const ask = admin.getByRole('dialog', { name: `Accept screenshots from “${name}”?` })
  await expect(ask).toContainText('may show patient information')
  await ask.getByRole('button', { name: 'Accept screenshots', exact: true }).click()
  await expect(admin.getByText(`Site key ${name} now accepts screenshots`)).toBeVisible()
  await expect(row).toContainText('Accepted')

  // The clinician: the host set a screenshot; the widget offers it, unticked, and says what it means.
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${hostOrigin}/shots`)
  await page.getByRole('button', { name: 'Feedback' }).click()
  const dialog = page.getByRole('dialog', { name: 'Send feedback' })
  const attach = dialog.getByRole('checkbox', { name: 'Attach this screenshot' })
  await expect(attach).toBeVisible()
  await expect(attach).not.toBeChecked()
  await expect(attach).toHaveAccessibleDescription(/may show patient information.*kept for 30 days and only triage staff see it/)
  await expect(dialog.getByRole('img', { name: 'Screenshot of this screen, supplied by the app' })).toBeVisible()
  await dialog.getByRole('radio', { name: 'Bug' }).check()
  await dialog.getByLabel('What happened?').fill(`Sepsis score column cut off ${randomUUID()} ${marker}`)
  await attach.check()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect(dialog.getByRole('status')).toHaveText(/Thank you\. Your report was sent/)
  await expect(attach).not.toBeChecked() // the next report starts unticked again
  // Never written to the device's storage: it may show a patient.
  expect(await page.evaluate(() => Object.values(localStorage).some((v) => v.includes('data:image')))).toBe(false)
  const [item] = find(marker)
  expect(item!.screenshotBytes).toBeGreaterThan(0)
  await context.close()

  // A triager opens the item: the screenshot is behind a button, and each view is audited.
  await admin.goto(`/feedback/${item!.id}`)
  const card = admin.getByRole('region', { name: 'Screenshot — may show patient information' })
  await expect(card).toContainText('Only triage staff can see it')
  await expect(card.getByRole('img')).toHaveCount(0)
  await card.getByRole('button', { name: 'Show screenshot' }).click()
  const img = card.getByRole('img', { name: `Screenshot attached to FB-${item!.number} by the host app` })
  await expect(img).toBeVisible()
  expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([320, 180])
  await admin.reload()
  await expect(admin.getByRole('region', { name: 'Handling' })).toContainText('Screenshot viewed')
})

test('the widget script is served for other origins, cached, and its SRI hash matches', async ({ request }) => {
  const res = await request.get('/widget.js')
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toMatch(/javascript/)
  expect(res.headers()['cache-control']).toMatch(/max-age=86400/)
  expect(res.headers()['access-control-allow-origin']).toBe('*')
  const { WIDGET_SRI } = await import('../lib/feedback/widget-integrity')
  const digest = (await import('node:crypto')).createHash('sha384').update(await res.body()).digest('base64')
  expect(`sha384-${digest}`).toBe(WIDGET_SRI)
})
