/**
 * `GET /api/analytics/trends/csv?event=…&event=…&measure=events|users&by=department|role|site|appVersion
 * &range=7|30|90` (a session with analytics:read, or an API key with scope read): the trend of the
 * /analytics/trends page as CSV, one row per UTC day and series. Figures of fewer than
 * ANALYTICS_MIN_GROUP_SIZE people are empty (k-anonymity). 422 naming any value it does not know.
 */
import { csvResponse } from '@/lib/csv'
import { env } from '@/lib/env'
import { defineRoute } from '@/lib/http/route'
import { searchOf, strictly } from '@/lib/analytics/csv-query'
import { trendToCsv } from '@/lib/analytics/trends-csv'
import { getTrend, listTrendEvents } from '@/lib/analytics/trends-query'
import { parseTrendQuery } from '@/lib/analytics/trends-schema'

export const GET = defineRoute(
  { route: '/api/analytics/trends/csv', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const query = strictly(parseTrendQuery(searchOf(req.url), await listTrendEvents()))
    const trend = await getTrend(query, new Date(), env.ANALYTICS_MIN_GROUP_SIZE)
    return csvResponse(`wardroom-trends-${trend.days[0]}-${trend.days.at(-1)}.csv`, trendToCsv(trend))
  },
)
