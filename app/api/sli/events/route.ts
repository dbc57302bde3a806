/**
 * SLI event ingest (API key scope sli:write):
 * `POST /api/sli/events` with up to 10,000 items, as a bare array, `{"items": [...]}` or `{"events": [...]}`;
 * each item `{"sli","service","workflow"?,"at","value"}` (threshold SLIs) or `{"sli","service","workflow"?,"at","good","total"}`
 * (ratio SLIs) → 202 `{"accepted": n}`. Errors name the item and field as `items.<index>.<field>` whatever the
 * envelope; timestamps more than 5 minutes ahead are refused. Bodies up to 8 MB (413 beyond).
 */
import { z } from 'zod'
import { defineRoute, json, readJson } from '@/lib/http/route'
import { ingestSliEvents } from '@/lib/slo/commands'
import { batchEnvelope, sliEventBatch, SLI_BODY_LIMIT_BYTES } from '@/lib/slo/schema'

export const POST = defineRoute({ route: '/api/sli/events', access: { kind: 'apikey', scope: 'sli:write' } }, async ({ req, actor, requestId, ip }) => {
  const { items } = await readJson(req, z.preprocess(batchEnvelope, sliEventBatch(new Date())), { limit: SLI_BODY_LIMIT_BYTES })
  const result = await ingestSliEvents(actor, items, { requestId, ip })
  return json(result, { status: 202 })
})
