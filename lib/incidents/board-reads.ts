/**
 * Reads of the incident board: the first page of each column with counts of everything that matches the
 * filters (one grouped count), and a column's next page from a cursor (board-cursor.ts). Every column is
 * read in its display order, so a page is an index range (Incident's board indexes) and never a sort of
 * every incident. Callers have checked incident:read.
 */
import 'server-only'
import { SEVERITIES, type IncidentStatus, type Severity } from '@/lib/severity'
import { db, type Prisma } from '../db'
import { boardWindow, BOARD_COLUMNS, responseStats, type BoardCard, type BoardData, type BoardFilters, type SeverityCounts } from './board'
import { FIRST_PAGE_SIZE, splitPage, type ColumnCursor, type ColumnPage } from './board-cursor'

const DAY = 24 * 60 * 60_000

/** Incident filters shared by the board and its response-time figures (time range aside). */
function filterWhere(f: BoardFilters): Prisma.IncidentWhereInput {
  return {
    ...(f.severity.length ? { severity: { in: f.severity } } : {}),
    ...(f.service ? { service: { key: f.service } } : {}),
    ...(f.assignee ? { assigneeId: f.assignee === 'unassigned' ? null : f.assignee } : {}),
  }
}

interface Window {
  openedSince: Date | null
  resolvedSince: Date
}

/** One column's incidents: open ones opened within the range, resolved ones resolved within it. */
function columnWhere(status: IncidentStatus, w: Window): Prisma.IncidentWhereInput {
  if (status === 'resolved') return { status, resolvedAt: { gte: w.resolvedSince } }
  return { status, ...(w.openedSince ? { triggeredAt: { gte: w.openedSince } } : {}) }
}

/** The column's order, as compareCards (board.ts) sorts it; `number` is unique, so no two cards tie. */
function columnOrder(status: IncidentStatus): Prisma.IncidentOrderByWithRelationInput[] {
  return status === 'resolved'
    ? [{ resolvedAt: 'desc' }, { number: 'desc' }]
    : [{ severity: 'asc' }, { triggeredAt: 'desc' }, { number: 'desc' }]
}

/** The cards after the cursor, in the column's order (the database's enum order is the severity scale's). */
export function afterCursorWhere(c: ColumnCursor): Prisma.IncidentWhereInput {
  if (c.status === 'resolved') {
    return { OR: [{ resolvedAt: { lt: c.at } }, { resolvedAt: c.at, number: { lt: c.number } }] }
  }
  const lessSevere: Severity[] = SEVERITIES.slice(SEVERITIES.indexOf(c.severity) + 1)
  return {
    OR: [
      ...(lessSevere.length ? [{ severity: { in: lessSevere } }] : []),
      { severity: c.severity, triggeredAt: { lt: c.at } },
      { severity: c.severity, triggeredAt: c.at, number: { lt: c.number } },
    ],
  }
}

const CARD_SELECT = {
  id: true,
  number: true,
  title: true,
  severity: true,
  status: true,
  workflows: true,
  assigneeId: true,
  alertCount: true,
  openAlertCount: true,
  triggeredAt: true,
  acknowledgedAt: true,
  resolvedAt: true,
  updatedAt: true,
  muted: true,
  serviceId: true,
  service: { select: { key: true, name: true } },
} satisfies Prisma.IncidentSelect

type CardRow = Prisma.IncidentGetPayload<{ select: typeof CARD_SELECT }>

/** Names of these users (assignees, postmortem owners), by id. */
export async function userNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => Boolean(i)))]
  if (unique.length === 0) return new Map()
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } })
  return new Map(rows.map((u) => [u.id, u.name]))
}

/** Services in a maintenance window at `now`, among these. */
async function servicesInMaintenance(serviceIds: (string | null)[], now: Date): Promise<Set<string>> {
  const unique = [...new Set(serviceIds.filter((i): i is string => Boolean(i)))]
  if (unique.length === 0) return new Set()
  const rows = await db.maintenanceWindow.findMany({
    where: { serviceId: { in: unique }, startsAt: { lte: now }, endsAt: { gt: now } },
    select: { serviceId: true },
  })
  return new Set(rows.map((r) => r.serviceId))
}

