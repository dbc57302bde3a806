/**
 * `GET /api/slo/reports/<id>/csv` (a session with report:read, or an API key with scope read): the stored
 * report as CSV, one row per objective, as an attachment. 404 JSON for an unknown or malformed id.
 */
import { defineRoute } from '@/lib/http/route'
import { notFound } from '@/lib/errors'
import { getReport } from '@/lib/slo/report-queries'
import { reportCsvFilename, reportToCsv } from '@/lib/slo/report-csv'

export const GET = defineRoute<{ id: string }>(
  { route: '/api/slo/reports/[id]/csv', access: { kind: 'session-or-apikey', permission: 'report:read', scope: 'read' } },
  async ({ params }) => {
    const report = await getReport(params.id)
    if (!report) throw notFound('No such report')
    return new Response(reportToCsv(report, report.data), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${reportCsvFilename(report)}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  },
)
