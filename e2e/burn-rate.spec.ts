import { DEMO_PASSWORD, expect, loginViaApi, test } from './fixtures'
import type { Locator, Page } from '@playwright/test'

const EXECUTIVE = 'cmo@demo.wardroom.local'
/** The demo SLO that is burning fast right now (lib/seed/slo-history.ts): every window has rates to show. */
const SLO_KEY = 'medication_review_response_time'
const THRESHOLD_LABELS = [/^Page · 1 h over [\d.]+×$/, /^Page · 6 h over [\d.]+×$/, /^Ticket · 1 d over [\d.]+×$/, /^Ticket · 3 d over [\d.]+×$/]
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

type Box = { x: number; y: number; width: number; height: number }
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

async function openChart(page: Page, range: '30d' | '7d'): Promise<Locator> {
  await page.goto(`/slo/${SLO_KEY}?range=${range}`)
  const words = range === '30d' ? 'last 30 days' : 'last 7 days'
  const chart = page.getByRole('figure', { name: new RegExp(`^Burn rate of .+, ${words}$`) })
  // Recharts draws after hydration and measuring: give a busy machine time.
  await expect(chart.locator('.recharts-surface')).toBeVisible({ timeout: 20_000 })
  return chart
}

/**
 * The four threshold labels are drawn, inside the chart, and no two overlap. All boxes are read in one go
 * (a scale switch re-renders the labels: boxes read one by one could mix two renders), retried until settled.
 */
async function expectThresholdLabelsApart(chart: Locator): Promise<void> {
  for (const name of THRESHOLD_LABELS) await expect(chart.getByText(name)).toBeVisible()
  await expect(async () => {
    const { surface, labels } = await chart.locator('.recharts-surface').evaluate((svg) => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect()
        return { x: r.x, y: r.y, width: r.width, height: r.height }
      }
      const texts = [...svg.querySelectorAll('text')].filter((t) => /^(Page|Ticket) · /.test(t.textContent ?? ''))
      return { surface: box(svg), labels: texts.map((t) => ({ text: t.textContent ?? '', ...box(t) })) }
    })
    expect(labels.map((l) => l.text)).toEqual(THRESHOLD_LABELS.map((re) => expect.stringMatching(re)))
    for (const l of labels) {
      expect(l.y).toBeGreaterThanOrEqual(surface.y)
      expect(l.y + l.height).toBeLessThanOrEqual(surface.y + surface.height)
    }
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        expect(overlaps(labels[i]!, labels[j]!), `${labels[i]!.text} ${JSON.stringify(labels[i])} overlaps ${labels[j]!.text} ${JSON.stringify(labels[j])}`).toBe(false)
      }
    }
  }).toPass({ timeout: 10_000 })
}

/** The x-axis tick labels, left to right (Recharts draws them as SVG text; there is no role to select by). */
async function xTicks(chart: Locator): Promise<string[]> {
  return chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()
}

/** Hovers the middle of the plot and reads the tooltip's entries in order. */
async function tooltipEntries(page: Page, chart: Locator): Promise<string[]> {
  await chart.locator('.recharts-surface').scrollIntoViewIfNeeded()
  let names: string[] = []
  await expect(async () => {
    const surface = (await chart.locator('.recharts-surface').boundingBox())!
    await page.mouse.move(surface.x + surface.width * 0.5, surface.y + surface.height * 0.4)
    await page.mouse.move(surface.x + surface.width * 0.55, surface.y + surface.height * 0.4)
    const items = chart.locator('.recharts-tooltip-item-name')
    await expect(items.first()).toBeVisible({ timeout: 1_000 })
    names = await items.allTextContents()
    expect(names.length).toBeGreaterThanOrEqual(2)
  }).toPass({ timeout: 10_000 })
  return names
}

const dayOf = (label: string) => {
  const [d, m] = label.split(' ')
  return { day: Number(d), month: MONTHS.indexOf(m!) }
}

test('an executive reads the burn-rate chart: a log axis, thresholds apart, one tick per date, windows in order', async ({ page }) => {
  test.setTimeout(60_000)
  await loginViaApi(page, EXECUTIVE, DEMO_PASSWORD)

  // 30 days: logarithmic by default, the floor marked, thresholds readable, ticks every few days.
  const month = await openChart(page, '30d')
  await expect(month.getByRole('checkbox', { name: 'Logarithmic scale' })).toBeChecked()
  await expect(month.getByText('≤0.01×', { exact: true })).toBeVisible()
  await expectThresholdLabelsApart(month)
  const monthTicks = await xTicks(month)
  expect(new Set(monthTicks).size).toBe(monthTicks.length)
  expect(monthTicks.length).toBeGreaterThanOrEqual(5)
  expect(monthTicks.length).toBeLessThanOrEqual(8)
  for (const t of monthTicks) expect(t).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/)
  expect(await tooltipEntries(page, month)).toEqual(['1 h window', '6 h window', '1 d window', '3 d window'])

  // The linear axis keeps the thresholds apart too.
  await month.getByRole('checkbox', { name: 'Logarithmic scale' }).uncheck()
  await expect(month.getByText('≤0.01×', { exact: true })).toHaveCount(0)
  await expectThresholdLabelsApart(month)

  // 7 days: one tick per day, each date once and consecutive.
  const week = await openChart(page, '7d')
  await expectThresholdLabelsApart(week)
  const weekTicks = await xTicks(week)
  expect(new Set(weekTicks).size).toBe(weekTicks.length)
  expect(weekTicks.length).toBeGreaterThanOrEqual(6)
  expect(weekTicks.length).toBeLessThanOrEqual(8)
  for (let i = 1; i < weekTicks.length; i++) {
    const prev = dayOf(weekTicks[i - 1]!)
    const next = dayOf(weekTicks[i]!)
    // The next calendar day: day + 1 in the same month, or the 1st of the next.
    expect(next.month === prev.month ? next.day - prev.day : next.day, `${weekTicks[i - 1]} → ${weekTicks[i]}`).toBe(1)
  }
  expect(await tooltipEntries(page, week)).toEqual(['1 h window', '6 h window', '1 d window', '3 d window'])
})
