/**
 * `GET /api/feedback/sla/csv?days=7|30|90` (a session with feedback:read, or an API key with scope read):
 * the processing-SLA report of /feedback/sla as CSV, one row per priority: items received in the range,
 * met, breached, open, overdue, the share met and the median minutes to triage. 422 for any other range.
 */
import { z } from 'zod'
import { csvDocument, csvResponse } from '@/lib/csv'
import { parseOrThrow } from '@/lib/errors'
import { getSlaReport } from '@/lib/feedback/report-queries'
import { SLA_CSV_COLUMNS, slaCsvRows } from '@/lib/feedback/sla-report'
import { defineRoute } from '@/lib/http/route'

const Query = z.object({ days: z.enum(['7', '30', '90'], 'Use 7, 30 or 90 (days)').default('30') })

export const GET = defineRoute(
  { route: '/api/feedback/sla/csv', access: { kind: 'session-or-apikey', permission: 'feedback:read', scope: 'read' } },
  async ({ req, actor }) => {
    const { days } = parseOrThrow(Query, Object.fromEntries(new URL(req.url).searchParams))
    const now = new Date()
    const report = await getSlaReport(actor, Number(days), now)
    return csvResponse(`wardroom-feedback-sla-${now.toISOString().slice(0, 10)}-${days}-days.csv`, csvDocument(SLA_CSV_COLUMNS, slaCsvRows(report.lines)))
  },
)
