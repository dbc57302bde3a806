/**
 * `GET /api/roadmap/items/csv?sort=&dir=&stage=` (a session with roadmap:read): the roadmap table as CSV,
 * one row per item with its details, scoring inputs and scores, in the table's order. 422 naming an
 * unknown sort, direction or stage.
 */
import { csvResponse } from '@/lib/csv'
import { parseOrThrow } from '@/lib/errors'
import { defineRoute } from '@/lib/http/route'
import { itemsCsv } from '@/lib/roadmap/csv'
import { tableItems } from '@/lib/roadmap/queries'
import { TableQuery } from '@/lib/roadmap/views'

export const GET = defineRoute({ route: '/api/roadmap/items/csv', access: { kind: 'session', permission: 'roadmap:read' } }, async ({ req }) => {
  const params = new URL(req.url).searchParams
  const query = parseOrThrow(TableQuery, Object.fromEntries([...params.entries()].filter(([k]) => k === 'sort' || k === 'dir' || k === 'stage')))
  const rows = await tableItems(query.sort, query.dir, query.stage)
  return csvResponse(`wardroom-roadmap-${new Date().toISOString().slice(0, 10)}.csv`, itemsCsv(rows))
})
