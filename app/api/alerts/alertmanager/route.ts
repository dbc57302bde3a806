/**
 * Prometheus Alertmanager webhook receiver (payload version "4"), API key scope alerts:write:
 *   receivers: [{ name: wardroom, webhook_configs: [{ url: https://…/api/alerts/alertmanager,
 *                 http_config: { authorization: { credentials: <key> } } }] }]
 * One notification group is one incident; see lib/incidents/adapters/alertmanager.ts.
 */
import { defineRoute, json, readJson } from '@/lib/http/route'
import { ingestAlertmanager } from '@/lib/incidents/adapters/alertmanager'
import { AlertmanagerPayload } from '@/lib/incidents/schema'

export const POST = defineRoute(
  { route: '/api/alerts/alertmanager', access: { kind: 'apikey', scope: 'alerts:write' } },
  async ({ req, actor, requestId, ip }) => {
    const payload = await readJson(req, AlertmanagerPayload)
    const result = await ingestAlertmanager(actor, payload, { requestId, ip })
    return json(result, { status: 202 })
  },
)
