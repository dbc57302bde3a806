/**
 * `GET /api/analytics/retention/csv?weeks=4|8|12&cohort=first|window&start=<event>&return=<event>` (a
 * session with analytics:read, or an API key with scope read): the weekly retention table of
 * /analytics/retention as CSV, one row per cohort and week reached. Figures of fewer than
 * ANALYTICS_MIN_GROUP_SIZE people are empty (k-anonymity). 422 naming any value it does not know.
 */
import { csvResponse } from '@/lib/csv'
import { env } from '@/lib/env'
import { defineRoute } from '@/lib/http/route'
import { searchOf, strictly } from '@/lib/analytics/csv-query'
import { retentionToCsv } from '@/lib/analytics/retention-csv'
import { getRetention } from '@/lib/analytics/retention-query'
import { parseRetentionQuery } from '@/lib/analytics/retention-schema'
import { listTrendEvents } from '@/lib/analytics/trends-query'

export const GET = defineRoute(
  { route: '/api/analytics/retention/csv', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const query = strictly(parseRetentionQuery(searchOf(req.url), await listTrendEvents()))
    const retention = await getRetention(query, new Date(), env.ANALYTICS_MIN_GROUP_SIZE)
    return csvResponse(`wardroom-retention-${retention.weeks[0]}-${query.weeks}-weeks.csv`, retentionToCsv(retention))
  },
)
