/**
 * `GET /api/analytics/adoption/csv?feature=<event>&range=7|30|90` (a session with analytics:read, or an API
 * key with scope read): feature adoption per department as on /analytics/trends, one row per department.
 * Figures of fewer than ANALYTICS_MIN_GROUP_SIZE people are empty (k-anonymity). 422 naming any value it
 * does not know.
 */
import { csvResponse } from '@/lib/csv'
import { env } from '@/lib/env'
import { defineRoute } from '@/lib/http/route'
import { searchOf, strictly } from '@/lib/analytics/csv-query'
import { adoptionToCsv } from '@/lib/analytics/trends-csv'
import { getAdoption, listTrendEvents } from '@/lib/analytics/trends-query'
import { parseTrendQuery } from '@/lib/analytics/trends-schema'

export const GET = defineRoute(
  { route: '/api/analytics/adoption/csv', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const query = strictly(parseTrendQuery(searchOf(req.url), await listTrendEvents()))
    const adoption = await getAdoption(query.feature, query.range, new Date(), env.ANALYTICS_MIN_GROUP_SIZE)
    return csvResponse(`wardroom-adoption-${query.feature}-${adoption.from.slice(0, 10)}-${adoption.to.slice(0, 10)}.csv`, adoptionToCsv(adoption.departments, query.feature))
  },
)
