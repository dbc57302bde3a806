/**
 * The board a page at a time, against a real database (tests share it: each filters by a service of its own).
 * The oracle is compareCards (board.ts), the order the board shows; paging through a column must give
 * exactly that order, ties in time included, without repeats or gaps.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { type IncidentStatus, type Severity } from '@/lib/severity'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import type { SessionUser } from '@/lib/auth/session'
import { compareCards, type BoardCard, type BoardFilters } from './board'
import { decodeCursor } from './board-cursor'
import { getBoard, getColumnPage } from './board-reads'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const now = new Date()
const ago = (ms: number) => new Date(now.getTime() - ms)

let ops: SessionUser
beforeAll(async () => {
  ops = await createUser('ops', { name: 'Paging Ops' })
})

async function service(): Promise<string> {
  return (await db.service.create({ data: { key: uid('svc'), name: 'Paged svc', workflows: [] } })).key
}

async function incident(serviceKey: string, over: { severity?: Severity; status?: IncidentStatus; triggeredAt?: Date; resolvedAt?: Date; assigneeId?: string }) {
  const svc = await db.service.findUniqueOrThrow({ where: { key: serviceKey } })
  const status = over.status ?? 'triggered'
  return db.incident.create({
    data: {
      title: uid('Paged'),
      severity: over.severity ?? 'high',
      status,
      dedupKey: uid('page'),
      serviceId: svc.id,
      workflows: [],
      triggeredAt: over.triggeredAt ?? ago(HOUR),
      acknowledgedAt: status === 'triggered' ? null : ago(30 * MIN),
      resolvedAt: status === 'resolved' ? (over.resolvedAt ?? ago(10 * MIN)) : null,
      assigneeId: over.assigneeId ?? null,
    },
  })
}

/** Every card of a column, a page of `size` at a time from the top, as the board's "Show more" reads them. */
async function pageThrough(filters: BoardFilters, status: IncidentStatus, size: number) {
  const pages: BoardCard[][] = []
  let cursor: string | null = null
  do {
    const page = await getColumnPage(filters, status, cursor === null ? null : decodeCursor(cursor), size, now)
    pages.push(page.cards)
    cursor = page.nextCursor
    expect(pages.length).toBeLessThan(50)
  } while (cursor !== null)
  return pages
}

describe('getBoard, a page per column', () => {
  it('shows the first page of each column, counts everything that matches from the database, and says where to go on', async () => {
    const key = await service()
    for (let i = 0; i < 5; i++) await incident(key, { severity: i < 2 ? 'critical' : 'medium', triggeredAt: ago((i + 1) * MIN) })
    await incident(key, { status: 'acknowledged' })
    await incident(key, { status: 'resolved' })
    await incident(key, { status: 'resolved', resolvedAt: ago(2 * DAY) }) // outside the 24-hour window

    const board = await getBoard({ severity: [], service: key }, now, 3)
    expect(board.columns.triggered).toHaveLength(3)
    expect(board.columns.triggered.map((c) => c.severity)).toEqual(['critical', 'critical', 'medium'])
    expect(board.totals).toEqual({ triggered: 5, acknowledged: 1, investigating: 0, resolved: 1 })
    expect(board.counts).toEqual({ critical: 2, high: 1, medium: 3, low: 0, info: 0 })
    expect(board.openCount).toBe(6)
    expect(board.nextCursors.acknowledged).toBeNull()
    expect(board.nextCursors.resolved).toBeNull()
    expect(decodeCursor(board.nextCursors.triggered!)).toMatchObject({ status: 'triggered', severity: 'medium', number: board.columns.triggered[2]!.number })
    expect(board.truncated).toBe(true)

    // The next page continues where the board stopped.
    const rest = await getColumnPage({ severity: [], service: key }, 'triggered', decodeCursor(board.nextCursors.triggered!), 10, now)
    expect(rest.cards).toHaveLength(2)
    expect(rest.total).toBe(5)
    expect(rest.nextCursor).toBeNull()
    expect(new Set([...board.columns.triggered, ...rest.cards].map((c) => c.id)).size).toBe(5)
  })
})

