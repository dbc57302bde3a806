/**
 * `GET /api/analytics/dashboard/export?from=ISO&to=ISO` (a session with analytics:read, or an API key with
 * scope read): the dashboard's workflow steps as CSV, one row per step; counts of fewer than
 * ANALYTICS_MIN_GROUP_SIZE people are empty, with `suppressed` true.
 */
import { getDashboard } from '@/lib/analytics/dashboard'
import { DASHBOARD_CSV_COLUMNS, dashboardCsvRows, dashboardRangeOf } from '@/lib/analytics/overview'
import { csvDocument, csvResponse } from '@/lib/csv'
import { env } from '@/lib/env'
import { invalid } from '@/lib/errors'
import { defineRoute } from '@/lib/http/route'

export const GET = defineRoute(
  { route: '/api/analytics/dashboard/export', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const range = dashboardRangeOf(new URL(req.url).searchParams)
    if (!range.success) throw invalid(range.error)
    const { from, to } = range.data
    const dashboard = await getDashboard(from, to, env.ANALYTICS_MIN_GROUP_SIZE)
    const day = (d: Date) => d.toISOString().slice(0, 10)
    return csvResponse(`wardroom-workflows-${day(from)}-${day(to)}.csv`, csvDocument(DASHBOARD_CSV_COLUMNS, dashboardCsvRows(dashboard)))
  },
)
