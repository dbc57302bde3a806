/**
 * `GET /api/slo` (a session with slo:read, or an API key with scope read):
 * `{"slos":[{"key","service","target","window","compliance","budgetRemaining","burnRates":{"5m",…,"3d"},"status","alerts":[…],…}]}`,
 * worst first. The same objects the SLO overview page renders. Burn rates are null where a window saw no
 * events or the SLO has no budget (a 100 % target with errors: infinite).
 */
import { defineRoute, json } from '@/lib/http/route'
import { getSloOverview } from '@/lib/slo/queries'

export const GET = defineRoute({ route: '/api/slo', access: { kind: 'session-or-apikey', permission: 'slo:read', scope: 'read' } }, async () => {
  const slos = await getSloOverview(new Date())
  return json({ slos }, { headers: { 'Cache-Control': 'no-store' } })
})
