/**
 * `GET /api/analytics/dashboard?from=ISO&to=ISO` (a session with analytics:read, or an API key with scope
 * read): the guide's dashboard as JSON for the range (default the last 7 days, at most 92):
 * `{"range","minGroupSize","sessions","activeUsers","workflows":[{"key","name","started","completed",
 * "completionRate","medianDurationMs","steps":[…]}],"topDropOffSteps":[…]}`. Counts of fewer than
 * ANALYTICS_MIN_GROUP_SIZE (11) people are null (k-anonymity).
 */
import { getDashboard } from '@/lib/analytics/dashboard'
import { dashboardRangeOf } from '@/lib/analytics/overview'
import { env } from '@/lib/env'
import { invalid } from '@/lib/errors'
import { defineRoute, json } from '@/lib/http/route'

export const GET = defineRoute(
  { route: '/api/analytics/dashboard', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const range = dashboardRangeOf(new URL(req.url).searchParams)
    if (!range.success) throw invalid(range.error)
    return json(await getDashboard(range.data.from, range.data.to, env.ANALYTICS_MIN_GROUP_SIZE), { headers: { 'Cache-Control': 'no-store' } })
  },
)
