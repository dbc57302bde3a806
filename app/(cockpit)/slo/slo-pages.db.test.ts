/**
 * Server-renders the SLO pages against the database as the signed-in person would get them: the overview
 * from real rollups, an objective's page (and notFound for an unknown key), the report list with its
 * role-dependent controls, and a stored report.
 */
import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createUser } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { createSlo, insertRollups, minutes } from '@/test/slo-factories'
import { systemActor } from '@/lib/auth/actor'
import { generateReport } from '@/lib/slo/commands'
import { formatCompliance } from '@/lib/slo/display'
import type { Slo } from '@/lib/generated/prisma/client'
import SloOverviewPage from './page'
import SloDetailPage from './[key]/page'
import SlaReportsPage from './reports/page'
import SlaReportPage from './reports/[id]/page'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ')
const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page)
const noSearch = Promise.resolve({})

let slo: Slo
beforeAll(async () => {
  slo = await createSlo({ name: 'Page test availability', target: 0.99 })
  const now = Date.now()
  // Two days at 99.5 %, within every range and the 30-day window.
  await insertRollups(slo.id, minutes(new Date(now - 2 * 86_400_000), new Date(now), 199, 200))
})
afterEach(() => signOut())

describe('SLO pages', () => {
  it('the overview shows the headline and a card per objective', async () => {
    signInAs(await createUser('executive'))
    const html = await render(SloOverviewPage())
    const t = text(html)
    expect(t).toContain('Are we keeping our promises to clinicians?')
    expect(t).toMatch(/\d+ of \d+ objectives? on track/)
    expect(html).toContain(`aria-labelledby="slo-${slo.key}"`)
    expect(t).toContain(formatCompliance(0.995))
  })

  it('an objective shows its charts, the current workings and its violations; an unknown key is not found', async () => {
    signInAs(await createUser('viewer'))
    const html = await render(SloDetailPage({ params: Promise.resolve({ key: slo.key }), searchParams: Promise.resolve({ range: '7d' }) }))
    const t = text(html)
    expect(t).toContain('Page test availability')
    for (const label of ['Compliance of Page test availability, last 7 days', 'Error budget left of Page test availability, last 7 days', 'Burn rate of Page test availability, last 7 days']) {
      expect(html).toContain(`aria-label="${label}"`)
    }
    expect(t).toContain('How the alerts decide right now')
    expect(t).toContain('The alert rules, evaluated now')
    expect(t).toContain('No violations in the last 7 days')
    expect(html).toMatch(/<a aria-current="page"[^>]*href="\/slo\/[^"?]+\?range=7d"/)

    await expect(SloDetailPage({ params: Promise.resolve({ key: 'no_such_slo' }), searchParams: noSearch })).rejects.toMatchObject({ digest: expect.stringContaining('404') })
  })

  it('the report list offers "Generate now" only to those with slo:manage', async () => {
    signInAs(await createUser('executive'))
    const reader = text(await render(SlaReportsPage({ searchParams: Promise.resolve({ period: 'weekly' }) })))
    expect(reader).toContain('Your subscriptions')
    expect(reader).not.toContain('Generate a report')
    signInAs(await createUser('pm'))
    expect(text(await render(SlaReportsPage({ searchParams: noSearch })))).toContain('Generate a report')
  })

  it('a report renders with its download link; a bad id is not found', async () => {
    const { report } = await generateReport(systemActor(), 'daily', new Date('2021-11-03T00:00:00Z'), new Date('2021-11-04T00:00:00Z'), 'UTC')
    signInAs(await createUser('executive'))
    const html = await render(SlaReportPage({ params: Promise.resolve({ id: report.id }) }))
    expect(text(html)).toContain('Daily SLA report · Wed 3 Nov 2021')
    expect(html).toContain(`href="/api/slo/reports/${report.id}/csv"`)
    await expect(SlaReportPage({ params: Promise.resolve({ id: 'nope' }) })).rejects.toMatchObject({ digest: expect.stringContaining('404') })
  })

  it('a clinician reads the objectives, without a Reports tab or incident links they could not open; reports are refused', async () => {
    signInAs(await createUser('clinician'))
    const html = await render(SloOverviewPage())
    expect(html).toContain(`aria-labelledby="slo-${slo.key}"`)
    expect(html).not.toContain('href="/slo/reports"')
    expect(html).not.toContain('href="/incidents/')
    const detail = await render(SloDetailPage({ params: Promise.resolve({ key: slo.key }), searchParams: noSearch }))
    expect(detail).not.toContain('href="/slo/reports"')
    // forbidden() renders the 403 page inside Next; outside it, it throws all the same.
    await expect(SlaReportsPage({ searchParams: noSearch })).rejects.toThrow(/forbidden/)
  })
})
