/**
 * `GET /api/slo/{key}?from=&to=` (a session with slo:read, or an API key with scope read): the SLO's
 * definition (archived ones too, with `archivedAt`) and its history, the rollups summed per hour over
 * [from, to): `{"slo":{…},"from","to","hours":[{"hour","good","total","compliance"}]}`. Default range the
 * last 7 days; 400 for a time that is not ISO 8601, 422 for an empty range or one longer than 90 days,
 * 404 for an unknown key.
 */
import { defineRoute, json } from '@/lib/http/route'
import { badRequest, notFound, unprocessable, zodFields } from '@/lib/errors'
import { getSloHistory, HistoryParams, historyRange } from '@/lib/slo/manage-reads'

export const GET = defineRoute<{ key: string }>(
  { route: '/api/slo/[key]', access: { kind: 'session-or-apikey', permission: 'slo:read', scope: 'read' } },
  async ({ req, params }) => {
    const url = new URL(req.url)
    const parsed = HistoryParams.safeParse(Object.fromEntries(url.searchParams))
    if (!parsed.success) throw badRequest('Use ISO 8601 times for from and to, e.g. 2026-12-01T00:00:00Z', zodFields(parsed.error))
    const range = historyRange(parsed.data, new Date())
    if ('message' in range) throw unprocessable(range.message, { [range.field]: [range.message] })
    const history = await getSloHistory(params.key, range.from, range.to)
    if (!history) throw notFound(`No SLO with the key ${params.key}`)
    return json(history, { headers: { 'Cache-Control': 'no-store' } })
  },
)
