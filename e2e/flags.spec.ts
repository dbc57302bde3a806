import { execFileSync } from 'node:child_process'
import type { APIRequestContext, Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'
import { E2E_MAIN_DATA_DIR } from './constants'

const PM = 'pm@demo.wardroom.local'
const PM2 = 'pm2@demo.wardroom.local'

/**
 * An API key for one environment, created with the CLI against the e2e server's database (the running
 * embedded server's socket, or the PostgreSQL database the e2e server uses). The key is the last line.
 */
function createEvaluationKey(environment: 'staging' | 'production'): string {
  const pg = process.env.TEST_DATABASE_URL
  const out = execFileSync(
    'npm',
    ['run', '--silent', 'cli', '--', 'apikey:create', '--name', `e2e-ofrep-${environment}-${Date.now()}`, '--scopes', 'flags:evaluate', '--env', environment],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ...(pg ? { DATABASE_URL: pg } : { WARDROOM_DATA_DIR: E2E_MAIN_DATA_DIR }) },
    },
  )
  const key = out.trim().split('\n').pop()?.trim() ?? ''
  expect(key, 'the CLI prints the key as its last line').toMatch(/^wr_/)
  return key
}

interface Evaluation {
  status: number
  value?: unknown
  reason?: string
  variant?: string
  errorCode?: string
}

/** One OFREP evaluation, as a provider makes it. */
async function evaluate(request: APIRequestContext, apiKey: string, flagKey: string): Promise<Evaluation> {
  const res = await request.post(`/ofrep/v1/evaluate/flags/${flagKey}`, {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: { context: { targetingKey: 'e2e-user-1', department: 'emergency' } },
  })
  const body = (await res.json()) as Omit<Evaluation, 'status'>
  return { status: res.status(), ...body }
}

/** Creates a boolean flag through the "New flag" form and waits for its page. */
async function createFlag(page: Page, key: string, tags = ''): Promise<void> {
  await page.goto('/flags')
  const form = page.getByRole('form', { name: 'Create a flag' })
  await form.getByLabel('Key').fill(key)
  await form.getByLabel('Name').fill(`E2E ${key}`)
  if (tags) await form.getByLabel('Tags').fill(tags)
  await form.getByRole('button', { name: 'Create flag' }).click()
  // Generous: in CI this is the first write on a server whose database the integration tests just filled
  // (their health probes and flags included); the step checks the journey, not its speed.
  await expect(page).toHaveURL(new RegExp(`/flags/${key}$`), { timeout: 15_000 })
  await expect(page.getByRole('heading', { level: 1, name: `E2E ${key}` })).toBeVisible()
}

test('a PM changes a flag in staging and OFREP serves the change within 2 seconds', async ({ page, request }) => {
  const apiKey = createEvaluationKey('staging')
  const flagKey = `e2e_staging_${Date.now()}`
  await loginViaApi(page, PM, DEMO_PASSWORD)
  await createFlag(page, flagKey)

  // A new flag is off: OFREP answers with the off variant once its snapshot has the flag.
  await expect.poll(() => evaluate(request, apiKey, flagKey), { timeout: 5_000 }).toMatchObject({ status: 200, value: false, reason: 'DISABLED' })

  await page.goto(`/flags/${flagKey}?env=staging`)
  // Each saved change bumps the environment's version: the signal that the server has it.
  await expect(page.getByText(/^Version 1,/)).toBeVisible()
  const targeting = page.getByRole('form', { name: 'Targeting in Staging' })
  await targeting.getByLabel('Enabled in Staging').check()
  await expect(targeting.getByLabel('Variant served by the default rule')).toHaveValue('on')
  await targeting.getByRole('button', { name: 'Save staging configuration' }).click()
  await expect(targeting.getByText('Staging configuration saved', { exact: false })).toBeVisible()
  await expect.poll(() => evaluate(request, apiKey, flagKey), { timeout: 2_000, intervals: [100] }).toMatchObject({ status: 200, value: true, variant: 'on' })
  await expect(page.getByText(/^Version 2,/)).toBeVisible()

  // Toggling the default variant to off is served just as fast.
  await targeting.getByLabel('Variant served by the default rule').selectOption('off')
  await targeting.getByRole('button', { name: 'Save staging configuration' }).click()
  await expect(page.getByText(/^Version 3,/)).toBeVisible()
  await expect.poll(() => evaluate(request, apiKey, flagKey), { timeout: 2_000, intervals: [100] }).toMatchObject({ status: 200, value: false, variant: 'off' })
})

