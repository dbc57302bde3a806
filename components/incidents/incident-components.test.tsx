/**
 * Server-renders the board and incident page pieces and checks what a keyboard or screen-reader user
 * depends on: named controls, moves offered only with the permission, states in words.
 */
import { describe, expect, it, vi } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { groupIntoColumns, responseStats, type BoardCard, type BoardData } from '@/lib/incidents/board'
import { IncidentBoard } from './incident-board'
import { IncidentTimeline } from './incident-timeline'
import { WhatChanged } from './what-changed'
import { AlertsTable } from './alerts-table'

// The components only pass the actions on; nothing is called while rendering.
vi.mock('@/lib/incidents/actions', () => ({
  acknowledgeIncidentAction: vi.fn(),
  setIncidentStatusAction: vi.fn(),
  resolveIncidentAction: vi.fn(),
  undoResolveIncidentAction: vi.fn(),
}))

const now = new Date('2026-03-10T12:00:00Z')
const iso = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString()

const card = (over: Partial<BoardCard>): BoardCard => ({
  id: `id-${over.number ?? 1}`,
  number: 1,
  title: 'Triage model latency',
  severity: 'critical',
  status: 'triggered',
  service: { key: 'triage-api', name: 'Triage API' },
  workflows: ['emergency_triage', 'diagnosis'],
  assignee: null,
  alertCount: 3,
  openAlertCount: 2,
  triggeredAt: iso(10),
  acknowledgedAt: null,
  resolvedAt: null,
  updatedAt: iso(1),
  muted: false,
  inMaintenance: false,
  ...over,
})

function boardOf(cards: BoardCard[], more: { totals?: BoardData['totals']; nextCursors?: Partial<BoardData['nextCursors']> } = {}): BoardData {
  const stats = { d7: responseStats([], now, 7), d30: responseStats([], now, 30) }
  const open = cards.filter((c) => c.status !== 'resolved')
  const columns = groupIntoColumns(cards, new Date(now.getTime() - 86_400_000))
  const nextCursors = { triggered: null, acknowledged: null, investigating: null, resolved: null, ...more.nextCursors }
  return {
    generatedAt: now.toISOString(),
    filters: { severity: [] },
    columns,
    totals: more.totals ?? { triggered: columns.triggered.length, acknowledged: columns.acknowledged.length, investigating: columns.investigating.length, resolved: columns.resolved.length },
    nextCursors,
    counts: { critical: open.filter((c) => c.severity === 'critical').length, high: 0, medium: 0, low: 0, info: 0 },
    openCount: open.length,
    stats,
    truncated: Object.values(nextCursors).some((c) => c !== null),
  }
}

const render = (data: BoardData, canAck: boolean) =>
  renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <IncidentBoard initial={data} canAck={canAck} />
    </QueryClientProvider>,
  )
const text = (html: string) => html.replace(/<[^>]+>/g, '')

