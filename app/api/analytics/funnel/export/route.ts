/**
 * `GET /api/analytics/funnel/export?<the funnel's parameters>&table=steps|time|dropoffs[&step=N&limit=N]`
 * (a session with analytics:read, or an API key with scope read): one table of the funnel page as CSV —
 * the steps of everyone and of each breakdown group, the time-to-convert buckets, or the people lost at
 * step N with their sessions. The funnel's parameters are those of GET /api/analytics/funnel
 * (lib/analytics/funnel-params.ts). Figures about fewer than ANALYTICS_MIN_GROUP_SIZE (11) people are empty
 * fields, named in the row's `suppressed` column. Bad parameters answer 400/404/422 in the JSON error shape.
 */
import { z } from 'zod'
import { csvDocument, csvResponse } from '@/lib/csv'
import { env } from '@/lib/env'
import { invalid, unprocessable } from '@/lib/errors'
import { defineRoute } from '@/lib/http/route'
import { listDropOffs, MAX_DROP_OFF_LIMIT } from '@/lib/analytics/funnel-dropoffs'
import { funnelQueryOf, getFunnelReport } from '@/lib/analytics/funnel-report'
import { dropOffsCsv, FUNNEL_CSV_TABLES, funnelCsvFilename, stepsCsv, timeCsv } from '@/lib/analytics/report-csv'

const ExportParams = z.object({
  table: z.enum(FUNNEL_CSV_TABLES, { message: `table is one of ${FUNNEL_CSV_TABLES.join(', ')}` }),
  step: z.coerce.number().int().min(2, 'step is a step after the first (2 or more)').max(10).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DROP_OFF_LIMIT).default(50),
})

export const GET = defineRoute(
  { route: '/api/analytics/funnel/export', access: { kind: 'session-or-apikey', permission: 'analytics:read', scope: 'read' } },
  async ({ req }) => {
    const params = new URL(req.url).searchParams
    const opts = ExportParams.safeParse({ table: params.get('table') ?? undefined, step: params.get('step') ?? undefined, limit: params.get('limit') ?? undefined })
    if (!opts.success) throw invalid(opts.error)
    const { table, step, limit } = opts.data
    if (table === 'dropoffs' && step === undefined) throw unprocessable('The drop-off table is of one step: give step', { step: ['Required for table=dropoffs'] })

    const query = await funnelQueryOf(params)
    const k = env.ANALYTICS_MIN_GROUP_SIZE

    if (table === 'dropoffs') {
      const csv = dropOffsCsv(await listDropOffs(query, step!, { limit }, k))
      return csvResponse(funnelCsvFilename({ query }, 'dropoffs', step), csvDocument(csv.columns, csv.rows))
    }
    const report = await getFunnelReport(query, k)
    const csv = table === 'steps' ? stepsCsv(report) : timeCsv(report)
    return csvResponse(funnelCsvFilename(report, table), csvDocument(csv.columns, csv.rows))
  },
)
