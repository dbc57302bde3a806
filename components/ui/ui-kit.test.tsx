/**
 * The shared UI pieces, server-rendered: DataTable draws typed columns (hidden headers, left-out columns,
 * figures right-aligned), badge maps fall back to the raw value in words, PageError shows the reference.
 */
import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { actionsColumn, DataTable, DIMMED_ROW } from './data-table'
import { BoolBadge, MapBadge, type BadgeMap } from './badge-map'
import { LabelledOptions, NamedOptions } from './form-parts'
import { PageError } from './page-error'
import { SectionCard } from './section-card'
import { StackedPage } from './page-header'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()

interface Row {
  id: string
  name: string
  count: number
  off: boolean
}
const rows: Row[] = [
  { id: 'a', name: 'Alpha', count: 1200, off: false },
  { id: 'b', name: 'Beta', count: 3, off: true },
]

describe('DataTable', () => {
  it('draws a header per shown column and a row per item', () => {
    const html = renderToStaticMarkup(
      <DataTable<Row>
        caption="Things"
        captionHidden
        rows={rows}
        rowKey={(r) => r.id}
        rowClassName={(r) => (r.off ? DIMMED_ROW : undefined)}
        columns={[
          { header: 'Name', cell: (r) => r.name },
          false,
          { header: 'Count', numeric: true, cell: (r) => r.count },
          actionsColumn((r) => <button type="button">Edit {r.name}</button>),
        ]}
      />,
    )
    expect(html).toContain('<caption class="sr-only">Things</caption>')
    expect(html.match(/<th[ >]/g)).toHaveLength(3)
    expect(html).toContain('<span class="sr-only">Actions</span>')
    expect(html.split('<tbody')[1]!.split('<tr').length - 1).toBe(2)
    expect(html).toContain(DIMMED_ROW)
    expect(html).toMatch(/<td class="[^"]*text-right[^"]*">1200<\/td>/)
    expect(text(html)).toContain('Beta 3 Edit Beta')
  })
})

describe('badge maps', () => {
  const map: BadgeMap<'on' | 'off'> = { on: { label: 'On', tone: 'ok', icon: 'check-circle' }, off: { label: 'Off', tone: 'neutral' } }

  it('shows the mapped words, and an unknown value as it is', () => {
    expect(text(renderToStaticMarkup(<MapBadge map={map} value="on" />))).toBe('On')
    expect(text(renderToStaticMarkup(<MapBadge map={map} value="toString" />))).toBe('toString')
    expect(text(renderToStaticMarkup(<BoolBadge value={false} yes={map.on} no={map.off} />))).toBe('Off')
  })
})

describe('form parts', () => {
  it('lists labelled and named options, with a blank or placeholder first', () => {
    const labelled = renderToStaticMarkup(
      <select>
        <LabelledOptions values={['a', 'b'] as const} labels={{ a: 'A', b: 'B' }} blank="Any" />
      </select>,
    )
    expect(labelled).toContain('<option value="">Any</option><option value="a">A</option><option value="b">B</option>')
    const named = renderToStaticMarkup(
      <select>
        <NamedOptions items={[{ id: 'x', name: 'Xena' }]} placeholder="Choose…" />
      </select>,
    )
    expect(named).toContain('<option value="" disabled="">Choose…</option><option value="x">Xena</option>')
  })
})

describe('page pieces', () => {
  it('labels a section card by its heading and stacks a page under its header', () => {
    const html = renderToStaticMarkup(
      <StackedPage title="Things" back={{ href: '/home', label: 'Home' }} primaryAction={{ href: '#add', label: 'Add thing' }}>
        <SectionCard headingId="things-heading" title="All things" description="Every one.">
          body
        </SectionCard>
      </StackedPage>,
    )
    expect(html).toMatch(/<section [^>]*aria-labelledby="things-heading"/)
    expect(html).toMatch(/<h2 [^>]*id="things-heading"[^>]*>All things<\/h2>/)
    expect(html).toContain('href="/home"')
    expect(html).toContain('href="#add"')
    expect(text(html)).toContain('Home Things Add thing All things Every one. body')
  })

  it('gives an error reference and a way back', () => {
    const error = Object.assign(new Error('boom'), { digest: 'abc123' })
    const html = renderToStaticMarkup(<PageError title="Nothing loaded" error={error} retry={() => {}} back={{ href: '/home', label: 'Home' }} />)
    expect(html).toContain('role="alert"')
    expect(text(html)).toContain('The server could not answer (reference abc123). If the database was briefly unavailable')
    expect(text(html)).toContain('Try again')
    expect(html).toContain('href="/home"')
    expect(text(html)).not.toContain('boom')
  })
})
