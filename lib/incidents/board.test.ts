import { describe, expect, it } from 'vitest'
import {
  boardFilterQuery,
  boardWindow,
  groupIntoColumns,
  hasBoardFilter,
  medianOf,
  moveCard,
  moveOnBoard,
  parseBoardFilters,
  responseStats,
  type BoardCard,
  type BoardData,
  type ResponseTimes,
} from './board'

const NOW = new Date('2026-03-10T12:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const ago = (ms: number) => new Date(NOW.getTime() - ms)
const UUID = '3f1b6d7e-8a2c-4c1d-9e5f-0a1b2c3d4e5f'

let n = 0
function card(over: Partial<BoardCard>): BoardCard {
  n += 1
  return {
    id: `id-${n}`,
    number: n,
    title: `Incident ${n}`,
    severity: 'medium',
    status: 'triggered',
    service: null,
    workflows: [],
    assignee: null,
    alertCount: 1,
    openAlertCount: 1,
    triggeredAt: ago(HOUR).toISOString(),
    acknowledgedAt: null,
    resolvedAt: null,
    updatedAt: ago(HOUR).toISOString(),
    muted: false,
    inMaintenance: false,
    ...over,
  }
}

describe('parseBoardFilters', () => {
  it.each([
    ['nothing', {}, { severity: [] }, []],
    ['one severity', { severity: 'critical' }, { severity: ['critical'] }, []],
    ['repeated and comma-separated severities, in scale order', { severity: ['low', 'critical,HIGH'] }, { severity: ['critical', 'high', 'low'] }, []],
    ['an unknown severity is dropped and named', { severity: ['high', 'sev1'] }, { severity: ['high'] }, ['severity']],
    ['service key, lower-cased', { service: 'Triage-API' }, { severity: [], service: 'triage-api' }, []],
    ['a service that is not a key', { service: '../etc' }, { severity: [] }, ['service']],
    ['assignee: a user id', { assignee: UUID }, { severity: [], assignee: UUID }, []],
    ['assignee: unassigned', { assignee: 'unassigned' }, { severity: [], assignee: 'unassigned' }, []],
    ['assignee: garbage', { assignee: 'bob' }, { severity: [] }, ['assignee']],
    ['range', { range: '7d' }, { severity: [], range: '7d' }, []],
    ['unknown range', { range: '2w' }, { severity: [] }, ['range']],
    ['blank values from an untouched form', { severity: '', service: '', assignee: '', range: '' }, { severity: [] }, []],
  ])('%s', (_name, sp, filters, invalid) => {
    expect(parseBoardFilters(sp)).toEqual({ filters, invalid })
  })

  it('reads URLSearchParams too, and boardFilterQuery is its inverse', () => {
    const query = 'severity=critical&severity=high&service=ai-engine&assignee=unassigned&range=24h'
    const { filters } = parseBoardFilters(new URLSearchParams(query))
    expect(filters).toEqual({ severity: ['critical', 'high'], service: 'ai-engine', assignee: 'unassigned', range: '24h' })
    expect(boardFilterQuery(filters)).toBe(query)
    expect(hasBoardFilter(filters)).toBe(true)
    expect(hasBoardFilter({ severity: [] })).toBe(false)
    expect(boardFilterQuery({ severity: [] })).toBe('')
  })
})

describe('boardWindow', () => {
  it.each([
    ['no range: all open incidents, resolved in the last 24 h', undefined, null, ago(DAY)],
    ['1 h: opened in the last hour, resolved in the last hour', '1h' as const, ago(HOUR), ago(HOUR)],
    ['7 d: opened and resolved in the last 7 days', '7d' as const, ago(7 * DAY), ago(7 * DAY)],
  ])('%s', (_name, range, openedSince, resolvedSince) => {
    expect(boardWindow({ severity: [], range }, NOW)).toEqual({ openedSince, resolvedSince })
  })
})

describe('groupIntoColumns', () => {
  it('puts cards in their status column, most severe then newest first, and keeps resolved ones from the window only', () => {
    const oldLow = card({ severity: 'low', triggeredAt: ago(3 * HOUR).toISOString() })
    const newLow = card({ severity: 'low', triggeredAt: ago(1 * HOUR).toISOString() })
    const crit = card({ severity: 'critical', triggeredAt: ago(5 * HOUR).toISOString() })
    const ack = card({ status: 'acknowledged' })
    const inv = card({ status: 'investigating' })
    const recent = card({ status: 'resolved', resolvedAt: ago(2 * HOUR).toISOString() })
    const latest = card({ status: 'resolved', resolvedAt: ago(MIN).toISOString() })
    const stale = card({ status: 'resolved', resolvedAt: ago(DAY + MIN).toISOString() })

    const cols = groupIntoColumns([oldLow, recent, newLow, stale, ack, crit, inv, latest], ago(DAY))
    expect(cols.triggered.map((c) => c.id)).toEqual([crit.id, newLow.id, oldLow.id])
    expect(cols.acknowledged.map((c) => c.id)).toEqual([ack.id])
    expect(cols.investigating.map((c) => c.id)).toEqual([inv.id])
    expect(cols.resolved.map((c) => c.id)).toEqual([latest.id, recent.id])
  })

  it('gives four empty columns for no incidents', () => {
    expect(groupIntoColumns([], ago(DAY))).toEqual({ triggered: [], acknowledged: [], investigating: [], resolved: [] })
  })
})

describe('moveCard', () => {
  it('moves a card to another column, stamping acknowledgement and resolution like the server', () => {
    const a = card({ severity: 'high' })
    const b = card({ severity: 'critical', status: 'acknowledged', acknowledgedAt: ago(MIN).toISOString() })
    const cols = groupIntoColumns([a, b], ago(DAY))

    const acked = moveCard(cols, a.id, 'acknowledged', NOW)
    expect(acked.triggered).toEqual([])
    expect(acked.acknowledged.map((c) => [c.id, c.status])).toEqual([
      [b.id, 'acknowledged'],
      [a.id, 'acknowledged'],
    ])
    expect(acked.acknowledged[1]!.acknowledgedAt).toBe(NOW.toISOString())
    // The snapshot it came from is untouched (it is the rollback).
    expect(cols.triggered.map((c) => c.id)).toEqual([a.id])

    const resolved = moveCard(acked, b.id, 'resolved', NOW)
    expect(resolved.resolved[0]).toMatchObject({ id: b.id, resolvedAt: NOW.toISOString(), acknowledgedAt: ago(MIN).toISOString() })

    const reopened = moveCard(resolved, b.id, 'triggered', NOW)
    expect(reopened.triggered[0]).toMatchObject({ id: b.id, acknowledgedAt: null, resolvedAt: null })
  })

  it('leaves the board alone for an unknown card', () => {
    const cols = groupIntoColumns([card({})], ago(DAY))
    expect(moveCard(cols, 'nope', 'resolved', NOW)).toBe(cols)
  })
})

describe('moveOnBoard', () => {
  const boardOf = (cards: BoardCard[], totals: BoardData['totals']): BoardData => ({
    generatedAt: NOW.toISOString(),
    filters: { severity: [] },
    columns: groupIntoColumns(cards, ago(DAY)),
    totals,
    nextCursors: { triggered: 'more', acknowledged: null, investigating: null, resolved: null },
    // The database's counts: more than the cards shown.
    counts: { critical: 3, high: 5, medium: 0, low: 0, info: 0 },
    openCount: 8,
    stats: { d7: responseStats([], NOW, 7), d30: responseStats([], NOW, 30) },
    truncated: true,
  })

  it('worked example: moves the card and the counts follow, as the server will count them', () => {
    const a = card({ severity: 'high' })
    const b = card({ severity: 'critical', status: 'acknowledged', acknowledgedAt: ago(MIN).toISOString() })
    const board = boardOf([a, b], { triggered: 6, acknowledged: 2, investigating: 0, resolved: 4 })

    // Triggered 6 → 5, acknowledged 2 → 3; still open: the severity counts stay.
    const acked = moveOnBoard(board, a.id, 'acknowledged', NOW)
    expect(acked.columns.acknowledged.map((c) => c.id)).toEqual([b.id, a.id])
    expect(acked.totals).toEqual({ triggered: 5, acknowledged: 3, investigating: 0, resolved: 4 })
    expect(acked.counts).toEqual(board.counts)
    expect(acked.openCount).toBe(8)
    expect(acked.nextCursors).toBe(board.nextCursors)

    // Resolving closes it: critical 3 → 2, open 8 → 7; reopening opens it again.
    const resolved = moveOnBoard(acked, b.id, 'resolved', NOW)
    expect(resolved.totals).toEqual({ triggered: 5, acknowledged: 2, investigating: 0, resolved: 5 })
    expect(resolved.counts).toMatchObject({ critical: 2, high: 5 })
    expect(resolved.openCount).toBe(7)
    const reopened = moveOnBoard(resolved, b.id, 'triggered', NOW)
    expect(reopened.totals).toEqual({ triggered: 6, acknowledged: 2, investigating: 0, resolved: 4 })
    expect(reopened.counts).toMatchObject({ critical: 3 })
    expect(reopened.openCount).toBe(8)
  })

  it('leaves the board alone for a card not shown, or a move to its own column', () => {
    const a = card({})
    const board = boardOf([a], { triggered: 1, acknowledged: 0, investigating: 0, resolved: 0 })
    expect(moveOnBoard(board, 'nope', 'resolved', NOW)).toBe(board)
    expect(moveOnBoard(board, a.id, 'triggered', NOW)).toBe(board)
  })
})

describe('responseStats', () => {
  const row = (triggeredAgo: number, ackAfter: number | null, resolveAfter: number | null): ResponseTimes => {
    const t = ago(triggeredAgo)
    return {
      triggeredAt: t,
      acknowledgedAt: ackAfter === null ? null : new Date(t.getTime() + ackAfter),
      resolvedAt: resolveAfter === null ? null : new Date(t.getTime() + resolveAfter),
    }
  }

  it('worked example: means over the incidents opened in the window', () => {
    // Opened 1 d ago: acked after 4 min, resolved after 60 min.
    // Opened 2 d ago: acked after 10 min, resolved after 120 min.
    // Opened 3 d ago: never acked (auto-resolved after 30 min).
    // Opened 4 h ago: acked after 1 min, still open.
    // Opened 10 d ago: acked after 30 min, resolved after 300 min (only in the 30-day window).
    const rows = [
      row(DAY, 4 * MIN, 60 * MIN),
      row(2 * DAY, 10 * MIN, 120 * MIN),
      row(3 * DAY, null, 30 * MIN),
      row(4 * HOUR, MIN, null),
      row(10 * DAY, 30 * MIN, 300 * MIN),
    ]
    // 7 d: MTTA = (4 + 10 + 1) / 3 = 5 min, median of 1, 4, 10 = 4 min;
    //      MTTR = (60 + 120 + 30) / 3 = 70 min, median of 30, 60, 120 = 60 min.
    expect(responseStats(rows, NOW, 7)).toEqual({
      days: 7,
      incidents: 4,
      acknowledged: 3,
      resolved: 3,
      mttaMs: 5 * MIN,
      mttrMs: 70 * MIN,
      mttaMedianMs: 4 * MIN,
      mttrMedianMs: 60 * MIN,
    })
    // 30 d: MTTA = (15 + 30) / 4 = 11.25 min, median of 1, 4, 10, 30 = (4 + 10) / 2 = 7 min;
    //       MTTR = (210 + 300) / 4 = 127.5 min, median of 30, 60, 120, 300 = (60 + 120) / 2 = 90 min.
    expect(responseStats(rows, NOW, 30)).toEqual({
      days: 30,
      incidents: 5,
      acknowledged: 4,
      resolved: 4,
      mttaMs: 11.25 * MIN,
      mttrMs: 127.5 * MIN,
      mttaMedianMs: 7 * MIN,
      mttrMedianMs: 90 * MIN,
    })
  })

  it('medians: the middle value, or the mean of the two middle ones', () => {
    expect(medianOf([])).toBeNull()
    expect(medianOf([7])).toBe(7)
    expect(medianOf([30, 1, 4])).toBe(4)
    expect(medianOf([10, 1, 30, 4])).toBe(7)
    // Rounded to the millisecond.
    expect(medianOf([1, 2])).toBe(2)
  })

  it.each([
    ['no incidents at all', [] as ResponseTimes[], { incidents: 0, mttaMs: null, mttrMs: null, mttaMedianMs: null, mttrMedianMs: null }],
    ['only open, unacknowledged incidents', [row(HOUR, null, null)], { incidents: 1, mttaMs: null, mttrMs: null }],
    ['incidents older than the window', [row(8 * DAY, MIN, MIN)], { incidents: 0, mttaMs: null, mttrMs: null }],
    ['an incident exactly on the window edge is outside', [row(7 * DAY, MIN, MIN)], { incidents: 0, mttaMs: null, mttrMs: null }],
    ['a future trigger (skewed clock) is ignored', [row(-MIN, MIN, MIN)], { incidents: 0, mttaMs: null, mttrMs: null }],
    ['an acknowledgement before the trigger counts as zero', [row(HOUR, -5 * MIN, 10 * MIN)], { incidents: 1, mttaMs: 0, mttrMs: 10 * MIN, mttaMedianMs: 0 }],
  ])('%s', (_name, rows, expected) => {
    expect(responseStats(rows, NOW, 7)).toMatchObject(expected)
  })
})
