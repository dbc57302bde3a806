/**
 * The analytics ingest endpoints, built here so each app/api/analytics/…/route.ts is one line:
 * - the guide's `track` (one event → 202 {"accepted":1}, or 422 naming the reason) and `batch`
 *   (up to 10,000 → 202 {"accepted","rejected":[{index,code,message}]}; the valid ones are kept);
 * - Segment's HTTP Tracking API `v1/batch|track|identify|page` → 200 {"success":true}, the write key as
 *   Basic user (lib/auth/api-keys.ts). Segment's SDKs drop a batch on any 4xx, so a v1 batch stores the
 *   valid messages and answers success; the refused ones are counted in the audit row.
 */
import { z } from 'zod'
import { ApiError, unprocessable } from '../errors'
import { defineRoute, json, readJson, type RouteHandler } from '../http/route'
import { ingestAnalyticsEvents } from './commands'
import { ANALYTICS_BODY_LIMIT_BYTES, GuideBatch, GuideEvent, MAX_BATCH, SegmentBatch } from './schema'

const access = { kind: 'apikey', scope: 'events:write' } as const
/** Browsers' sendBeacon posts text/plain; Segment's browser SDK may too. */
const SEGMENT_TYPES = ['application/json', 'text/plain']

/** The batch, or 413 when it holds more than MAX_BATCH events. */
function withinLimit<T>(items: T[]): T[] {
  if (items.length > MAX_BATCH) {
    throw new ApiError(413, 'payload_too_large', `A batch holds at most ${MAX_BATCH.toLocaleString('en')} events (got ${items.length.toLocaleString('en')})`)
  }
  return items
}

export const trackRoute: RouteHandler = defineRoute({ route: '/api/analytics/track', access }, async ({ req, actor, requestId, ip }) => {
  const event = await readJson(req, GuideEvent)
  const out = await ingestAnalyticsEvents(actor, [event], 'guide', { requestId, ip })
  const refused = out.rejected[0]
  if (refused) throw new ApiError(422, refused.code, refused.message, { timestamp: [refused.message] })
  return json({ accepted: out.accepted }, { status: 202 })
})

export const batchRoute: RouteHandler = defineRoute({ route: '/api/analytics/batch', access }, async ({ req, actor, requestId, ip }) => {
  // The items are handed on, never held in a variable here: an async function keeps its variables until it
  // settles, and ingestAnalyticsEvents lets go of them once it has encoded the batch (lib/slo/commands.ts).
  const out = await ingestAnalyticsEvents(actor, withinLimit(await readJson(req, GuideBatch, { limit: ANALYTICS_BODY_LIMIT_BYTES })), 'guide', { requestId, ip })
  return json({ accepted: out.accepted, rejected: out.rejected }, { status: 202 })
})

const AnyObject = z.record(z.string(), z.unknown())

/** `v1/track`, `v1/identify`, `v1/page`: one message of the route's type (a `type` in the body must agree). */
export function segmentCallRoute(type: 'track' | 'identify' | 'page'): RouteHandler {
  return defineRoute({ route: `/api/analytics/v1/${type}`, access }, async ({ req, actor, requestId, ip }) => {
    const body = await readJson(req, AnyObject, { types: SEGMENT_TYPES })
    if (body.type !== undefined && body.type !== type) throw unprocessable(`This endpoint takes ${type} calls`, { type: [`Expected ${type}`] })
    const out = await ingestAnalyticsEvents(actor, [{ ...body, type }], 'segment', { requestId, ip })
    const refused = out.rejected[0]
    if (refused) throw new ApiError(422, refused.code, refused.message)
    return json({ success: true }, { status: 200 })
  })
}

export const segmentBatchRoute: RouteHandler = defineRoute({ route: '/api/analytics/v1/batch', access }, async ({ req, actor, requestId, ip, log }) => {
  const out = await ingestAnalyticsEvents(actor, withinLimit((await readJson(req, SegmentBatch, { limit: ANALYTICS_BODY_LIMIT_BYTES, types: SEGMENT_TYPES })).batch), 'segment', { requestId, ip })
  // The client is told success either way (see above): the refusals are logged, codes and indexes only.
  if (out.rejected.length > 0) log.info({ refused: out.rejected.length, codes: [...new Set(out.rejected.map((r) => r.code))] }, 'analytics messages refused')
  return json({ success: true }, { status: 200 })
})
