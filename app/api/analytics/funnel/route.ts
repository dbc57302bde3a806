/**
 * `GET /api/analytics/funnel?workflow=<key>|steps=<JSON>&from&to&window&order&exclusions&breakdown` (a session
 * with analytics:read, or an API key with scope read): the funnel report (lib/analytics/funnel-query.ts,
 * FunnelReport) computed in one pass in SQL. Parameters: lib/analytics/funnel-params.ts. Counts of fewer
 * than ANALYTICS_MIN_GROUP_SIZE (11) people are null; groups with fewer starters are left out and counted.
 * 400 unreadable parameters (bad JSON or window), 404 unknown workflow, 422 invalid ones or an unknown
 * experiment in `breakdown=flag:<key>`.
 */
import { funnelQueryOf, getFunnelReport } from '@/lib/analytics/funnel-report'
import { env } from '@/lib/env'
import { defineRoute, json } from '@/lib/http/route'

export const GET = defineRoute(
  { route: '/api/analytics/funnel', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const query = await funnelQueryOf(new URL(req.url).searchParams)
    return json(await getFunnelReport(query, env.ANALYTICS_MIN_GROUP_SIZE), { headers: { 'Cache-Control': 'no-store' } })
  },
)
