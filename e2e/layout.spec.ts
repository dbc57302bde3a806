import type { Page, TestInfo } from '@playwright/test'
import { DEMO_PASSWORD, E2E_ADMIN, expect, loginViaApi, test } from './fixtures'
import { auditLayout, MIN_TRUNCATED_EM, WIDE_PX, type LayoutProblem } from './layout-audit'
import { ADMIN, AREAS } from '../lib/navigation'
import { hasPermission, type Permission, type Role } from '../lib/rbac'

/**
 * Every page, as each role sees it, at a ward workstation's 1024 × 768 and a desktop's 1440 × 900: the document
 * never scrolls sideways, no text is cut off or runs out of its card, and at 1440 every table column shows
 * (the rules are in layout-audit.ts). Each page loads once per role and is checked at both widths; with
 * E2E_SCREENSHOTS=1 the administrator, who sees every page, also leaves a full-page screenshot of each in the
 * test's output folder (a page with a problem always leaves one).
 */
// Five people times twenty pages: a trace of every step would cost more than the checks. A failure names the
// page, the width, the element and the rule, and leaves a screenshot.
test.use({ trace: 'off' })
// Six independent sweeps (one per role, each a read-only tour): spread over the workers when there are several.
test.describe.configure({ mode: 'parallel' })

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
] as const

