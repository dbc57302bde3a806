/**
 * Wardroom's own alert API (API key scope alerts:write):
 * `POST /api/alerts {"severity","system","message","timestamp","dedupKey"?,"service"?,"details"?}`
 * → 202 `{"alertId","incidentId","deduplicated"}`. The alert goes through the batch write (lib/incidents/ingest.ts).
 */
import { defineRoute, json, readJson } from '@/lib/http/route'
import { ingestAlert } from '@/lib/incidents/ingest'
import { ApiAlertInput } from '@/lib/incidents/schema'

export const POST = defineRoute({ route: '/api/alerts', access: { kind: 'apikey', scope: 'alerts:write' } }, async ({ req, actor, requestId, ip }) => {
  const input = await readJson(req, ApiAlertInput)
  const { alertId, incidentId, deduplicated } = await ingestAlert(
    actor,
    {
      source: 'api',
      severity: input.severity,
      system: input.system,
      message: input.message,
      occurredAt: new Date(input.timestamp),
      dedupKey: input.dedupKey,
      serviceKey: input.service,
      details: input.details,
    },
    { requestId, ip },
  )
  return json({ alertId, incidentId, deduplicated }, { status: 202 })
})
