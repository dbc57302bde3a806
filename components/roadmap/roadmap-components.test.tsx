/**
 * Server-renders the roadmap's board and table and checks what a keyboard or screen-reader user depends on:
 * drag handles and Move menus only for editors, WIP warnings in words, sortable headers with aria-sort.
 */
import { describe, expect, it, vi } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import type { ItemSummary, TableItem } from '@/lib/roadmap/queries'
import { tableQueryOf } from '@/lib/roadmap/views'
import { Board } from './board'
import { ItemsTable } from './items-table'

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => {} }), usePathname: () => '/roadmap' }))
vi.mock('@/lib/roadmap/actions', () => ({ moveItemAction: vi.fn() }))

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()

const item = (n: number, over: Partial<ItemSummary> = {}): ItemSummary => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  number: n,
  title: `Item ${n}`,
  stage: 'ideas',
  owner: { id: 'u', name: 'Dana Okafor' },
  horizon: 'short_term',
  targetQuarter: '2027-Q1',
  effort: 4,
  pipeline: 'feature',
  regulatoryPathway: 'none',
  riceScore: 240,
  clinicalScore: 77,
  moscow: 'must',
  version: 1,
  links: 0,
  ...over,
})

const columns = {
  ideas: [item(1), item(2, { owner: null, targetQuarter: null, effort: null, riceScore: null, clinicalScore: null, moscow: null })],
  discovery: [],
  planned: [item(3, { stage: 'planned' }), item(4, { stage: 'planned' }), item(5, { stage: 'planned' }), item(6, { stage: 'planned' })],
  in_progress: [],
  released: [],
}
const limits = { ideas: null, discovery: null, planned: 3, in_progress: 2, released: null }

describe('Board', () => {
  it('gives editors a named drag handle and a Move menu on each card, and warns an over-full column in words', () => {
    const html = renderToStaticMarkup(<Board columns={columns} limits={limits} canEdit />)
    const t = text(html)
    expect(html).toContain('aria-label="Drag RM-1: Item 1"')
    expect(html).toContain('aria-label="Move RM-1"')
    expect(html).toContain('aria-roledescription="sortable"')
    expect(t).toContain('4 of 3 — over the WIP limit')
    expect(t).toContain('0 of 2')
    expect(t).toContain('Item 2 No owner No quarter · no effort set RICE — Clinical —')
    expect(t).toContain('Move Up Down To Discovery To Planned To In progress To Released')
    expect(t).toContain('Nothing in discovery.')
    expect(html).toContain('href="/roadmap/00000000-0000-4000-8000-000000000001"')
  })

  it('shows readers the same cards without handles or menus', () => {
    const html = renderToStaticMarkup(<Board columns={columns} limits={limits} canEdit={false} />)
    expect(html).not.toContain('Drag RM-')
    expect(html).not.toContain('Move RM-')
    expect(text(html)).toContain('RM-1 Item 1 Dana Okafor 2027-Q1 · 4 pw RICE 240 Clinical 77 MoSCoW Must')
  })
})

describe('ItemsTable', () => {
  it('sorts by any score through header links, the current one marked with aria-sort', () => {
    const rows: TableItem[] = [{ ...item(1), reach: 1200, impact: 2, confidence: 80, value: 8, risk: 3, patientSafety: 5, clinicalOutcome: 4, timeSaved: 3, evidenceStrength: 2 }]
    const html = renderToStaticMarkup(<ItemsTable items={rows} query={tableQueryOf({ sort: 'clinical' })} caption="Roadmap items" />)
    expect(html).toMatch(/<th[^>]*aria-sort="descending"[^>]*><a[^>]*aria-label="Clinical: sort ascending" href="\/roadmap\/table\?sort=clinical&amp;dir=asc"/)
    expect(html.match(/aria-sort=/g)).toHaveLength(1)
    expect(html).toContain('href="/roadmap/table?sort=rice&amp;dir=desc"')
    expect(html).toContain('href="/roadmap/table?sort=effort&amp;dir=asc"')
    expect(text(html)).toContain('1,200 × 2 × 80 %')
    expect(text(html)).toContain('5 · 4 · 3 · 2')
  })
})
