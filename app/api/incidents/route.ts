/**
 * The incident board as JSON: `GET /api/incidents?severity=critical&service=triage-api&assignee=…&range=24h`.
 * For the board's own refresh (signed-in users with incident:read) and for machines (API key scope read).
 * Malformed filters are ignored and named in `invalidFilters`, as the board page does. Each column holds its
 * first page; `totals` counts its cards and `nextCursors` continues it (GET /api/incidents/column).
 */
import { defineRoute, json } from '@/lib/http/route'
import { parseBoardFilters } from '@/lib/incidents/board'
import { getBoard } from '@/lib/incidents/board-reads'

export const GET = defineRoute(
  { route: '/api/incidents', access: { kind: 'session-or-apikey', permission: 'incident:read', scope: 'read' } },
  async ({ req }) => {
    const { filters, invalid } = parseBoardFilters(new URL(req.url).searchParams)
    const board = await getBoard(filters)
    return json({ ...board, invalidFilters: invalid }, { headers: { 'Cache-Control': 'no-store' } })
  },
)
