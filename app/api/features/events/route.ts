/**
 * `POST /api/features/events` (scope events:write): batched experiment exposures and conversions,
 * `{"events":[{"experiment","variant","subject","kind","at"?}]}` or a bare array → 202 `{accepted, duplicates}`.
 * Subjects (targeting keys) are stored only as their sha256.
 */
import { defineRoute, json, readJson } from '@/lib/http/route'
import { recordExperimentEvents } from '@/lib/flags/commands/experiments'
import { ExperimentEventsInput } from '@/lib/flags/schema'

export const POST = defineRoute(
  { route: '/api/features/events', access: { kind: 'apikey', scope: 'events:write' } },
  async ({ req, actor, requestId, ip }) => {
    const body = await readJson(req, ExperimentEventsInput, { limit: 2_000_000 })
    const events = Array.isArray(body) ? body : body.events
    return json(await recordExperimentEvents(actor, events, { requestId, ip }), { status: 202 })
  },
)