describe('IncidentBoard', () => {
  const cards = [
    card({ number: 1 }),
    card({ number: 2, status: 'acknowledged', severity: 'medium', assignee: { id: 'u1', name: 'Priya Shah' }, muted: true }),
    card({ number: 3, status: 'resolved', resolvedAt: iso(30) }),
  ]

  it('shows four named columns with their cards, and the moves each card allows', () => {
    const html = render(boardOf(cards), true)
    for (const column of ['Triggered', 'Acknowledged', 'Investigating', 'Resolved']) expect(text(html)).toContain(column)
    expect(text(html)).toContain('Acknowledge INC-1')
    expect(text(html)).toContain('Investigate INC-1')
    expect(text(html)).toContain('Resolve INC-1')
    expect(text(html)).not.toContain('Acknowledge INC-2')
    expect(text(html)).toContain('Resolve INC-2')
    expect(text(html)).not.toContain('Resolve INC-3')
    expect(html).toContain('aria-label="Move INC-1"')
    expect(text(html)).toContain('Muted (maintenance)')
    expect(text(html)).toContain('Priya Shah')
    expect(text(html)).toContain('Emergency triage')
    expect(text(html)).toContain('3 (2 firing)')
    expect(html).toContain('href="/incidents/id-1"')
  })

  it('offers no moves and no drag handles without incident:ack', () => {
    const html = render(boardOf(cards), false)
    expect(text(html)).not.toMatch(/Acknowledge INC|Resolve INC|Investigate INC/)
    expect(html).not.toContain('Move INC-')
    expect(text(html)).toContain('INC-1')
  })

  it('counts every matching card in the heading and offers the next page only where there is one', () => {
    const html = render(boardOf(cards, { totals: { triggered: 312, acknowledged: 1, investigating: 0, resolved: 1 }, nextCursors: { triggered: 'abc' } }), true)
    // The four columns, in board order (each a <section> named by its heading).
    const [triggered, acknowledged, investigating, resolved] = html.split('<section aria-labelledby').slice(1).map((part) => text(`<section${part}`))
    expect(triggered).toMatch(/^Triggered312 incidents/)
    expect(triggered).toContain('1 of 312 shown')
    expect(triggered).toContain('Show 25 more triggered incidents')
    expect(acknowledged).toMatch(/^Acknowledged1 incident/)
    for (const column of [acknowledged, investigating, resolved]) expect(column).not.toMatch(/shown|Show \d+ more/)
    expect(html.match(/Show \d+ more/g)).toHaveLength(1)
  })

  it('says all quiet with no open incidents, and n/a for response times without data', () => {
    const html = render(boardOf([]), true)
    expect(text(html)).toContain('No open incidents — all quiet')
    expect(text(html)).toContain('MTTA · 7 days')
    expect(text(html).match(/n\/a/g)).toHaveLength(4)
    expect(text(html)).toContain('0 open')
  })
})

describe('IncidentTimeline', () => {
  it('merges events, related changes and queued notices, oldest first', () => {
    const html = renderToStaticMarkup(
      <IncidentTimeline
        events={[
          { id: '2', at: new Date(iso(5)), type: 'status', actor: 'ops@x', data: { from: 'triggered', to: 'acknowledged' } },
          { id: '1', at: new Date(iso(10)), type: 'alert', actor: 'key:am', data: { source: 'api', message: 'Slow', opened: true } },
        ]}
        changes={[{ id: '9', at: new Date(iso(60)), actor: 'pm@x', action: 'flag.update', targetType: 'flag', targetId: 'f', summary: null }]}
        queued={[{ id: 'q', at: new Date(iso(4)), channel: 'Ops Slack', kind: 'acknowledge', attempts: 1, nextAttemptAt: new Date(iso(0)) }]}
      />,
    )
    const t = text(html)
    const order = ['Related change: Flag changed', 'Alert opened the incident', 'Moved from Triggered to Acknowledged', 'Acknowledge notice to Ops Slack: waiting to be sent']
    const positions = order.map((s) => t.indexOf(s))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(t).toContain('1 failed attempt so far')
  })

  it('says so when nothing is recorded', () => {
    expect(text(renderToStaticMarkup(<IncidentTimeline events={[]} changes={[]} queued={[]} />))).toContain('Nothing has been recorded')
  })
})

describe('WhatChanged', () => {
  it('has an honest empty state naming the service', () => {
    const html = text(renderToStaticMarkup(<WhatChanged service={{ name: 'Triage API' }} changes={[]} />))
    expect(html).toContain('No changes recorded to Triage API in the 2 hours before')
    // Flags are live: the panel says which flag changes it shows, not that flags may exist one day.
    expect(html).toContain('and to the feature flags that guard its service levels')
    expect(html).not.toContain('once they exist')
  })
})

describe('AlertsTable', () => {
  it('lists alert groups with status in words and a count', () => {
    const html = renderToStaticMarkup(
      <AlertsTable
        total={5}
        alerts={[
          { source: 'alertmanager', system: 'prom', severity: 'high', status: 'firing', message: 'Down', fingerprint: 'f', count: 4, firstSeen: new Date(iso(20)), lastSeen: new Date(iso(1)) },
          { source: 'api', system: 'sla', severity: 'medium', status: 'resolved', message: 'Slow', fingerprint: null, count: 1, firstSeen: new Date(iso(30)), lastSeen: new Date(iso(30)) },
        ]}
      />,
    )
    expect(html).toContain('<caption')
    expect(text(html)).toContain('Firing')
    expect(text(html)).toContain('Resolved')
    expect(text(html)).toContain('Down')
  })
})
