/**
 * Server-renders the competitor pages as the signed-in person gets them: the matrix with threats and their
 * explanations, a cell with its evidence (the form for editors only), a competitor with SWOT and prices.
 */
import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { seedCompetitors } from '@/lib/seed/competitors'
import { createUser } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import CompetitorsPage from './page'
import CompetitorPage from './[key]/page'
import CellPage from './cells/[product]/[capability]/page'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  useRouter: () => ({ push: () => {}, refresh: () => {} }),
  usePathname: () => '/competitors',
}))

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ')
const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page)

beforeAll(() => seedCompetitors())
afterEach(() => signOut())

describe('the competitor pages', () => {
  it('shows the matrix: threats explained, every product’s column, gaps, and the roadmap links', async () => {
    signInAs(await createUser('viewer'))
    const html = await render(CompetitorsPage({ searchParams: Promise.resolve({}) }))
    const t = text(html)
    for (const name of ['Our platform', 'Epic Systems', 'Oracle Health (Cerner)', 'Veradigm (Allscripts)', 'MEDITECH']) expect(t).toContain(name)
    expect(t).toContain('High threat')
    expect(t).toMatch(/Epic Systems leads us on \d+ of \d+ capabilities/)
    expect(t).toContain('Ambient clinical documentation')
    // Each high threat's roadmap link: linked to its item, or its item on the way (the job may have run,
    // on a shared database, before this page renders).
    expect(t).toContain('Roadmap links from high threats')
    expect(t).toMatch(/Linked to its roadmap item|Item on its way/)
    expect(html).toContain('href="/competitors/cells/epic_systems/ambient_documentation"')
    // Filtered to one group, the matrix lists only its capabilities.
    const imaging = text(await render(CompetitorsPage({ searchParams: Promise.resolve({ group: 'imaging_ai', sort: 'gap' }) })))
    expect(imaging).toContain('Radiology worklist triage')
    expect(imaging).not.toContain('Sepsis early warning Clinical decision support')
  })

  it('shows a cell’s evidence, with the form for editors only', async () => {
    const params = Promise.resolve({ product: 'epic_systems', capability: 'ambient_documentation' })
    signInAs(await createUser('pm'))
    const pm = text(await render(CellPage({ params })))
    expect(pm).toContain('Epic Systems · Ambient clinical documentation')
    expect(pm).toContain('Record evidence')
    expect(pm).toContain('Release notes: ambient charting generally available')
    expect(pm).toMatch(/lead 0\.50 × importance 5\/5/)
    signInAs(await createUser('executive'))
    const exec = text(await render(CellPage({ params: Promise.resolve({ product: 'epic_systems', capability: 'ambient_documentation' }) })))
    expect(exec).not.toContain('Record evidence')
  })

  it('shows a competitor: summary with threat, SWOT, prices and the timeline', async () => {
    signInAs(await createUser('viewer'))
    const t = text(await render(CompetitorPage({ params: Promise.resolve({ key: 'epic_systems' }) })))
    expect(t).toContain('Market overlap 90 %')
    expect(t).toContain('Ambient documentation now generally available')
    expect(t).toMatch(/USD 2,500–4,200/)
    expect(t).toContain('Timeline of changes')
  })
})
