/**
 * The board's columns, one page at a time: page sizes, the keyset cursor (where the last card shown sits
 * in its column's order), the query of GET /api/incidents/column, and how a fetched page joins the board.
 * Pure and client-safe; board-reads.ts runs the queries.
 *
 * A cursor is the sort key of the last card shown, not an offset: cards opened, moved or resolved while a
 * responder reads neither repeat nor skip one on the next page. Open columns sort by severity, then newest
 * trigger, then number (unique, so ties are broken); resolved by newest resolution, then number.
 */
import { z } from 'zod'
import { SEVERITIES, type IncidentStatus, type Severity } from '@/lib/severity'
import { AssigneeParam, BOARD_COLUMNS, ServiceParam, TIME_RANGES, type BoardCard, type BoardData, type BoardFilters } from './board'
import { IncidentStatusSchema, SeveritySchema } from './schema'

/** Cards per column in the first render: the page's HTML stays small however many incidents match. */
export const FIRST_PAGE_SIZE = 10
/** Cards one "Show more" adds (JSON, rendered in the browser, so it may be larger than the first page). */
export const MORE_PAGE_SIZE = 25
/** The most cards one request to GET /api/incidents/column may ask for. */
export const MAX_PAGE_SIZE = 100

/** Where a column's next page starts: after this card in the column's order. */
export type ColumnCursor =
  | { status: Exclude<IncidentStatus, 'resolved'>; severity: Severity; at: Date; number: number }
  | { status: 'resolved'; at: Date; number: number }

/** One page of one column. `total` counts every card of the column that matches the filters. */
export interface ColumnPage {
  status: IncidentStatus
  cards: BoardCard[]
  nextCursor: string | null
  total: number
  generatedAt: string
}

const WireCursor = z.object({
  s: IncidentStatusSchema,
  v: SeveritySchema.optional(),
  t: z.number().int().nonnegative().max(8.64e15),
  n: z.number().int().positive().max(2 ** 31 - 1),
})

const toBase64Url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const fromBase64Url = (s: string) => atob(s.replace(/-/g, '+').replace(/_/g, '/'))

/** An opaque, URL-safe cursor (base64url of a small JSON object). */
export function encodeCursor(c: ColumnCursor): string {
  return toBase64Url(JSON.stringify({ s: c.status, ...(c.status === 'resolved' ? {} : { v: c.severity }), t: c.at.getTime(), n: c.number }))
}

/** The cursor back, or null when it is not one encodeCursor made (garbled, edited, or from another version). */
export function decodeCursor(raw: string): ColumnCursor | null {
  if (raw.length === 0 || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(fromBase64Url(raw))
  } catch {
    return null
  }
  const r = WireCursor.safeParse(parsed)
  if (!r.success) return null
  const { s, v, t, n } = r.data
  if (s === 'resolved') return v === undefined ? { status: s, at: new Date(t), number: n } : null
  return v === undefined ? null : { status: s, severity: v, at: new Date(t), number: n }
}

/** What a cursor is made of: a card, or the row it is read from (dates as Date or ISO string). */
export interface CursorSource {
  status: IncidentStatus
  severity: Severity
  triggeredAt: string | Date
  resolvedAt: string | Date | null
  number: number
}

/** The cursor that continues after this card. */
export function cursorAfter(card: CursorSource): string {
  if (card.status === 'resolved') return encodeCursor({ status: 'resolved', at: new Date(card.resolvedAt ?? 0), number: card.number })
  return encodeCursor({ status: card.status, severity: card.severity, at: new Date(card.triggeredAt), number: card.number })
}

/**
 * A page out of rows read with `take: limit + 1`: the extra row only says whether there is more, and the
 * next cursor points after the last card kept.
 */
export function splitPage<T extends CursorSource>(rows: readonly T[], limit: number): { cards: T[]; nextCursor: string | null } {
  const cards = rows.slice(0, limit)
  const last = cards.at(-1)
  return { cards, nextCursor: rows.length > limit && last ? cursorAfter(last) : null }
}

/**
 * A fetched page joined to its column: cards already shown are not repeated (a card moved into the column
 * while it was being read), the column's count and cursor are the page's.
 */
export function appendColumnPage(board: BoardData, page: Pick<ColumnPage, 'status' | 'cards' | 'nextCursor' | 'total'>): BoardData {
  const shown = new Set(board.columns[page.status].map((c) => c.id))
  const columns = { ...board.columns, [page.status]: [...board.columns[page.status], ...page.cards.filter((c) => !shown.has(c.id))] }
  const nextCursors = { ...board.nextCursors, [page.status]: page.nextCursor }
  return {
    ...board,
    columns,
    totals: { ...board.totals, [page.status]: page.total },
    nextCursors,
    truncated: BOARD_COLUMNS.some((s) => nextCursors[s] !== null),
  }
}

/** How many cards the next "Show more" of a column adds. */
export const nextPageSize = (shown: number, total: number): number => Math.max(0, Math.min(MORE_PAGE_SIZE, total - shown))

// ---------------------------------------------------------------------------------------------------------
// GET /api/incidents/column: strict, unlike the board page (a machine asking for a page gets told what is wrong)

const severityList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).map((x) => x.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(SeveritySchema))
  .transform((list) => SEVERITIES.filter((s) => list.includes(s)))

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

export const ColumnPageQuery = z.object({
  status: IncidentStatusSchema,
  cursor: optional(z.string().max(200)),
  limit: optional(z.coerce.number().int('A whole number').min(1).max(MAX_PAGE_SIZE)).transform((v) => v ?? MORE_PAGE_SIZE),
  severity: optional(severityList).transform((v) => v ?? []),
  service: optional(ServiceParam),
  assignee: optional(AssigneeParam),
  range: optional(z.enum(TIME_RANGES, `Use one of ${TIME_RANGES.join(', ')}`)),
})
export type ColumnPageQuery = z.infer<typeof ColumnPageQuery>

/** URL search params as the object ColumnPageQuery reads (repeated keys become lists). */
export function queryObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key)
    out[key] = all.length === 1 ? all[0]! : all
  }
  return out
}

/** The filters part of a parsed query. */
export function filtersOf(q: ColumnPageQuery): BoardFilters {
  return {
    severity: q.severity,
    ...(q.service ? { service: q.service } : {}),
    ...(q.assignee ? { assignee: q.assignee } : {}),
    ...(q.range ? { range: q.range } : {}),
  }
}
