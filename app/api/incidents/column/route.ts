/**
 * One page of one board column: `GET /api/incidents/column?status=triggered&cursor=…&limit=25` plus the
 * board's filters (severity, service, assignee, range). The board's "Show more" and machines (API key scope
 * read) page through a column with the `nextCursor` of the board (GET /api/incidents) or of the previous
 * page; no cursor starts at the top. Answers `{ status, cards, nextCursor, total, generatedAt }`, `total`
 * counting the column's cards that match the filters. Unlike the board, a malformed parameter or cursor is
 * refused: 400 with the fields named.
 */
import { defineRoute, json } from '@/lib/http/route'
import { badRequest, type FieldErrors } from '@/lib/errors'
import { ColumnPageQuery, decodeCursor, filtersOf, queryObject } from '@/lib/incidents/board-cursor'
import { getColumnPage } from '@/lib/incidents/board-reads'

export const GET = defineRoute(
  { route: '/api/incidents/column', access: { kind: 'session-or-apikey', permission: 'incident:read', scope: 'read' } },
  async ({ req }) => {
    const parsed = ColumnPageQuery.safeParse(queryObject(new URL(req.url).searchParams))
    if (!parsed.success) {
      // Named by parameter ("severity", not "severity.1"): that is what the caller wrote.
      const fields: FieldErrors = {}
      for (const issue of parsed.error.issues) (fields[String(issue.path[0] ?? 'query')] ??= []).push(issue.message)
      throw badRequest(`The query is invalid: ${Object.keys(fields).join(', ')}`, fields)
    }
    const q = parsed.data
    const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor)
    if (q.cursor !== undefined && cursor === null) {
      throw badRequest('The cursor is not one this board gave out', { cursor: ['Use the nextCursor of the board or of the previous page'] })
    }
    if (cursor && cursor.status !== q.status) {
      throw badRequest(`The cursor belongs to the ${cursor.status} column, not ${q.status}`, { cursor: [`A cursor of the ${cursor.status} column`] })
    }
    const page = await getColumnPage(filtersOf(q), q.status, cursor, q.limit)
    return json(page, { headers: { 'Cache-Control': 'no-store' } })
  },
)
