/**
 * `GET /api/analytics/funnel/dropoffs?<the funnel's parameters>&step=N[&limit=25]` (a session with
 * analytics:read, or an API key with scope read): the people lost at step N (reached N − 1, not N), most
 * recent first, with the sessions overlapping their chain — pseudonymous, and nobody listed when fewer
 * than ANALYTICS_MIN_GROUP_SIZE (11) were lost (DropOffList, lib/analytics/funnel-query.ts).
 */
import { z } from 'zod'
import { listDropOffs, MAX_DROP_OFF_LIMIT } from '@/lib/analytics/funnel-dropoffs'
import { funnelQueryOf } from '@/lib/analytics/funnel-report'
import { env } from '@/lib/env'
import { invalid } from '@/lib/errors'
import { defineRoute, json } from '@/lib/http/route'

const Params = z.object({
  step: z.coerce.number({ message: 'step is a number' }).int().min(2, 'step is a step after the first (2 or more)').max(10),
  limit: z.coerce.number().int().min(1).max(MAX_DROP_OFF_LIMIT).default(25),
})

export const GET = defineRoute(
  { route: '/api/analytics/funnel/dropoffs', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const search = new URL(req.url).searchParams
    const params = Params.safeParse({ step: search.get('step') ?? undefined, limit: search.get('limit') ?? undefined })
    if (!params.success) throw invalid(params.error)
    const query = await funnelQueryOf(search)
    return json(await listDropOffs(query, params.data.step, { limit: params.data.limit }, env.ANALYTICS_MIN_GROUP_SIZE), { headers: { 'Cache-Control': 'no-store' } })
  },
)