/** Rows as cards: assignee names and maintenance windows read once for all of them. */
async function toCards(rows: CardRow[], now: Date): Promise<BoardCard[]> {
  const [names, maintenance] = await Promise.all([
    userNames(rows.map((r) => r.assigneeId)),
    servicesInMaintenance(rows.map((r) => r.serviceId), now),
  ])
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    severity: r.severity,
    status: r.status,
    service: r.service,
    workflows: r.workflows,
    assignee: r.assigneeId ? { id: r.assigneeId, name: names.get(r.assigneeId) ?? 'Unknown user' } : null,
    alertCount: r.alertCount,
    openAlertCount: r.openAlertCount,
    triggeredAt: r.triggeredAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    muted: r.muted,
    inMaintenance: r.serviceId ? maintenance.has(r.serviceId) : false,
  }))
}

/** Up to `limit` rows of a column after the cursor, plus one that says whether there is more. */
function readColumn(filters: BoardFilters, status: IncidentStatus, w: Window, cursor: ColumnCursor | null, limit: number): Promise<CardRow[]> {
  return db.incident.findMany({
    where: { AND: [filterWhere(filters), columnWhere(status, w), ...(cursor ? [afterCursorWhere(cursor)] : [])] },
    select: CARD_SELECT,
    orderBy: columnOrder(status),
    take: limit + 1,
  })
}

/** Cards per column and open incidents per severity, of everything the filters match. */
async function countBoard(filters: BoardFilters, w: Window) {
  const groups = await db.incident.groupBy({
    by: ['status', 'severity'],
    where: { AND: [filterWhere(filters), { OR: BOARD_COLUMNS.map((s) => columnWhere(s, w)) }] },
    _count: { _all: true },
  })
  const totals: Record<IncidentStatus, number> = { triggered: 0, acknowledged: 0, investigating: 0, resolved: 0 }
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
  for (const g of groups) {
    totals[g.status] += g._count._all
    if (g.status !== 'resolved') counts[g.severity] += g._count._all
  }
  return { totals, counts }
}

/**
 * The board for these filters at `now`: the first `firstPage` cards of each column with the cursor of the
 * next, counts per column and per open severity from the database, MTTA/MTTR over 7 and 30 days.
 */
export async function getBoard(filters: BoardFilters, now = new Date(), firstPage = FIRST_PAGE_SIZE): Promise<BoardData> {
  const w = boardWindow(filters, now)
  const [pages, { totals, counts }, timings] = await Promise.all([
    Promise.all(BOARD_COLUMNS.map((s) => readColumn(filters, s, w, null, firstPage).then((rows) => splitPage(rows, firstPage)))),
    countBoard(filters, w),
    db.incident.findMany({
      where: { ...filterWhere(filters), triggeredAt: { gt: new Date(now.getTime() - 30 * DAY), lte: now } },
      select: { triggeredAt: true, acknowledgedAt: true, resolvedAt: true },
    }),
  ])
  const cards = await toCards(pages.flatMap((p) => p.cards), now)
  const byId = new Map(cards.map((c) => [c.id, c]))
  const columnOf = (i: number) => pages[i]!.cards.map((r) => byId.get(r.id)!)
  const nextCursors = { triggered: pages[0]!.nextCursor, acknowledged: pages[1]!.nextCursor, investigating: pages[2]!.nextCursor, resolved: pages[3]!.nextCursor }
  return {
    generatedAt: now.toISOString(),
    filters,
    columns: { triggered: columnOf(0), acknowledged: columnOf(1), investigating: columnOf(2), resolved: columnOf(3) },
    totals,
    nextCursors,
    counts,
    openCount: Object.values(counts).reduce((a, b) => a + b, 0),
    stats: { d7: responseStats(timings, now, 7), d30: responseStats(timings, now, 30) },
    truncated: Object.values(nextCursors).some((c) => c !== null),
  }
}

/** The next `limit` cards of one column after `cursor` (null: from the top), with the column's count. */
export async function getColumnPage(
  filters: BoardFilters,
  status: IncidentStatus,
  cursor: ColumnCursor | null,
  limit: number,
  now = new Date(),
): Promise<ColumnPage> {
  const w = boardWindow(filters, now)
  const [rows, total] = await Promise.all([
    readColumn(filters, status, w, cursor, limit),
    db.incident.count({ where: { AND: [filterWhere(filters), columnWhere(status, w)] } }),
  ])
  const page = splitPage(rows, limit)
  return { status, cards: await toCards(page.cards, now), nextCursor: page.nextCursor, total, generatedAt: now.toISOString() }
}
