/**
 * SLI event ingest (API key scope sli:write):
 * `POST /api/sli/events` with up to 10,000 items, as a bare array, `{"items": [...]}` or `{"events": [...]}`;
 * each item `{"sli","service","workflow"?,"at","value"}` (threshold SLIs) or `{"sli","service","workflow"?,"at","good","total"}`
 * (ratio SLIs) → 202 `{"accepted": n}`. Errors name the item and field as `items.<index>.<field>` whatever the
 * envelope; timestamps more than 5 minutes ahead, or with a UTC offset beyond ±15:59, are refused. Bodies up to
 * 8 MB (413 beyond).
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { z } from 'zod'
import { defineRoute, json, readJson } from '@/lib/http/route'
import { invalid } from '@/lib/errors'
import { ingestSliEvents } from '@/lib/slo/commands'
import { parseSliEventBatch, SLI_BODY_LIMIT_BYTES, type SliEventItem } from '@/lib/slo/schema'

const AnyJson = z.unknown()

/**
 * The batch's items, validated by parseSliEventBatch (a cheap schema for the usual batch, the full one to
 * name what is wrong: more than readJson's one schema can say), or 422 naming each refused item and field.
 * Parsing and validating 10,000 items takes 10–20 ms of CPU: the event loop gets a turn between the two and
 * after, so that the database answers of concurrent batches are read meanwhile rather than after both.
 */
async function validItems(req: Request): Promise<SliEventItem[]> {
  const body = await readJson(req, AnyJson, { limit: SLI_BODY_LIMIT_BYTES })
  await nextTurn()
  const parsed = parseSliEventBatch(body, new Date())
  if (!parsed.success) throw invalid(parsed.error)
  await nextTurn()
  return parsed.data.items
}

export const POST = defineRoute({ route: '/api/sli/events', access: { kind: 'apikey', scope: 'sli:write' } }, async ({ req, actor, requestId, ip }) => {
  // The items are handed on, never held in a variable of this function: an async function keeps its
  // variables until it settles, and ingestSliEvents lets go of them once it has encoded the batch.
  const result = await ingestSliEvents(actor, await validItems(req), { requestId, ip })
  return json(result, { status: 202 })
})
