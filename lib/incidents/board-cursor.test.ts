import { describe, expect, it } from 'vitest'
import { responseStats, type BoardCard, type BoardData } from './board'
import {
  appendColumnPage,
  ColumnPageQuery,
  cursorAfter,
  decodeCursor,
  encodeCursor,
  filtersOf,
  MORE_PAGE_SIZE,
  nextPageSize,
  queryObject,
  splitPage,
} from './board-cursor'

const AT = new Date('2026-03-10T12:00:00.000Z') // 1773144000000 ms
const UUID = '3f1b6d7e-8a2c-4c1d-9e5f-0a1b2c3d4e5f'

function card(number: number, over: Partial<BoardCard> = {}): BoardCard {
  return {
    id: `id-${number}`,
    number,
    title: `Incident ${number}`,
    severity: 'high',
    status: 'triggered',
    service: null,
    workflows: [],
    assignee: null,
    alertCount: 1,
    openAlertCount: 1,
    triggeredAt: AT.toISOString(),
    acknowledgedAt: null,
    resolvedAt: null,
    updatedAt: AT.toISOString(),
    muted: false,
    inMaintenance: false,
    ...over,
  }
}

describe('encodeCursor / decodeCursor', () => {
  it('worked example: an open column keys on severity, trigger time and number', () => {
    const cursor = encodeCursor({ status: 'triggered', severity: 'high', at: AT, number: 42 })
    // base64url of {"s":"triggered","v":"high","t":1773144000000,"n":42}: URL-safe, no padding.
    expect(cursor).toBe('eyJzIjoidHJpZ2dlcmVkIiwidiI6ImhpZ2giLCJ0IjoxNzczMTQ0MDAwMDAwLCJuIjo0Mn0')
    expect(decodeCursor(cursor)).toEqual({ status: 'triggered', severity: 'high', at: AT, number: 42 })
  })

  it('worked example: the resolved column keys on resolution time and number', () => {
    const cursor = encodeCursor({ status: 'resolved', at: AT, number: 7 })
    expect(cursor).toBe('eyJzIjoicmVzb2x2ZWQiLCJ0IjoxNzczMTQ0MDAwMDAwLCJuIjo3fQ')
    expect(decodeCursor(cursor)).toEqual({ status: 'resolved', at: AT, number: 7 })
  })

  it('keeps milliseconds (the database stores them) and every status', () => {
    const at = new Date('2026-03-10T12:00:00.123Z')
    for (const status of ['triggered', 'acknowledged', 'investigating'] as const) {
      expect(decodeCursor(encodeCursor({ status, severity: 'info', at, number: 1 }))).toEqual({ status, severity: 'info', at, number: 1 })
    }
  })

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/=='],
    ['not JSON', 'bm90IGpzb24'],
    ['a resolved cursor with a severity', 'eyJzIjoicmVzb2x2ZWQiLCJ2IjoiaGlnaCIsInQiOjE3NzMxNDQwMDAwMDAsIm4iOjd9'],
    ['an open cursor without one', 'eyJzIjoidHJpZ2dlcmVkIiwidCI6MTc3MzE0NDAwMDAwMCwibiI6N30'],
    ['a negative number', 'eyJzIjoidHJpZ2dlcmVkIiwidiI6ImhpZ2giLCJ0IjoxNzczMTQ0MDAwMDAwLCJuIjotMX0'],
    ['an unknown status', btoa('{"s":"snoozed","v":"high","t":1,"n":1}').replace(/=+$/, '')],
    ['far too long', 'A'.repeat(201)],
  ])('refuses %s', (_name, raw) => {
    expect(decodeCursor(raw)).toBeNull()
  })
})

describe('cursorAfter and splitPage', () => {
  it('points after the card: its own keys, by column', () => {
    expect(decodeCursor(cursorAfter(card(5, { severity: 'critical' })))).toEqual({ status: 'triggered', severity: 'critical', at: AT, number: 5 })
    const resolvedAt = '2026-03-10T13:30:00.000Z'
    expect(decodeCursor(cursorAfter(card(6, { status: 'resolved', resolvedAt })))).toEqual({ status: 'resolved', at: new Date(resolvedAt), number: 6 })
    // Rows straight from the database carry Dates.
    expect(decodeCursor(cursorAfter({ status: 'acknowledged', severity: 'low', triggeredAt: AT, resolvedAt: null, number: 9 }))).toEqual({
      status: 'acknowledged',
      severity: 'low',
      at: AT,
      number: 9,
    })
  })

  it('worked example: three rows read for a page of two → two cards and a cursor after the second', () => {
    const rows = [card(30), card(20), card(10)]
    const page = splitPage(rows, 2)
    expect(page.cards.map((c) => c.number)).toEqual([30, 20])
    expect(decodeCursor(page.nextCursor!)).toMatchObject({ number: 20 })
  })

  it('no cursor when the extra row is missing: the column ends here', () => {
    expect(splitPage([card(30), card(20)], 2)).toEqual({ cards: [card(30), card(20)], nextCursor: null })
    expect(splitPage([], 2)).toEqual({ cards: [], nextCursor: null })
  })
})

