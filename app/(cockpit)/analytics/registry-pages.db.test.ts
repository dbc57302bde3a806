/**
 * Server-renders the event registry, a workflow's page and the insights list as the signed-in person gets
 * them: quarantine and registered events with their volume, the register form for PMs only, the editor or
 * the read-only definition, and insights with counts under k withheld.
 */
import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db, getPool } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import EventRegistryPage from './events/page'
import InsightsPage from './insights/page'
import WorkflowPage from './workflows/[key]/page'
import NewWorkflowPage from './workflows/new/page'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
// The forms refresh or navigate with the App Router after saving; outside Next there is none to mount.
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  useRouter: () => ({ push: () => {}, refresh: () => {} }),
  usePathname: () => '/analytics',
}))

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ')
const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page)
const search = (q: Record<string, string> = {}) => Promise.resolve(q)
const name = (p: string) => uid(p).replace(/-/g, '_')

afterEach(() => signOut())

async function events() {
  const quarantined = name('unknown_evt')
  const registered = name('known_evt')
  await db.analyticsEventType.createMany({
    data: [
      { name: quarantined, status: 'quarantined', droppedProperties: 3n, lastSeenAt: new Date() },
      { name: registered, status: 'registered', owner: 'triage-ai', description: 'Shown when it is shown', properties: { score: 'number' } },
    ],
  })
  await getPool().query('SELECT analytics_create_partition(now()::date)')
  await getPool().query(`INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", type) SELECT 'u_' || g, $1, now() - interval '1 hour', 'track' FROM generate_series(1, 4) g`, [quarantined])
  return { quarantined, registered }
}

describe('the event registry page', () => {
  it('lists the quarantine with its volume and the registered events; PMs get Register and the form', async () => {
    const { quarantined, registered } = await events()
    signInAs(await createUser('pm'))
    const html = await render(EventRegistryPage({ searchParams: search({ event: quarantined }) }))
    const t = text(html)
    expect(t).toContain('Quarantine')
    expect(html).toContain(`href="/analytics/events?event=${quarantined}#event-form"`)
    expect(t).toMatch(new RegExp(`${quarantined} .*? 4 `))
    expect(t).toContain(`Register ${quarantined}`)
    expect(t).toContain('The 4 events already in quarantine keep no properties')
    expect(t).toContain(`${registered} Shown when it is shown`)
    expect(t).toContain('score number')
  })

  it('is read-only for a viewer, who gets no form even when asking for one', async () => {
    const { quarantined } = await events()
    signInAs(await createUser('viewer'))
    const html = await render(EventRegistryPage({ searchParams: search({ event: quarantined }) }))
    expect(text(html)).toContain(quarantined)
    expect(html).not.toContain('event-form')
    expect(text(html)).not.toContain('Register ')
  })
})

describe('the workflow pages', () => {
  async function workflow() {
    const key = name('wf_page')
    const event = name('wf_evt')
    await db.analyticsEventType.create({ data: { name: event, status: 'registered', properties: { outcome: 'string' } } })
    await db.analyticsWorkflow.create({
      data: { key, name: 'Sepsis review', conversionWindowMs: 5_400_000, orderMode: 'strict', steps: [{ event, filters: {} }, { event, filters: { outcome: 'done' }, label: 'Done' }] },
    })
    return { key, event }
  }

  it('gives a PM the editor and the funnel link, a viewer the definition; an unknown key is not found', async () => {
    const { key, event } = await workflow()
    signInAs(await createUser('pm'))
    const pm = await render(WorkflowPage({ params: Promise.resolve({ key }) }))
    expect(pm).toContain(`href="/analytics/funnels?workflow=${key}"`)
    expect(pm).toContain('aria-label="Edit Sepsis review"')
    expect(pm).toMatch(new RegExp(`<option value="${event}"( selected="")?>`))
    expect(text(pm)).toContain('Delete')

    signInAs(await createUser('viewer'))
    const viewer = text(await render(WorkflowPage({ params: Promise.resolve({ key }) })))
    expect(viewer).toContain('Strictly in order')
    expect(viewer).toContain('1 h 30 min')
    expect(viewer).toContain('where outcome = done')
    expect(viewer).not.toContain('Save workflow')
    await expect(WorkflowPage({ params: Promise.resolve({ key: name('no_such') }) })).rejects.toMatchObject({ digest: expect.stringContaining('404') })
  })

  it('the new-workflow page offers the registered events; a viewer is refused', async () => {
    const { event } = await workflow()
    signInAs(await createUser('pm'))
    const html = await render(NewWorkflowPage())
    expect(html).toContain('aria-label="Create a workflow"')
    expect(html).toMatch(new RegExp(`<option value="${event}">`))
    signInAs(await createUser('viewer'))
    // forbidden() renders the 403 page inside Next; outside it, it throws all the same.
    await expect(NewWorkflowPage()).rejects.toThrow(/forbidden/)
  })
})

describe('the insights page', () => {
  it('lists an open insight with its rates and funnel link, and withholds a count under k', async () => {
    const key = name('wf_ins_page')
    await db.analyticsWorkflow.create({
      data: { key, name: 'Page insight workflow', conversionWindowMs: 3_600_000, steps: ['a_step', 'b_step'].map((event) => ({ event, filters: {} })) },
    })
    const week = (d: string) => new Date(`2026-12-${d}T00:00:00Z`)
    await db.analyticsInsight.create({
      data: {
        kind: 'dropoff_increase',
        workflowKey: key,
        step: 2,
        stepLabel: 'b_step',
        department: 'Paediatrics',
        periodFrom: week('03'),
        periodTo: week('10'),
        previousFrom: new Date('2026-11-26T00:00:00Z'),
        previousTo: week('03'),
        previousBase: 100,
        previousLost: 5,
        currentBase: 100,
        currentLost: 40,
        zScore: 6.2,
        pValue: 2.4e-10,
        priority: 'high',
      },
    })
    signInAs(await createUser('pm'))
    const html = await render(InsightsPage({ searchParams: search() }))
    const t = text(html)
    expect(t).toContain('Step 2: b_step Page insight workflow · Paediatrics')
    expect(t).toContain('fewer than 11 of 100')
    expect(t).toContain('40 of 100')
    expect(t).toContain('fewer than 11 lost in a week: rates withheld')
    expect(t).toContain('p < 0.001')
    expect(t).toContain('Awaiting a feedback task')
    expect(html).toMatch(new RegExp(`href="/analytics/funnels\\?workflow=${key}&amp;steps=[^"]*breakdown=department"`))
    expect(t).toContain('Dismiss the insight about step 2 of Page insight workflow')
  })

  it('says when the job last ran and what it looks for when there is nothing to show', async () => {
    signInAs(await createUser('viewer'))
    // Other test files share the database and may have one (registry-commands.db.test.ts): the empty state is
    // asserted only when there was none before and after rendering.
    const before = await db.analyticsInsight.count({ where: { status: 'task_created' } })
    const t = text(await render(InsightsPage({ searchParams: search({ status: 'task_created' }) })))
    const after = await db.analyticsInsight.count({ where: { status: 'task_created' } })
    if (before === 0 && after === 0) expect(t).toContain('No insight has become a feedback task yet')
    else expect(t).not.toContain('No insight has become a feedback task yet')
    expect(t).toMatch(/The insights job (last ran|has not run yet)/)
    expect(t).toContain('Benjamini–Hochberg')
    expect(t).not.toContain('Run now')
  })
})