test('a production change to a gated flag waits until a second person approves it', async ({ page, request }) => {
  // Three people sign in and a dozen pages load: on a busy CI machine that alone can pass 30 s.
  test.setTimeout(60_000)
  const apiKey = createEvaluationKey('production')
  const flagKey = `e2e_gated_${Date.now()}`
  await loginViaApi(page, PM, DEMO_PASSWORD)
  await createFlag(page, flagKey, 'hipaa')
  await page.goto(`/flags/${flagKey}?env=production`)

  // The hipaa tag needs a recorded HIPAA review before production may serve anything but "off".
  const gates = page.getByRole('list', { name: 'Compliance gates' })
  await expect(gates.getByRole('listitem').filter({ hasText: 'HIPAA review' })).toContainText('Missing')
  const evidence = page.getByRole('form', { name: 'Record compliance evidence' })
  await expect(evidence.getByLabel('Evidence')).toHaveValue('hipaa_review')
  await evidence.getByLabel('Reference').fill('PRIV-E2E-1')
  await evidence.getByLabel('Date').fill('2026-03-01')
  await evidence.getByRole('button', { name: 'Record evidence' }).click()
  await expect(gates.getByRole('listitem').filter({ hasText: 'HIPAA review' })).toContainText('Satisfied')

  // pm@ asks to turn it on in production: a change request, not a change.
  const targeting = page.getByRole('form', { name: 'Targeting in Production' })
  await targeting.getByLabel('Enabled in Production').check()
  await targeting.getByRole('button', { name: 'Save production configuration' }).click()
  await expect(targeting.getByText(/^Waiting for approval/)).toBeVisible()
  const open = page.getByRole('list', { name: 'Open change requests' })
  await expect(open.getByText('Waiting for approval', { exact: true })).toBeVisible()
  await expect(open.getByRole('button', { name: /^Approve/ })).toHaveCount(0)
  await expect(open.getByText('Waiting for approval by a second person: you cannot approve your own change.')).toBeVisible()
  await expect.poll(() => evaluate(request, apiKey, flagKey), { timeout: 5_000 }).toMatchObject({ status: 200, value: false, reason: 'DISABLED' })

  // A second PM approves it; approval alone changes nothing served.
  await page.context().clearCookies()
  await loginViaApi(page, PM2, DEMO_PASSWORD)
  await page.goto(`/flags/${flagKey}?env=production`)
  await open.getByRole('button', { name: /^Approve/ }).click()
  await expect(open.getByText('Approved', { exact: true })).toBeVisible()
  expect(await evaluate(request, apiKey, flagKey)).toMatchObject({ status: 200, value: false })

  // The approver is not offered Apply (4-eyes: the approval must be someone else's than the applier's).
  await expect(open.getByRole('button', { name: /^Apply/ })).toHaveCount(0)
  await expect(open.getByText(/^You approved this change, so someone else applies it/)).toBeVisible()

  // The requester applies; production serves the new value within 2 seconds.
  await page.context().clearCookies()
  await loginViaApi(page, PM, DEMO_PASSWORD)
  await page.goto(`/flags/${flagKey}?env=production`)
  await open.getByRole('button', { name: /^Apply/ }).click()
  // Applied requests move to the collapsed history of past requests.
  await page.getByText(/^Past requests \(\d+\)$/).click()
  await expect(page.getByRole('list', { name: 'Past change requests' }).getByText('Applied', { exact: true })).toBeVisible()
  await expect.poll(() => evaluate(request, apiKey, flagKey), { timeout: 2_000, intervals: [100] }).toMatchObject({ status: 200, value: true, variant: 'on' })
})