function board(columns: Partial<BoardData['columns']>): BoardData {
  const now = AT
  return {
    generatedAt: now.toISOString(),
    filters: { severity: [] },
    columns: { triggered: [], acknowledged: [], investigating: [], resolved: [], ...columns },
    totals: { triggered: 40, acknowledged: 0, investigating: 0, resolved: 0 },
    nextCursors: { triggered: 'first', acknowledged: null, investigating: null, resolved: null },
    counts: { critical: 0, high: 40, medium: 0, low: 0, info: 0 },
    openCount: 40,
    stats: { d7: responseStats([], now, 7), d30: responseStats([], now, 30) },
    truncated: true,
  }
}

describe('appendColumnPage', () => {
  it('adds the page under the cards shown, with its count and cursor', () => {
    const b = board({ triggered: [card(40), card(39)] })
    const next = appendColumnPage(b, { status: 'triggered', cards: [card(38), card(37)], nextCursor: 'second', total: 41 })
    expect(next.columns.triggered.map((c) => c.number)).toEqual([40, 39, 38, 37])
    expect(next.totals.triggered).toBe(41)
    expect(next.nextCursors.triggered).toBe('second')
    expect(next.truncated).toBe(true)
    // The snapshot it came from is untouched (the query cache's previous value).
    expect(b.columns.triggered).toHaveLength(2)
  })

  it('does not repeat a card already shown (moved into the column meanwhile), and the last page ends the column', () => {
    const b = board({ triggered: [card(40), card(12)] })
    const next = appendColumnPage(b, { status: 'triggered', cards: [card(39), card(12), card(11)], nextCursor: null, total: 4 })
    expect(next.columns.triggered.map((c) => c.number)).toEqual([40, 12, 39, 11])
    expect(next.nextCursors.triggered).toBeNull()
    expect(next.truncated).toBe(false)
  })
})

describe('nextPageSize', () => {
  it.each([
    [10, 312, MORE_PAGE_SIZE],
    [300, 312, 12],
    [312, 312, 0],
    // A count older than the cards (a move just landed): never negative.
    [13, 12, 0],
  ])('%i shown of %i → %i more', (shown, total, more) => {
    expect(nextPageSize(shown, total)).toBe(more)
  })
})

describe('ColumnPageQuery', () => {
  const parse = (query: string) => ColumnPageQuery.safeParse(queryObject(new URLSearchParams(query)))

  it('reads a page request with its filters; blanks are absent, limit defaults to a "Show more"', () => {
    const r = parse(`status=acknowledged&cursor=abc&severity=low,CRITICAL&severity=high&service=Triage-API&assignee=${UUID}&range=7d&limit=`)
    expect(r.success && r.data).toEqual({
      status: 'acknowledged',
      cursor: 'abc',
      limit: MORE_PAGE_SIZE,
      severity: ['critical', 'high', 'low'],
      service: 'triage-api',
      assignee: UUID,
      range: '7d',
    })
    expect(r.success && filtersOf(r.data)).toEqual({ severity: ['critical', 'high', 'low'], service: 'triage-api', assignee: UUID, range: '7d' })
    const bare = parse('status=resolved&limit=100&service=&_=123')
    expect(bare.success && bare.data).toEqual({ status: 'resolved', limit: 100, severity: [] })
    expect(bare.success && filtersOf(bare.data)).toEqual({ severity: [] })
  })

  it.each([
    ['no status', 'cursor=abc', 'status'],
    ['an unknown status', 'status=snoozed', 'status'],
    ['two statuses', 'status=triggered&status=resolved', 'status'],
    ['limit 0', 'status=triggered&limit=0', 'limit'],
    ['limit over 100', 'status=triggered&limit=101', 'limit'],
    ['limit not a number', 'status=triggered&limit=ten', 'limit'],
    ['limit not whole', 'status=triggered&limit=2.5', 'limit'],
    ['an unknown severity', 'status=triggered&severity=sev1', 'severity'],
    ['a service that is not a key', 'status=triggered&service=../etc', 'service'],
    ['an assignee that is not an id', 'status=triggered&assignee=bob', 'assignee'],
    ['an unknown range', 'status=triggered&range=2w', 'range'],
  ])('refuses %s, naming the field', (_name, query, field) => {
    const r = parse(query)
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field)
  })
})