describe('getColumnPage', () => {
  it('pages an open column in board order, ties in severity and trigger time broken by number', async () => {
    const key = await service()
    const same = ago(20 * MIN)
    // Four with the very same severity and trigger time, around others of each side of them.
    for (let i = 0; i < 4; i++) await incident(key, { severity: 'high', triggeredAt: same })
    await incident(key, { severity: 'high', triggeredAt: ago(10 * MIN) })
    await incident(key, { severity: 'high', triggeredAt: ago(30 * MIN) })
    await incident(key, { severity: 'critical', triggeredAt: same })
    await incident(key, { severity: 'info', triggeredAt: same })
    await incident(key, { severity: 'low', triggeredAt: ago(DAY) })

    const everything = (await getColumnPage({ severity: [], service: key }, 'triggered', null, 100, now)).cards
    expect(everything).toHaveLength(9)
    const expected = [...everything].sort(compareCards).map((c) => c.number)
    expect(everything.map((c) => c.number)).toEqual(expected)

    for (const size of [1, 2, 3, 4]) {
      const pages = await pageThrough({ severity: [], service: key }, 'triggered', size)
      expect(pages.flat().map((c) => c.number), `pages of ${size}`).toEqual(expected)
      expect(pages.slice(0, -1).every((p) => p.length === size)).toBe(true)
    }
  })

  it('pages the resolved column by resolution time, ties broken by number', async () => {
    const key = await service()
    const same = ago(40 * MIN)
    for (let i = 0; i < 3; i++) await incident(key, { status: 'resolved', resolvedAt: same })
    await incident(key, { status: 'resolved', resolvedAt: ago(5 * MIN) })
    await incident(key, { status: 'resolved', resolvedAt: ago(3 * HOUR) })

    const pages = await pageThrough({ severity: [], service: key }, 'resolved', 2)
    const numbers = pages.flat().map((c) => c.number)
    expect(numbers).toHaveLength(5)
    expect(numbers).toEqual([...pages.flat()].sort(compareCards).map((c) => c.number))
    const tied = pages.flat().filter((c) => c.resolvedAt === same.toISOString()).map((c) => c.number)
    expect(tied).toEqual([...tied].sort((a, b) => b - a))
  })

  it('neither repeats nor skips when incidents open and move between two pages (a cursor is a position, not an offset)', async () => {
    const key = await service()
    const made = []
    for (let i = 0; i < 6; i++) made.push(await incident(key, { severity: 'medium', triggeredAt: ago((i + 1) * MIN) }))
    const f = { severity: [], service: key }
    const first = await getColumnPage(f, 'triggered', null, 3, now)
    expect(first.cards.map((c) => c.id)).toEqual(made.slice(0, 3).map((m) => m.id))

    // Meanwhile: a critical one opens (it sorts above the cursor) and the fifth is acknowledged.
    await incident(key, { severity: 'critical' })
    await db.incident.update({ where: { id: made[4]!.id }, data: { status: 'acknowledged', acknowledgedAt: now } })

    const second = await getColumnPage(f, 'triggered', decodeCursor(first.nextCursor!), 3, now)
    expect(second.cards.map((c) => c.id)).toEqual([made[3]!.id, made[5]!.id])
    expect(second.total).toBe(6)
    expect(second.nextCursor).toBeNull()
  })

  it('applies the filters to the page and to its count', async () => {
    const key = await service()
    await incident(key, { severity: 'critical', assigneeId: ops.id, triggeredAt: ago(30 * MIN) })
    await incident(key, { severity: 'critical', triggeredAt: ago(2 * DAY) })
    await incident(key, { severity: 'low', assigneeId: ops.id, triggeredAt: ago(40 * MIN) })
    await incident(key, { severity: 'low', assigneeId: ops.id, triggeredAt: ago(50 * MIN) })

    const page = async (f: Omit<BoardFilters, 'service'>, limit = 1) => getColumnPage({ ...f, service: key }, 'triggered', null, limit, now)
    expect((await page({ severity: [] })).total).toBe(4)
    const critical = await page({ severity: ['critical'] })
    expect([critical.total, critical.cards[0]!.severity, critical.nextCursor !== null]).toEqual([2, 'critical', true])
    const mine = await page({ severity: [], assignee: ops.id }, 5)
    expect([mine.total, mine.cards.length, mine.cards.every((c) => c.assignee?.name === 'Paging Ops')]).toEqual([3, 3, true])
    expect((await page({ severity: [], assignee: 'unassigned' })).total).toBe(1)
    expect((await page({ severity: ['low'], range: '1h' }, 5)).cards).toHaveLength(2)
    expect((await page({ severity: [], range: '24h' })).total).toBe(3)
    // The board's counts are the same filtered counts.
    const board = await getBoard({ severity: ['low'], service: key }, now, 1)
    expect([board.totals.triggered, board.counts.low, board.counts.critical, board.openCount]).toEqual([2, 2, 0, 2])
  })
})
