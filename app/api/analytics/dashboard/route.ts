/**
 * `GET /api/analytics/dashboard?from=ISO&to=ISO` (a session with analytics:read, or an API key with scope
 * read): the guide's dashboard as JSON for the range (default the last 7 days, at most 92):
 * `{"range","minGroupSize","sessions","activeUsers","workflows":[{"key","name","started","completed",
 * "completionRate","medianDurationMs","steps":[…]}],"topDropOffSteps":[…]}`. Counts of fewer than
 * ANALYTICS_MIN_GROUP_SIZE (11) people are null (k-anonymity).
 */
import { z } from 'zod'
import { getDashboard } from '@/lib/analytics/dashboard'
import { env } from '@/lib/env'
import { invalid } from '@/lib/errors'
import { defineRoute, json } from '@/lib/http/route'

const DAY = 86_400_000
const Range = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .transform((r) => {
    const to = r.to ? new Date(r.to) : new Date()
    return { from: r.from ? new Date(r.from) : new Date(to.getTime() - 7 * DAY), to }
  })
  .refine((r) => r.from < r.to, { message: 'from must be before to', path: ['from'] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 92 * DAY, { message: 'The range is at most 92 days', path: ['to'] })

export const GET = defineRoute(
  { route: '/api/analytics/dashboard', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const params = new URL(req.url).searchParams
    const range = Range.safeParse({ from: params.get('from') ?? undefined, to: params.get('to') ?? undefined })
    if (!range.success) throw invalid(range.error)
    return json(await getDashboard(range.data.from, range.data.to, env.ANALYTICS_MIN_GROUP_SIZE), { headers: { 'Cache-Control': 'no-store' } })
  },
)