/** Pages outside the navigation, and the record pages reached from a list (the first link matching `detail`). */
const EXTRA_PAGES: { href: string; permission: Permission }[] = [
  { href: '/flags/experiments', permission: 'flag:read' },
  { href: '/slo/reports', permission: 'report:read' },
  { href: '/analytics/funnels', permission: 'analytics:read' },
  { href: '/analytics/trends', permission: 'analytics:read' },
  { href: '/analytics/retention', permission: 'analytics:read' },
  { href: '/analytics/insights', permission: 'analytics:read' },
  { href: '/analytics/events', permission: 'analytics:read' },
  { href: '/feedback/sla', permission: 'feedback:read' },
  { href: '/feedback/satisfaction', permission: 'feedback:read' },
  { href: '/competitors/settings', permission: 'competitor:edit' },
  { href: '/competitors/review', permission: 'competitor:read' },
  { href: '/competitors/sources', permission: 'competitor:read' },
  { href: '/roadmap/timeline', permission: 'roadmap:read' },
  { href: '/roadmap/table', permission: 'roadmap:read' },
  { href: '/roadmap/new', permission: 'roadmap:edit' },
  { href: '/roadmap/capacity', permission: 'roadmap:read' },
  { href: '/roadmap/reviews', permission: 'roadmap:read' },
  { href: '/roadmap/value-risk', permission: 'roadmap:read' },
]
const RECORD_PAGES: { list: string; detail: RegExp; permission: Permission }[] = [
  { list: '/incidents', detail: /^\/incidents\/(?!probes)[^/?#]+$/, permission: 'incident:read' },
  { list: '/flags', detail: /^\/flags\/(?!experiments)[^/?#]+$/, permission: 'flag:read' },
  { list: '/flags/experiments', detail: /^\/flags\/experiments\/[^/?#]+$/, permission: 'flag:read' },
  { list: '/slo', detail: /^\/slo\/(?!reports)[^/?#]+$/, permission: 'slo:read' },
  { list: '/slo/reports', detail: /^\/slo\/reports\/[^/?#]+$/, permission: 'report:read' },
  { list: '/admin/jobs', detail: /^\/admin\/jobs\/[^/?#]+$/, permission: 'job:read' },
  { list: '/analytics', detail: /^\/analytics\/workflows\/(?!new)[^/?#]+$/, permission: 'analytics:read' },
  { list: '/feedback', detail: /^\/feedback\/(?!sla$|satisfaction$)[^/?#]+$/, permission: 'feedback:read' },
  { list: '/competitors', detail: /^\/competitors\/(?!cells|settings|review|sources)[^/?#]+$/, permission: 'competitor:read' },
  { list: '/competitors', detail: /^\/competitors\/cells\/[^/?#]+\/[^/?#]+$/, permission: 'competitor:read' },
  { list: '/roadmap', detail: /^\/roadmap\/[0-9a-f]{8}-[0-9a-f-]{27}$/, permission: 'roadmap:read' },
  { list: '/roadmap/reviews', detail: /^\/roadmap\/reviews\/\d{4}-Q[1-4]$/, permission: 'roadmap:read' },
]

// A full-page screenshot of every page costs a minute of the run; E2E_SCREENSHOTS=1 keeps them to look at.
const SCREENSHOTS = process.env.E2E_SCREENSHOTS === '1'

/** Viewer has the executive's permissions, so it would see the same pages. */
const PEOPLE: { role: Role; email: string; password: string; screenshots: boolean }[] = [
  { role: 'admin', email: E2E_ADMIN.email, password: E2E_ADMIN.password, screenshots: true },
  { role: 'ops', email: 'ops@demo.wardroom.local', password: DEMO_PASSWORD, screenshots: false },
  { role: 'pm', email: 'pm@demo.wardroom.local', password: DEMO_PASSWORD, screenshots: false },
  { role: 'executive', email: 'cmo@demo.wardroom.local', password: DEMO_PASSWORD, screenshots: false },
  { role: 'clinician', email: 'clinician@demo.wardroom.local', password: DEMO_PASSWORD, screenshots: false },
  { role: 'safety_officer', email: 'safety@demo.wardroom.local', password: DEMO_PASSWORD, screenshots: false },
]

function pagesFor(role: Role): string[] {
  const may = (p: Permission) => hasPermission(role, p)
  const listed = [...AREAS, ...ADMIN, ...EXTRA_PAGES].filter((i) => may(i.permission)).map((i) => i.href)
  const admin = ADMIN.some((a) => may(a.permission)) ? ['/admin'] : []
  return [...new Set([...listed, ...admin])]
}

/** After the load event, the web font and two frames: the page as a person sees it once it settles. */
async function settle(page: Page) {
  await page.waitForLoadState('load')
  await page.evaluate(async () => {
    await document.fonts.ready
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
  })
}

/** The longest-labelled link on the page matching `pattern`: the record most likely to strain a layout. */
async function longestLink(page: Page, pattern: RegExp): Promise<string | undefined> {
  const links = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })))
  return links.filter((l) => pattern.test(l.href)).sort((a, b) => b.text.length - a.text.length)[0]?.href
}

/**
 * Pages that give a bare visit the URL of its default view (the filter form follows the URL). Under the
 * loading boundary that is a client-side navigation after the first response: wait until it has landed.
 */
const CANONICAL_REDIRECTS = new Set(['/analytics/trends', '/analytics/retention'])

async function checkPage(page: Page, url: string, who: (typeof PEOPLE)[number], testInfo: TestInfo): Promise<string[]> {
  const res = await page.goto(url)
  expect(res?.status(), `${who.role} opens ${url}`).toBe(200)
  if (CANONICAL_REDIRECTS.has(url)) await page.waitForURL((u) => u.pathname === url && u.search !== '')
  await settle(page)
  const found: string[] = []
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport)
    await settle(page)
    const audit: LayoutProblem[] = await page.evaluate(auditLayout, { minTruncatedEm: MIN_TRUNCATED_EM, widePx: WIDE_PX })
    const say = (p: LayoutProblem) => `${who.role} ${url} @${viewport.width}: [${p.rule}] ${p.where} "${p.text.slice(0, 50)}": ${p.detail}`
    // A table that scrolls inside its card at 1024 px is allowed (its edge fades); the report lists them.
    for (const p of audit.filter((p) => p.rule === 'table-scrolls')) testInfo.annotations.push({ type: 'table scrolls sideways', description: say(p) })
    const problems = audit.filter((p) => p.rule !== 'table-scrolls')
    found.push(...problems.map(say))
    if ((who.screenshots && SCREENSHOTS) || problems.length > 0) {
      const name = `${who.role}${url === '/' ? '-overview' : url.replace(/[^a-z0-9]+/gi, '-')}-${viewport.width}.png`
      await page.screenshot({ path: testInfo.outputPath(name), fullPage: true })
    }
  }
  return found
}

for (const who of PEOPLE) {
  test(`every page fits at 1024 and 1440 px for ${who.role}`, async ({ page }, testInfo) => {
    const pages = pagesFor(who.role)
    // About two seconds a page on a quiet machine; room for a busy one, record pages included.
    test.setTimeout(30_000 + (pages.length + RECORD_PAGES.length) * 8_000)
    await loginViaApi(page, who.email, who.password)
    const problems: string[] = []
    const details: string[] = []
    for (const url of pages) {
      problems.push(...(await checkPage(page, url, who, testInfo)))
      // The record pages: found on the list just checked.
      for (const r of RECORD_PAGES.filter((r) => r.list === url && hasPermission(who.role, r.permission))) {
        const href = await longestLink(page, r.detail)
        if (href) details.push(href)
      }
    }
    for (const url of details) problems.push(...(await checkPage(page, url, who, testInfo)))
    if (who.role === 'admin') expect(details.length, `record pages found: ${details.join(', ')}`).toBeGreaterThanOrEqual(5)
    expect(problems, `layout problems:\n${problems.join('\n')}`).toEqual([])
  })
}
